import { ulidToTimestamp as decodeTime } from '@kilocode/kilo-chat';
import { check, checkApiError, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { findMessage } from './helpers.js';

const approval = {
  type: 'actions' as const,
  groupId: 'approve-1',
  actions: [
    { label: 'Allow once', style: 'primary' as const, value: 'allow-once' as const },
    { label: 'Deny', style: 'danger' as const, value: 'deny' as const },
  ],
};

/** Action scenarios (kilo-chat.md §6.6 and §7 "Actions"). */
export const actionScenarios = [
  defineScenario({
    id: 'actions.execute',
    title: 'execute resolves the group (resolvedBy = caller), pushes message.updated with clientUpdatedAt null, then 409 on repeat',
    area: 'actions',
    reference: 'kilo-chat.md §6.6; §4.2 message.updated; §7 Actions',
    requires: ['botToken'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const botSend = await ctx.timed(() => ctx.bot().sendMessage({ conversationId, content: [{ type: 'text', text: 'May I?' }, approval] }));
      const { messageId } = botSend.value;
      // kilo-chat.md §6.1: the message ULID's time is the server's; with joinedAt it pins the server clock.
      ctx.serverClock.observe(decodeTime(messageId), botSend.sentAt, botSend.receivedAt);
      const events = await ctx.listen('user', [], conversationId);
      const call = await ctx.timed(() => ctx.chat().executeAction(conversationId, messageId, { groupId: 'approve-1', value: 'allow-once' }));
      const result = call.value;
      checkEqual([result.ok, result.messageId, result.resolved.groupId, result.resolved.value], [true, messageId, 'approve-1', 'allow-once'], 'result');
      // §6.6 / §7 "Actions": resolvedAt is the server's time during the request (≥ the request time).
      const window = ctx.serverClock.window(call.sentAt, call.receivedAt, 5);
      check(
        result.resolved.resolvedAt >= window.from && result.resolved.resolvedAt <= window.to,
        `resolvedAt is the server time of the request: ${result.resolved.resolvedAt} not in ${window.from}…${window.to}`,
      );
      const block = result.content.find((b) => b.type === 'actions');
      checkEqual(block && 'resolved' in block ? block.resolved?.value : undefined, 'allow-once', 'stored block resolved');
      const updated = await events.waitFor('message.updated', eventIs('message.updated', ctx.conversationContext(conversationId), (p) => p.messageId === messageId));
      checkEqual((updated.payload as { clientUpdatedAt: unknown }).clientUpdatedAt, null, 'clientUpdatedAt');
      await checkApiError(
        ctx.chat().executeAction(conversationId, messageId, { groupId: 'approve-1', value: 'deny' }),
        409,
        'second execute',
        'Action already resolved',
      );
    },
  }),
  defineScenario({
    id: 'actions.bad-input',
    title: 'an unoffered value gets 400, an unknown group 404, an unknown message 404',
    area: 'actions',
    reference: 'kilo-chat.md §2.1 H11; §6.6',
    requires: ['botToken'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const { messageId } = await ctx.bot().sendMessage({
        conversationId,
        content: [{ ...approval, actions: [{ label: 'Allow once', style: 'primary', value: 'allow-once' }] }],
      });
      await checkApiError(ctx.chat().executeAction(conversationId, messageId, { groupId: 'approve-1', value: 'deny' }), 400, 'unoffered value', 'Value does not match any offered action');
      await checkApiError(ctx.chat().executeAction(conversationId, messageId, { groupId: 'other', value: 'deny' }), 404, 'unknown group', 'Action group not found');
      await checkApiError(
        ctx.chat().executeAction(conversationId, '00000000000000000000000000', { groupId: 'approve-1', value: 'deny' }),
        404,
        'unknown message',
      );
    },
  }),
  defineScenario({
    id: 'actions.delivery-failed-revert',
    title: 'bot action delivery-failed reverts the resolution, pushes action.delivery_failed, and is idempotent',
    area: 'actions',
    reference: 'kilo-chat.md §2.2 B16; §5.4; §6.6; §4.2 action.delivery_failed',
    requires: ['botToken'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const { messageId } = await ctx.bot().sendMessage({ conversationId, content: [approval] });
      await ctx.chat().executeAction(conversationId, messageId, { groupId: 'approve-1', value: 'allow-once' });
      const events = await ctx.listen('user', [], conversationId);
      await ctx.bot().reportActionDeliveryFailed({ conversationId, groupId: 'approve-1', messageId });
      await events.waitFor('action.delivery_failed', eventIs('action.delivery_failed', ctx.conversationContext(conversationId), (p) => p.messageId === messageId && p.groupId === 'approve-1'));
      await ctx.bot().reportActionDeliveryFailed({ conversationId, groupId: 'approve-1', messageId });
      const stored = await findMessage(ctx, conversationId, messageId);
      check(stored !== undefined, 'the message is listed');
      const block = stored.content.find((b) => b.type === 'actions');
      check(block !== undefined && !('resolved' in block && block.resolved), 'resolution reverted');
      const again = await ctx.chat().executeAction(conversationId, messageId, { groupId: 'approve-1', value: 'deny' });
      checkEqual(again.resolved.value, 'deny', 'clickable again after revert');
    },
  }),
];
