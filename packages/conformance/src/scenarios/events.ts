import { check, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { botStatusAt, sendText } from './helpers.js';
import { mintTicket, openRaw, rawEvents, rawSubscribeConfirmed } from './raw-socket.js';

/** Event recipients and payload scenarios (kilo-chat.md §4.2). */
export const eventScenarios = [
  defineScenario({
    id: 'events.message-lifecycle',
    title: 'message.created/updated/deleted arrive on the conversation context with canonical payloads',
    area: 'events',
    reference: 'kilo-chat.md §4.2 message.created, message.updated, message.deleted',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const events = await ctx.listen('user', [], conversationId);
      const clientId = '01BX5ZZKBKACTAV9WEVGEMMVRZ';
      const { messageId, message } = await sendText(ctx, conversationId, '  created  ', 'user', { clientId });
      const created = await events.waitFor('message.created', eventIs('message.created', context, (p) => p.messageId === messageId));
      checkEqual(created.payload, {
        messageId,
        senderId: message.senderId,
        content: [{ type: 'text', text: 'created' }],
        inReplyToMessageId: null,
        replyTo: null,
        clientId,
      }, 'message.created payload');
      await ctx.chat().editMessage(messageId, { conversationId, content: [{ type: 'text', text: 'edited' }], timestamp: 77 });
      const updated = await events.waitFor('message.updated', eventIs('message.updated', context, (p) => p.messageId === messageId));
      checkEqual(updated.payload, { messageId, content: [{ type: 'text', text: 'edited' }], clientUpdatedAt: 77 }, 'message.updated payload');
      await ctx.chat().deleteMessage(messageId, { conversationId });
      await events.waitFor('message.deleted', eventIs('message.deleted', context, (p) => p.messageId === messageId));
    },
  }),
  defineScenario({
    id: 'events.conversation-created-and-renamed',
    title: 'conversation.created (ids equal) and conversation.renamed arrive on the instance context',
    area: 'events',
    reference: 'kilo-chat.md §4.2 conversation.created, conversation.renamed',
    async run(ctx) {
      const seed = await ctx.createConversation('barrier');
      const events = await ctx.listen('user', [ctx.instanceContext], seed.conversationId);
      const { conversationId } = await ctx.createConversation('Fresh');
      const created = await events.waitFor('conversation.created', eventIs('conversation.created', ctx.instanceContext, (p) => p.conversationId === conversationId));
      const payload = created.payload as { conversation: { conversationId: string; title: string | null } };
      checkEqual([payload.conversation.conversationId, payload.conversation.title], [conversationId, 'Fresh'], 'embedded list row');
      await ctx.chat().renameConversation(conversationId, { title: 'Renamed' });
      await events.waitFor('conversation.renamed', eventIs('conversation.renamed', ctx.instanceContext, (p) => p.conversationId === conversationId && p.title === 'Renamed'));
    },
  }),
  defineScenario({
    id: 'events.auto-title',
    title: 'the first text message titles an untitled conversation and pushes conversation.renamed once',
    area: 'events',
    reference: 'kilo-chat.md §6.8; §4.2 conversation.renamed',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const events = await ctx.listen('user', [ctx.instanceContext], conversationId);
      await sendText(ctx, conversationId, 'First line\nsecond line');
      await sendText(ctx, conversationId, 'Another message');
      await events.waitFor('conversation.renamed', eventIs('conversation.renamed', ctx.instanceContext, (p) => p.conversationId === conversationId));
      // §6.8: the first writer wins and a racing fan-out pushes no second rename; a
      // quiet window, not a barrier, lets a wrong second rename arrive (§2 conventions).
      await ctx.quiet();
      const renames = events.filter(eventIs('conversation.renamed', ctx.instanceContext, (p) => p.conversationId === conversationId));
      checkEqual(renames.map((e) => (e.payload as { title: string }).title), ['First line second line'], 'one auto-title');
      checkEqual((await ctx.chat().getConversation(conversationId)).title, 'First line second line', 'stored title');
    },
  }),
  defineScenario({
    id: 'events.recipients-members-only',
    title: 'a non-member whose subscription to a conversation context is confirmed receives none of its events',
    area: 'events',
    reference: 'kilo-chat.md §4.1; §4.2 Recipients',
    requires: ['secondUser'],
    async run(ctx) {
      // kilo-chat.md §4.1–4.2: events go to the conversation's human members only.
      // The intruder is a member of nothing here, so its subscription is confirmed
      // by the 200-context limit's error frame (event-service.md §2.3), not assumed.
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const intruder = await openRaw(ctx, await mintTicket(ctx, 'second'));
      await rawSubscribeConfirmed(intruder, [context, ctx.instanceContext]);
      const member = await ctx.listen('user', [ctx.instanceContext], conversationId);
      const { messageId } = await sendText(ctx, conversationId, 'members only');
      await member.waitFor('message.created', eventIs('message.created', context, (p) => p.messageId === messageId));
      await member.waitFor('conversation.activity', eventIs('conversation.activity', ctx.instanceContext, (p) => p.conversationId === conversationId));
      await ctx.quiet();
      const leaked = rawEvents(intruder).filter((f) => f.context === context || f.payload.conversationId === conversationId);
      checkEqual(leaked.map((f) => f.event), [], 'events of the conversation received by the non-member');
    },
  }),
  defineScenario({
    id: 'events.bot-status-owner-only',
    title: 'bot.status reaches the sandbox owner on the instance context, not another user subscribed to it, and the status is readable',
    area: 'status',
    reference: 'kilo-chat.md §4.2 bot.status; §3.9',
    requires: ['botToken', 'secondUser'],
    async run(ctx) {
      // kilo-chat.md §4.2 (`bot.status`: only the sandbox owner) and §3.9 (stored only
      // when `at` is strictly newer than the stored one, pushed anyway).
      const seed = await ctx.createConversation();
      const other = await openRaw(ctx, await mintTicket(ctx, 'second'));
      await rawSubscribeConfirmed(other, [ctx.instanceContext]);
      const events = await ctx.listen('user', [ctx.instanceContext], seed.conversationId);
      const at = await botStatusAt(ctx);
      await ctx.bot().setBotStatus({ online: true, at, capabilities: ['attachments'] });
      const pushed = await events.waitFor('bot.status', eventIs('bot.status', ctx.instanceContext, (p) => p.at === at));
      checkEqual(pushed.payload, { sandboxId: ctx.sandboxId, online: true, at, capabilities: ['attachments'] }, 'bot.status payload');
      const { status } = await ctx.chat().getBotStatus(ctx.sandboxId);
      check(status !== null && typeof status.updatedAt === 'number' && status.at >= at, `stored bot status at ≥ ${at}, got ${JSON.stringify(status)}`);
      // A newer write by the live bot in between may have replaced ours; otherwise it is ours.
      if (status.at === at) checkEqual([status.online, status.capabilities], [true, ['attachments']], 'stored bot status');
      await ctx.quiet();
      // Only bot.status is looked at: the other user may be a member of other conversations of the sandbox.
      checkEqual(rawEvents(other).filter((f) => f.event === 'bot.status'), [], 'bot.status events received by the non-owner');
    },
  }),
];
