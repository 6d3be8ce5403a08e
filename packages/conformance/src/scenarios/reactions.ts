import { check, checkApiError, checkEqual, checkUlid } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { findMessage, sendText } from './helpers.js';

/** Reaction scenarios (kilo-chat.md §7 "Reactions", §6.2). */
export const reactionScenarios = [
  defineScenario({
    id: 'reactions.idempotency',
    title: 'add is 201 then 200 with the same id; remove returns a new id, then removed:false with the first remove id',
    area: 'reactions',
    reference: 'kilo-chat.md §2.1 H13, H14; §6.2; §3.11',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const { messageId } = await sendText(ctx, conversationId, 'react to me');
      const add = (emoji: string) => ctx.raw(`/v1/messages/${messageId}/reactions`, { method: 'POST', body: { conversationId, emoji } });
      const first = await add('🎉');
      checkEqual(first.status, 201, 'first add status');
      const addId = (first.body as { id: string }).id;
      checkUlid(addId, 'add id');
      const again = await add('🎉');
      checkEqual([again.status, again.body], [200, { id: addId }], 'duplicate add');
      const removed = await ctx.chat().removeReaction(messageId, { conversationId, emoji: '🎉' });
      check(removed.removed && removed.id !== addId, 'remove returns a new operation id');
      const repeat = await ctx.chat().removeReaction(messageId, { conversationId, emoji: '🎉' });
      checkEqual(repeat, { removed: false, id: removed.id }, 'repeat remove');
      const never = await ctx.chat().removeReaction(messageId, { conversationId, emoji: '🦄' });
      checkEqual(never, { removed: false, id: null }, 'never-added remove');
      const readd = await ctx.chat().addReaction(messageId, { conversationId, emoji: '🎉' });
      check(readd.id !== addId && readd.id !== removed.id, 're-add gets a fresh id');
    },
  }),
  defineScenario({
    id: 'reactions.events',
    title: 'reaction events carry operationId equal to the returned id; idempotent repeats push nothing',
    area: 'reactions',
    reference: 'kilo-chat.md §4.2 reaction.added, reaction.removed; §3.11',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const sent = await sendText(ctx, conversationId, 'events');
      const { messageId } = sent;
      const context = ctx.conversationContext(conversationId);
      const events = await ctx.listen('user', [], conversationId);
      const { id } = await ctx.chat().addReaction(messageId, { conversationId, emoji: '👍' });
      await ctx.chat().addReaction(messageId, { conversationId, emoji: '👍' });
      const removed = await ctx.chat().removeReaction(messageId, { conversationId, emoji: '👍' });
      await ctx.chat().removeReaction(messageId, { conversationId, emoji: '👍' });
      // kilo-chat.md §4.2 / §6.2: reaction.added only on a 201, reaction.removed only on removed:true.
      // Wait for the two expected events, then a quiet window for any the repeats wrongly pushed
      // (pushes follow the response in no fixed order, §2 conventions).
      const me = sent.message.senderId; // a live bot may react too: only the user's reactions count
      const own = (name: string) => eventIs(name, context, (p) => p.messageId === messageId && p.emoji === '👍' && p.memberId === me);
      await events.waitFor('reaction.added with the add id', (e) => own('reaction.added')(e) && (e.payload as { operationId?: unknown }).operationId === id);
      await events.waitFor('reaction.removed with the remove id', (e) => own('reaction.removed')(e) && (e.payload as { operationId?: unknown }).operationId === removed.id);
      await ctx.quiet();
      const adds = events.filter(own('reaction.added'));
      const removes = events.filter(own('reaction.removed'));
      checkEqual(adds.map((e) => (e.payload as { operationId: string }).operationId), [id], 'one reaction.added with the add id');
      checkEqual(removes.map((e) => (e.payload as { operationId: string }).operationId), [removed.id], 'one reaction.removed with the remove id');
    },
  }),
  defineScenario({
    id: 'reactions.grouping-and-limits',
    title: 'reactions are grouped by emoji with counts; an empty, 65-byte or control-char emoji gets 400',
    area: 'reactions',
    reference: 'kilo-chat.md §3.1 Emoji; §3.4 reactions; §7 Reactions',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const { messageId } = await sendText(ctx, conversationId, 'group');
      await ctx.chat().addReaction(messageId, { conversationId, emoji: '👍' });
      await ctx.chat().addReaction(messageId, { conversationId, emoji: '❤️' });
      const stored = await findMessage(ctx, conversationId, messageId);
      const summary = [...(stored?.reactions ?? [])].sort((a, b) => a.emoji.localeCompare(b.emoji));
      checkEqual(summary.map((r) => [r.emoji, r.count, r.memberIds.length]).sort(), [['❤️', 1, 1], ['👍', 1, 1]].sort(), 'grouped reactions');
      for (const emoji of ['', 'a'.repeat(65), 'a\u0000b']) {
        const res = await ctx.raw(`/v1/messages/${messageId}/reactions`, { method: 'POST', body: { conversationId, emoji } });
        checkEqual(res.status, 400, `status for ${JSON.stringify(emoji.slice(0, 5))}`);
      }
      await checkApiError(ctx.chat().addReaction('not-a-ulid', { conversationId, emoji: '👍' }), 400, 'non-ULID message id');
    },
  }),
];
