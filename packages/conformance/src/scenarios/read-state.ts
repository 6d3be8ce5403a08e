import { check, checkApiError, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { ulidToTimestamp } from '@kilocode/kilo-chat';
import { badgeBucketForConversation } from '@kilocode/notifications';
import { badgeClient, badgeTotals, sendText } from './helpers.js';

/** Mark-read scenarios (kilo-chat.md §6.5 and §7 "Read state"; badges: hooks-notifications.md §3.7). */
export const readStateScenarios = [
  defineScenario({
    id: 'read-state.monotonic',
    title: 'mark-read is monotonic: older or equal markers give applied:false and return the stored lastReadAt',
    area: 'read-state',
    reference: 'kilo-chat.md §6.5; §2.1 H6',
    requires: ['botToken'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const first = await ctx.bot().sendMessage({ conversationId, content: [{ type: 'text', text: 'bot one' }] });
      // lastReadAt is the marker's ULID time: the newer marker must be in a later
      // millisecond, or "the stored value" and "the value sent" cannot be told apart.
      let second = await ctx.bot().sendMessage({ conversationId, content: [{ type: 'text', text: 'bot two' }] });
      for (let tries = 0; ulidToTimestamp(second.messageId) <= ulidToTimestamp(first.messageId); tries += 1) {
        check(tries < 20, 'the server gave 20 messages the same ULID time');
        await new Promise((resolve) => setTimeout(resolve, 2));
        second = await ctx.bot().sendMessage({ conversationId, content: [{ type: 'text', text: 'bot two, a millisecond later' }] });
      }
      const latest = await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: second.messageId });
      checkEqual(latest.applied, true, 'first mark applied');
      const older = await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: first.messageId });
      checkEqual([older.applied, older.lastReadAt], [false, latest.lastReadAt], 'older marker');
      const same = await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: second.messageId });
      checkEqual(same.applied, false, 'repeat marker');
      const list = await ctx.chat().listConversations({ sandboxId: ctx.sandboxId, limit: 100 });
      checkEqual(list.conversations.find((c) => c.conversationId === conversationId)?.lastReadAt, latest.lastReadAt, 'list row lastReadAt');
    },
  }),
  defineScenario({
    id: 'read-state.badge-clear',
    title: 'marking the latest message read clears the conversation bucket (badgeClear: bucket and new total); an older one returns null',
    area: 'read-state',
    reference: 'kilo-chat.md §6.5; hooks-notifications.md §3.7',
    requires: ['botToken'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const first = await ctx.bot().sendMessage({ conversationId, content: [{ type: 'text', text: 'one' }] });
      const second = await ctx.bot().sendMessage({ conversationId, content: [{ type: 'text', text: 'two' }] });
      const older = await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: first.messageId });
      checkEqual(older.badgeClear, null, 'badgeClear for an older marker');
      const latest = await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: second.messageId });
      const bucket = badgeBucketForConversation(ctx.sandboxId, conversationId);
      checkEqual(latest.badgeClear?.badgeBucket, bucket, 'badge bucket');
      // badgeCount is the user's new total across all buckets (hooks-notifications.md §3.7),
      // which other conversations' unread messages keep above 0: only its type is fixed.
      const count = latest.badgeClear?.badgeCount;
      check(Number.isInteger(count) && (count as number) >= 0, `badgeCount is an integer ≥ 0, got ${String(count)}`);
      // The change this scenario causes: the conversation's bucket is cleared.
      const badges = badgeClient(ctx);
      if (badges !== null) {
        const { buckets } = await badges.listBadges();
        checkEqual(badgeTotals(buckets, bucket).bucket, 0, 'the cleared bucket in GET /v1/badges');
      }
    },
  }),
  defineScenario({
    id: 'read-state.sender-and-events',
    title: "a sender's own message advances their read marker and pushes conversation.read and conversation.activity",
    area: 'read-state',
    reference: 'kilo-chat.md §4.3; §6.5; §4.2 conversation.read, conversation.activity',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const events = await ctx.listen('user', [ctx.instanceContext], conversationId);
      const { messageId } = await sendText(ctx, conversationId, 'read by me');
      // kilo-chat.md §4.2, §4.3, §6.5: both carry the message's ULID time. A live bot's
      // reply pushes a later conversation.activity too, in no fixed order (§2): the
      // one for this message is awaited by its time, and the list row's activity
      // may have moved on to the reply.
      const t = ulidToTimestamp(messageId);
      const read = await events.waitFor('conversation.read', eventIs('conversation.read', ctx.instanceContext, (p) => p.conversationId === conversationId));
      checkEqual((read.payload as { lastReadAt: number }).lastReadAt, t, 'conversation.read lastReadAt is the message ULID time');
      await events.waitFor(
        'conversation.activity at the message ULID time',
        eventIs('conversation.activity', ctx.instanceContext, (p) => p.conversationId === conversationId && p.lastActivityAt === t),
      );
      const row = (await ctx.chat().listConversations({ sandboxId: ctx.sandboxId, limit: 100 })).conversations.find((c) => c.conversationId === conversationId);
      check(row !== undefined, 'the conversation is listed');
      checkEqual(row.lastReadAt, t, 'list row lastReadAt after own send');
      check(row.lastActivityAt !== null && row.lastActivityAt >= t, `list row lastActivityAt ≥ ${t}, got ${String(row.lastActivityAt)}`);
      const again = await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: messageId });
      checkEqual(again.applied, false, 'already read');
    },
  }),
  defineScenario({
    id: 'read-state.bad-input',
    title: 'a message id from another conversation gets 400; a non-member gets 403',
    area: 'read-state',
    reference: 'kilo-chat.md §6.5; §7 Read state',
    requires: ['secondUser'],
    async run(ctx) {
      const a = await ctx.createConversation();
      const b = await ctx.createConversation();
      const { messageId } = await sendText(ctx, b.conversationId, 'elsewhere');
      await checkApiError(ctx.chat().markConversationRead(a.conversationId, { lastSeenMessageId: messageId }), 400, 'foreign message');
      await checkApiError(ctx.chat('second').markConversationRead(b.conversationId, { lastSeenMessageId: messageId }), 403, 'non-member');
      const row = (await ctx.chat().listConversations({ sandboxId: ctx.sandboxId, limit: 100 })).conversations.find((c) => c.conversationId === a.conversationId);
      check(row !== undefined && row.lastReadAt === null, 'no read marker stored for the rejected mark');
    },
  }),
  defineScenario({
    id: 'read-state.read-event-only-when-applied',
    title: 'conversation.read is pushed for an applied mark-read only; older and repeated markers push nothing',
    area: 'read-state',
    requires: ['botToken'],
    reference: 'kilo-chat.md §6.5 ("conversation.read is pushed to the reader only when applied is true"); §4.2 conversation.read',
    async run(ctx) {
      // The bot writes, so the user's marker moves only through mark-read (§6.5).
      const { conversationId } = await ctx.createConversation();
      const first = await ctx.bot().sendMessage({ conversationId, content: [{ type: 'text', text: 'one' }] });
      const second = await ctx.bot().sendMessage({ conversationId, content: [{ type: 'text', text: 'two' }] });
      const events = await ctx.listen('user', [ctx.instanceContext], conversationId);
      const mine = eventIs('conversation.read', ctx.instanceContext, (p) => p.conversationId === conversationId);
      const applied = await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: second.messageId });
      checkEqual(applied.applied, true, 'first mark applied');
      const pushed = await events.waitFor('conversation.read for the applied mark', mine);
      checkEqual((pushed.payload as { lastReadAt?: unknown }).lastReadAt, applied.lastReadAt, 'lastReadAt in conversation.read');
      checkEqual((await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: first.messageId })).applied, false, 'older marker');
      checkEqual((await ctx.chat().markConversationRead(conversationId, { lastSeenMessageId: second.messageId })).applied, false, 'repeated marker');
      await ctx.quiet();
      checkEqual(events.filter(mine).map((e) => (e.payload as { lastReadAt: number }).lastReadAt), [applied.lastReadAt], 'conversation.read events of the conversation');
    },
  }),
];
