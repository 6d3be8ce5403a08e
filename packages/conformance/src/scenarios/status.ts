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
    reference: 'kilo-chat.md §2.2 B14; §2.1 H21; §3.9; §4.2 conversation.status',
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
    title: 'bot status and request-bot-status are owner-only, conversation status members-only (403 {error:"forbidden"} for another user)',
    area: 'status',
    reference: 'kilo-chat.md §2.1 H19, H20, H21; §3.10; §7 Status',
    requires: ['secondUser'],
    async run(ctx) {
      await checkApiError(ctx.chat('second').getBotStatus(ctx.sandboxId), 403, 'get bot status as non-owner', 'forbidden');
      await checkApiError(ctx.chat('second').requestBotStatus(ctx.sandboxId), 403, 'request bot status as non-owner', 'forbidden');
      const { conversationId } = await ctx.createConversation();
      await checkApiError(ctx.chat('second').getConversationStatus(conversationId), 403, 'conversation status as non-member', 'forbidden');
      const res = await ctx.chat().requestBotStatus(ctx.sandboxId);
      checkEqual(res.ok, true, 'owner request ok');
    },
  }),
  defineScenario({
    id: 'status.capabilities-filtered',
    title: 'unknown capabilities are dropped, not rejected',
    area: 'status',
    reference: 'kilo-chat.md §3.1 Capability; §3.9; §4.2 bot.status',
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
  defineScenario({
    id: 'status.bot-status-record',
    title: 'bot status: capabilities omitted (not []) when none given or none known; stored only when at is strictly newer; bot.status pushed for every write',
    area: 'status',
    requires: ['botToken'],
    reference: 'kilo-chat.md §3.9 (capabilities stored only when non-empty; monotonic upsert, event still pushed); §4.2 bot.status',
    async run(ctx) {
      const seed = await ctx.createConversation();
      const events = await ctx.listen('user', [ctx.instanceContext], seed.conversationId);
      const pushedAt = (at: number, online: boolean) =>
        events.waitFor(`bot.status at ${at}`, eventIs('bot.status', ctx.instanceContext, (p) => p.at === at && p.online === online));
      const stored = async () => (await ctx.chat().getBotStatus(ctx.sandboxId)).status;
      // A live bot may write a newer status in between: each check of what is
      // stored applies only while the stored `at` is still ours.
      const at = await botStatusAt(ctx);
      await ctx.bot().setBotStatus({ online: true, at });
      await pushedAt(at, true);
      let status = await stored();
      check(status !== null && status.at >= at, `stored at ≥ ${at}, got ${JSON.stringify(status)}`);
      if (status.at === at) check(!('capabilities' in status), `capabilities omitted when none were given, got ${JSON.stringify(status)}`);
      const unknownOnly = await ctx.raw(`/bot/v1/sandboxes/${ctx.sandboxId}/bot-status`, {
        method: 'POST',
        token: ctx.target.botToken ?? null,
        body: { online: true, at: at + 1, capabilities: ['teleport'] },
      });
      checkEqual([unknownOnly.status, unknownOnly.body], [200, { ok: true }], 'B13 response');
      await pushedAt(at + 1, true);
      status = await stored();
      check(status !== null && status.at >= at + 1, `stored at ≥ ${at + 1}, got ${JSON.stringify(status)}`);
      if (status.at === at + 1) check(!('capabilities' in status), `capabilities omitted when none is known, got ${JSON.stringify(status)}`);
      // Equal and older `at`: answered ok and pushed, but not stored.
      await ctx.bot().setBotStatus({ online: false, at: at + 1 });
      await pushedAt(at + 1, false);
      await ctx.bot().setBotStatus({ online: false, at });
      await pushedAt(at, false);
      status = await stored();
      check(status !== null && status.at >= at + 1, `a write with an equal or older at is not stored: stored ${JSON.stringify(status)}`);
      if (status.at === at + 1) checkEqual(status.online, true, 'online after the equal-at write');
    },
  }),
  defineScenario({
    id: 'status.error-bodies',
    title: 'status routes answer their documented bodies: 404 sandbox_not_found, 404 conversation_not_found, 400 Invalid sandboxId, and request-bot-status {ok, cached}',
    area: 'status',
    reference: 'kilo-chat.md §2.1 H19, H20, H21; §3.9 RequestBotStatusResponse; §3.10',
    async run(ctx) {
      const nobody = `conformance-no-owner-${Date.now().toString(36)}`;
      const missing = await ctx.raw(`/v1/sandboxes/${nobody}/bot-status`);
      checkEqual([missing.status, missing.body], [404, { error: 'sandbox_not_found' }], 'H19 for a sandbox with no owner');
      const invalid = await ctx.raw('/v1/sandboxes/bad!id/bot-status');
      checkEqual([invalid.status, (invalid.body as { error?: unknown } | null)?.error], [400, 'Invalid sandboxId'], 'H19 with an invalid sandboxId');
      const unknown = await ctx.raw('/v1/conversations/00000000000000000000000000/conversation-status');
      checkEqual([unknown.status, unknown.body], [404, { error: 'conversation_not_found' }], 'H21 for an unknown conversation');
      const requested = await ctx.raw(`/v1/sandboxes/${ctx.sandboxId}/request-bot-status`, { method: 'POST' });
      checkEqual(requested.status, 200, 'H20 status');
      const body = requested.body as Record<string, unknown> | null;
      check(body !== null && body.ok === true && 'cached' in body, `H20 body is {ok: true, cached}, got ${JSON.stringify(body)}`);
      const cached = body.cached as Record<string, unknown> | null;
      check(
        cached === null || (typeof cached.online === 'boolean' && Number.isInteger(cached.at) && Number.isInteger(cached.updatedAt)),
        `cached is null or a bot status record, got ${JSON.stringify(cached)}`,
      );
    },
  }),
];
