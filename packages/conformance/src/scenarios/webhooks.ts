import { kiloclawConversationContext } from '@kilocode/event-service';
import { KiloChatBotClient } from '@kilocode/kilo-chat';
import { check, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import type { ScenarioContext, WebhookSandbox } from '../scenario-context.js';
import { defineScenario } from '../scenario.js';
import { resolveToken } from '../target.js';
import type { ReceivedWebhook } from '../webhook-receiver.js';
import { findMessage } from './helpers.js';

/** @internal A conversation of the user in a sandbox whose bot webhooks reach the suite's receiver. */
async function webhookConversation(ctx: ScenarioContext): Promise<{ wh: WebhookSandbox; conversationId: string; context: string }> {
  const wh = await ctx.webhookSandbox();
  const { conversationId } = await ctx.chat().createConversation({ sandboxId: wh.sandboxId });
  return { wh, conversationId, context: kiloclawConversationContext(wh.sandboxId, conversationId) };
}

/** @internal The bot client of the webhook sandbox; skips when its gateway token is unknown. */
function webhookBot(ctx: ScenarioContext, wh: WebhookSandbox): KiloChatBotClient {
  const token = wh.botToken;
  if (token === undefined) ctx.skip('needs the webhook sandbox gateway token (--webhook-bot-token)');
  const bot = new KiloChatBotClient({
    baseUrl: ctx.target.chatUrl,
    sandboxId: wh.sandboxId,
    getToken: () => resolveToken(token),
    ...(ctx.target.fetch ? { fetch: ctx.target.fetch } : {}),
  });
  return bot;
}

/** @internal Checks the transport of one webhook: a JSON POST authorized with the sandbox's gateway token. */
async function checkTransport(request: ReceivedWebhook, wh: WebhookSandbox): Promise<void> {
  checkEqual(request.method, 'POST', 'webhook method');
  check(/^application\/json\b/i.test(String(request.headers['content-type'] ?? '')), `webhook content-type is JSON, got ${String(request.headers['content-type'])}`);
  const auth = String(request.headers.authorization ?? '');
  if (wh.botToken !== undefined) check(auth === `Bearer ${await resolveToken(wh.botToken)}`, 'the webhook authorization is Bearer <the sandbox gateway token>');
  else check(/^Bearer [0-9a-f]{64}$/.test(auth), 'the webhook authorization is a Bearer gateway token (64 lower-case hex)');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const isMessage = (conversationId: string, messageId?: string) => (r: ReceivedWebhook) =>
  r.body?.type === 'message.created' && r.body.conversationId === conversationId && (messageId === undefined || r.body.messageId === messageId);

/**
 * Webhook scenarios (opt-in: the suite's receiver stands in for the
 * sandbox's bot; kilo-chat.md §5).
 */
export const webhookScenarios = [
  defineScenario({
    id: 'webhooks.message-created',
    title: 'message.created webhooks: gateway-token bearer, text blocks joined with no separator, reply and attachment fields, nothing for actions-only or the bot’s own messages',
    area: 'webhooks',
    requires: ['webhookReceiver'],
    reference: 'kilo-chat.md §5.1 message.created; §5.2 (ordered chain); §5.3 (authorization: Bearer <gateway token>, body without targetBotId)',
    async run(ctx) {
      const { wh, conversationId } = await webhookConversation(ctx);
      const me = await ctx.userId();
      const user = ctx.chat();
      const first = await user.sendMessage({ conversationId, content: [{ type: 'text', text: 'Hello' }, { type: 'text', text: ' world ' }] });
      const hook = await wh.receiver.waitFor('message.created webhook', isMessage(conversationId, first.messageId));
      await checkTransport(hook, wh);
      const body = hook.body ?? {};
      checkEqual(
        Object.keys(body).sort(),
        ['conversationId', 'from', 'messageId', 'sentAt', 'text', 'type'],
        'fields of a plain message webhook (no targetBotId, no reply or attachment fields)',
      );
      checkEqual([body.from, body.text], [me, 'Helloworld'], 'from and text (trimmed blocks joined with no separator)');
      check(typeof body.sentAt === 'string' && ISO.test(body.sentAt) && !Number.isNaN(Date.parse(body.sentAt)), `sentAt is an ISO-8601 time, got ${String(body.sentAt)}`);

      const reply = await user.sendMessage({ conversationId, content: [{ type: 'text', text: 'a reply' }], inReplyToMessageId: first.messageId });
      const replyHook = (await wh.receiver.waitFor('reply webhook', isMessage(conversationId, reply.messageId))).body ?? {};
      checkEqual(
        [replyHook.inReplyToMessageId, replyHook.inReplyToBody, replyHook.inReplyToSender],
        [first.messageId, 'Helloworld', me],
        'reply fields',
      );

      const bytes = new TextEncoder().encode('attached');
      const init = await user.initAttachment({ conversationId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'a.txt' });
      const put = await (ctx.target.fetch ?? fetch)(init.putUrl, { method: 'PUT', headers: init.putHeaders, body: bytes });
      await put.arrayBuffer();
      check(put.ok, `PUT to putUrl answered ${put.status}`);
      const file = await user.sendMessage({
        conversationId,
        content: [{ type: 'attachment', attachmentId: init.attachmentId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'a.txt' }],
      });
      const fileHook = (await wh.receiver.waitFor('attachment webhook', isMessage(conversationId, file.messageId))).body ?? {};
      checkEqual(
        [fileHook.text, fileHook.attachments],
        ['', [{ attachmentId: init.attachmentId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'a.txt' }]],
        'an attachment-only message: empty text and the attachment',
      );

      // Nothing for an actions-only message, nor for the bot's own message: the
      // chain is ordered (§5.2), so once a later message's webhook arrived, an
      // earlier one would have too.
      const actionsOnly = await user.sendMessage({
        conversationId,
        content: [{ type: 'actions', groupId: 'g', actions: [{ label: 'Deny', style: 'danger', value: 'deny' }] }],
      });
      let botOwn: string | undefined;
      if (wh.botToken !== undefined) botOwn = (await webhookBot(ctx, wh).sendMessage({ conversationId, content: [{ type: 'text', text: 'from the bot' }] })).messageId;
      const last = await user.sendMessage({ conversationId, content: [{ type: 'text', text: 'last' }] });
      await wh.receiver.waitFor('the last webhook', isMessage(conversationId, last.messageId));
      const unexpected = wh.receiver.filter((r) => isMessage(conversationId)(r) && (r.body?.messageId === actionsOnly.messageId || r.body?.messageId === botOwn));
      checkEqual(unexpected.map((r) => r.body?.messageId), [], 'webhooks for an actions-only message or the bot’s own message');
    },
  }),
  defineScenario({
    id: 'webhooks.order',
    title: "five quick sends reach the bot's webhook in commit order",
    area: 'webhooks',
    requires: ['webhookReceiver'],
    reference: 'kilo-chat.md §5.2 Ordering; §7 Delivery and webhooks',
    async run(ctx) {
      const { wh, conversationId } = await webhookConversation(ctx);
      const sends = Array.from({ length: 5 }, (_, i) => ctx.chat().sendMessage({ conversationId, content: [{ type: 'text', text: `in order ${i}` }] }));
      const ids = (await Promise.all(sends)).map((s) => s.messageId);
      checkEqual([...ids].sort(), ids, 'message ids in send order');
      const hooks = await wh.receiver.waitForCount('message.created webhooks', isMessage(conversationId), 5);
      checkEqual(hooks.map((h) => h.body?.messageId), ids, 'webhook order');
    },
  }),
  defineScenario({
    id: 'webhooks.retry',
    title: 'a failed webhook is retried with the same body (a success on the 2nd try is no failure); three failures flag deliveryFailed and push message.delivery_failed; redeliver sends it again',
    area: 'webhooks',
    requires: ['webhookReceiver'],
    reference: 'kilo-chat.md §5.2 Retries (3 attempts); §4.2 message.delivery_failed, message.redelivered; §2.1 H12; §7 Delivery and webhooks',
    async run(ctx) {
      const { wh, conversationId, context } = await webhookConversation(ctx);
      const seed = await ctx.createConversation();
      const events = await ctx.listen('user', [context], seed.conversationId);
      const nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const once = `retry once ${nonce}`;
      const always = `always fails ${nonce}`;
      let healed = false;
      wh.receiver.respondWith((r) => {
        if (r.body?.text === always && !healed) return 500;
        if (r.body?.text === once && wh.receiver.filter((x) => x.body?.text === once).length === 0) return 500;
        return 200;
      });
      const flaky = await ctx.chat().sendMessage({ conversationId, content: [{ type: 'text', text: once }] });
      const tries = await wh.receiver.waitForCount('two attempts of the flaky webhook', isMessage(conversationId, flaky.messageId), 2, 10_000);
      checkEqual(tries.map((t) => t.status), [500, 200], 'answers to the two attempts');
      checkEqual(tries[1]?.body, tries[0]?.body, 'the retry carries the same body');
      await checkTransport(tries[1]!, wh);

      const failing = await ctx.chat().sendMessage({ conversationId, content: [{ type: 'text', text: always }] });
      const failed = eventIs('message.delivery_failed', context, (p) => p.messageId === failing.messageId);
      await events.waitFor('message.delivery_failed after three failed attempts', failed, 10_000);
      checkEqual(wh.receiver.filter(isMessage(conversationId, failing.messageId)).length, 3, 'attempts before giving up');
      checkEqual((await findMessage(ctx, conversationId, failing.messageId))?.deliveryFailed, true, 'deliveryFailed after three failures');
      checkEqual((await findMessage(ctx, conversationId, flaky.messageId))?.deliveryFailed, false, 'deliveryFailed of the message retried once');
      check(!events.events.some(eventIs('message.delivery_failed', context, (p) => p.messageId === flaky.messageId)), 'no delivery_failed for the message retried once');

      healed = true;
      await ctx.chat().redeliverMessage(conversationId, failing.messageId);
      await events.waitFor('message.redelivered', eventIs('message.redelivered', context, (p) => p.messageId === failing.messageId));
      const again = await wh.receiver.waitForCount('the redelivered webhook', isMessage(conversationId, failing.messageId), 4);
      checkEqual(again[3]?.status, 200, 'the redelivered webhook is accepted');
      checkEqual((await findMessage(ctx, conversationId, failing.messageId))?.deliveryFailed, false, 'deliveryFailed after redeliver');
    },
  }),
  defineScenario({
    id: 'webhooks.action-executed',
    title: 'executing an approval sends action.executed to the authoring bot with the value, executor and an ISO time',
    area: 'webhooks',
    requires: ['webhookReceiver'],
    reference: 'kilo-chat.md §5.1 action.executed; §6.6',
    async run(ctx) {
      const { wh, conversationId } = await webhookConversation(ctx);
      const bot = webhookBot(ctx, wh);
      const { messageId } = await bot.sendMessage({
        conversationId,
        content: [{ type: 'actions', groupId: 'approve', actions: [{ label: 'Allow', style: 'primary', value: 'allow-once' }] }],
      });
      await ctx.chat().executeAction(conversationId, messageId, { groupId: 'approve', value: 'allow-once' });
      const hook = await wh.receiver.waitFor('action.executed webhook', (r) => r.body?.type === 'action.executed' && r.body.messageId === messageId);
      await checkTransport(hook, wh);
      const body = hook.body ?? {};
      const me = await ctx.userId();
      checkEqual(
        [body.conversationId, body.groupId, body.value, body.executedBy],
        [conversationId, 'approve', 'allow-once', me],
        'action.executed fields',
      );
      check(typeof body.executedAt === 'string' && !Number.isNaN(Date.parse(body.executedAt)), `executedAt is an ISO time, got ${String(body.executedAt)}`);
      check(!('targetBotId' in body), 'no targetBotId in the body');
    },
  }),
];
