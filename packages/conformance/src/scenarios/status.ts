import { check, checkApiError, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';

/** Bot and conversation status scenarios (kilo-chat.md §3.9–3.10, §7 "Status"). */
export const statusScenarios = [
  defineScenario({
    id: 'status.conversation-status',
    title: 'conversation status is stored, pushed to the owner, read back, and older writes are ignored',
    area: 'status',
    requires: ['botToken'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      checkEqual((await ctx.chat().getConversationStatus(conversationId)).status, null, 'nothing stored yet');
      const events = await ctx.listen('user', [], conversationId);
      const status = { contextTokens: 1200, contextWindow: 200000, model: 'm-1', provider: 'p', at: 5000 };
      await ctx.bot().setConversationStatus({ conversationId, ...status });
      await events.waitFor('conversation.status', eventIs('conversation.status', ctx.conversationContext(conversationId), (p) => p.at === 5000));
      await ctx.bot().setConversationStatus({ conversationId, ...status, contextTokens: 1, at: 4000 });
      const stored = (await ctx.chat().getConversationStatus(conversationId)).status;
      check(stored !== null, 'status stored');
      checkEqual([stored.conversationId, stored.contextTokens, stored.at], [conversationId, 1200, 5000], 'stored record keeps the newest write');
    },
  }),
  defineScenario({
    id: 'status.owner-only',
    title: 'bot status and request-bot-status are owner-only (403 for another user)',
    area: 'status',
    requires: ['secondUser'],
    async run(ctx) {
      await checkApiError(ctx.chat('second').getBotStatus(ctx.sandboxId), 403, 'get bot status as non-owner');
      await checkApiError(ctx.chat('second').requestBotStatus(ctx.sandboxId), 403, 'request bot status as non-owner');
      const res = await ctx.chat().requestBotStatus(ctx.sandboxId);
      checkEqual(res.ok, true, 'owner request ok');
    },
  }),
  defineScenario({
    id: 'status.capabilities-filtered',
    title: 'unknown capabilities are dropped, not rejected',
    area: 'status',
    requires: ['botToken'],
    async run(ctx) {
      const res = await ctx.raw(`/bot/v1/sandboxes/${ctx.sandboxId}/bot-status`, {
        method: 'POST',
        token: ctx.target.botToken ?? null,
        body: { online: true, at: Date.now(), capabilities: ['attachments', 'teleport'] },
      });
      checkEqual(res.status, 200, 'status');
      const { status } = await ctx.chat().getBotStatus(ctx.sandboxId);
      checkEqual(status?.capabilities, ['attachments'], 'stored capabilities');
    },
  }),
];
