import { check, checkApiError, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { botStatusAt } from './helpers.js';

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
      // kilo-chat.md §3.1 "Capability", §3.9, §4.2 `bot.status`: unknown capabilities are
      // dropped from the request, the record and the event; `at` is beyond the stored one.
      const seed = await ctx.createConversation();
      const events = await ctx.listen('user', [ctx.instanceContext], seed.conversationId);
      const at = await botStatusAt(ctx);
      const res = await ctx.raw(`/bot/v1/sandboxes/${ctx.sandboxId}/bot-status`, {
        method: 'POST',
        token: ctx.target.botToken ?? null,
        body: { online: true, at, capabilities: ['attachments', 'teleport'] },
      });
      checkEqual(res.status, 200, 'status');
      const pushed = await events.waitFor('bot.status', eventIs('bot.status', ctx.instanceContext, (p) => p.at === at));
      checkEqual((pushed.payload as { capabilities?: unknown }).capabilities, ['attachments'], 'capabilities in bot.status');
      const { status } = await ctx.chat().getBotStatus(ctx.sandboxId);
      check(status !== null && status.at >= at, `stored bot status at ≥ ${at}, got ${JSON.stringify(status)}`);
      // A newer write by the live bot in between may have replaced ours; otherwise it is ours.
      if (status.at === at) checkEqual(status.capabilities, ['attachments'], 'stored capabilities');
    },
  }),
];
