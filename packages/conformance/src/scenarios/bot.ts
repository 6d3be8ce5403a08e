import { check, checkApiError, checkEqual, checkUlid } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import type { RawRequest, ScenarioContext } from '../scenario-context.js';
import { defineScenario } from '../scenario.js';
import { findMessage, sendText } from './helpers.js';

/** @internal A raw call of a bot route of the sandbox, with the bot token. */
function botRaw(ctx: ScenarioContext, path: string, request: Omit<RawRequest, 'token'> = {}) {
  return ctx.raw(`/bot/v1/sandboxes/${ctx.sandboxId}${path}`, { ...request, token: ctx.target.botToken ?? null });
}

/**
 * Bot route scenarios (kilo-chat.md §2.2): each route with its documented
 * response and one documented error, plus delivery-failed and redeliver.
 */
export const botScenarios = [
  defineScenario({
    id: 'bot.messages-and-reactions',
    title: 'bot routes B1, B3, B6, B7, B8: send, list, react (201 then 200), unreact, delete ({ok:true}); deleting a user message 403, reacting to or unreacting on a deleted one 404',
    area: 'bot',
    requires: ['botToken'],
    reference: 'kilo-chat.md §2.2 B1, B3, B6, B7, B8 (same as H7, H10, H13, H14, H8)',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const sent = await botRaw(ctx, '/messages', { method: 'POST', body: { conversationId, content: [{ type: 'text', text: '  from the bot  ' }] } });
      checkEqual(sent.status, 201, 'B1 status');
      const messageId = (sent.body as { messageId?: unknown }).messageId;
      checkUlid(messageId, 'B1 messageId');
      checkEqual((sent.body as { message?: { senderId?: unknown } }).message?.senderId, `bot:kiloclaw:${ctx.sandboxId}`, 'senderId');
      const listed = await botRaw(ctx, `/conversations/${conversationId}/messages?limit=100`);
      checkEqual(listed.status, 200, 'B8 status');
      const page = listed.body as { messages: Array<{ id: string; content: unknown }>; hasMore: unknown; nextCursor: unknown };
      checkEqual(page.messages.find((m) => m.id === messageId)?.content, [{ type: 'text', text: 'from the bot' }], 'B8 lists the message, trimmed');
      check(typeof page.hasMore === 'boolean' && 'nextCursor' in page, 'B8 page has hasMore and nextCursor');
      const react = () => botRaw(ctx, `/messages/${messageId}/reactions`, { method: 'POST', body: { conversationId, emoji: '🤖' } });
      const added = await react();
      checkEqual(added.status, 201, 'B6 first add');
      const again = await react();
      checkEqual([again.status, again.body], [200, added.body], 'B6 repeated add');
      const removed = await botRaw(ctx, `/messages/${messageId}/reactions?conversationId=${conversationId}&emoji=${encodeURIComponent('🤖')}`, { method: 'DELETE' });
      checkEqual([removed.status, (removed.body as { removed?: unknown }).removed], [200, true], 'B7 remove');
      const user = await sendText(ctx, conversationId, 'not yours');
      const foreign = await botRaw(ctx, `/messages/${user.messageId}?conversationId=${conversationId}`, { method: 'DELETE' });
      checkEqual(foreign.status, 403, 'B3 deleting the user’s message');
      const deleted = await botRaw(ctx, `/messages/${messageId}?conversationId=${conversationId}`, { method: 'DELETE' });
      checkEqual([deleted.status, deleted.body], [200, { ok: true }], 'B3 delete');
      checkEqual((await react()).status, 404, 'B6 on a deleted message');
      const unreact = await botRaw(ctx, `/messages/${messageId}/reactions?conversationId=${conversationId}&emoji=${encodeURIComponent('🤖')}`, { method: 'DELETE' });
      checkEqual(unreact.status, 404, 'B7 on a deleted message');
    },
  }),
  defineScenario({
    id: 'bot.conversation-routes',
    title: 'bot routes B5, B9, B10: typing.stop pushed with the bot id, members listed, rename pushed and stored; a whitespace title 400',
    area: 'bot',
    requires: ['botToken'],
    reference: 'kilo-chat.md §2.2 B5, B9, B10; §4.2 typing.stop, conversation.renamed',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation('Before the bot');
      const context = ctx.conversationContext(conversationId);
      const botId = `bot:kiloclaw:${ctx.sandboxId}`;
      const events = await ctx.listen('user', [ctx.instanceContext], conversationId);
      const stop = await botRaw(ctx, `/conversations/${conversationId}/typing/stop`, { method: 'POST' });
      checkEqual([stop.status, stop.body], [200, { ok: true }], 'B5 response');
      await events.waitFor('typing.stop of the bot', eventIs('typing.stop', context, (p) => p.memberId === botId));
      const members = await botRaw(ctx, `/conversations/${conversationId}/members`);
      checkEqual(members.status, 200, 'B9 status');
      const list = (members.body as { members?: Array<{ id: string; kind: string }> }).members ?? [];
      const me = await ctx.userId();
      checkEqual(list.map((m) => `${m.kind}:${m.id}`).sort(), [`bot:${botId}`, `user:${me}`].sort(), 'B9 members');
      const renamed = await botRaw(ctx, `/conversations/${conversationId}`, { method: 'PATCH', body: { title: ' Renamed by the bot ' } });
      checkEqual([renamed.status, renamed.body], [200, { ok: true }], 'B10 response');
      await events.waitFor(
        'conversation.renamed by the bot',
        eventIs('conversation.renamed', ctx.instanceContext, (p) => p.conversationId === conversationId && p.title === 'Renamed by the bot'),
      );
      checkEqual((await ctx.chat().getConversation(conversationId)).title, 'Renamed by the bot', 'stored title');
      checkEqual((await botRaw(ctx, `/conversations/${conversationId}`, { method: 'PATCH', body: { title: '  ' } })).status, 400, 'B10 whitespace title');
    },
  }),
  defineScenario({
    id: 'bot.attachments',
    title: 'bot routes B17, B18: the bot inits, uploads, links and reads an attachment; the user reads it too; init over 100 MiB and a read without conversationId get 400',
    area: 'bot',
    requires: ['botToken'],
    reference: 'kilo-chat.md §2.2 B17, B18 (same as H17, H18); §3.8',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const bytes = new TextEncoder().encode('bot file');
      const init = await ctx.bot().initAttachment({ conversationId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'bot.txt' });
      checkUlid(init.attachmentId, 'B17 attachmentId');
      const put = await (ctx.target.fetch ?? fetch)(init.putUrl, { method: 'PUT', headers: init.putHeaders, body: bytes });
      check(put.ok, `PUT to putUrl answered ${put.status}`);
      const block = { type: 'attachment' as const, attachmentId: init.attachmentId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'bot.txt' };
      await ctx.bot().sendMessage({ conversationId, content: [block] });
      const read = await ctx.bot().getAttachmentUrl({ attachmentId: init.attachmentId, conversationId });
      checkEqual([read.mimeType, read.size, read.filename], ['text/plain', bytes.byteLength, 'bot.txt'], 'B18 metadata');
      const byUser = await ctx.chat().getAttachmentUrl({ attachmentId: init.attachmentId, conversationId });
      checkEqual(byUser.filename, 'bot.txt', 'H18 by the user');
      const noConversation = await botRaw(ctx, `/attachments/${init.attachmentId}/url`);
      checkEqual([noConversation.status, noConversation.body], [400, { error: 'Missing conversationId query parameter' }], 'B18 without conversationId');
      const big = await botRaw(ctx, '/attachments/init', { method: 'POST', body: { conversationId, mimeType: 'image/png', size: 104857601, filename: 'big.png' } });
      checkEqual(big.status, 400, 'B17 over 100 MiB');
    },
  }),
  defineScenario({
    id: 'bot.delivery-failed-and-redeliver',
    title: 'B15 sets deliveryFailed and pushes message.delivery_failed once (a repeat pushes nothing); H12 redeliver clears it and pushes message.redelivered once',
    area: 'bot',
    requires: ['botToken'],
    reference:
      'kilo-chat.md §2.2 B15; §2.1 H12; §4.2 message.delivery_failed ("only when the flag actually flips"), message.redelivered; §5.4; §6.2; §7 Delivery and webhooks',
    async run(ctx) {
      // H12's 409 "No active bot to redeliver to" needs the bot gone while the
      // sender stays; a conversation has one human and one bot, and the bot
      // leaves only after the last human (§6.7), whose calls then get 403 —
      // so no black-box sequence reaches it.
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const { messageId } = await sendText(ctx, conversationId, 'the bot cannot process this');
      const events = await ctx.listen('user', [], conversationId);
      const noop = await ctx.raw(`/v1/conversations/${conversationId}/messages/${messageId}/redeliver`, { method: 'POST' });
      checkEqual(noop.status, 200, 'redeliver of a message that never failed');
      const report = () => botRaw(ctx, `/conversations/${conversationId}/messages/${messageId}/delivery-failed`, { method: 'POST', body: { reason: 'conformance' } });
      const first = await report();
      checkEqual([first.status, first.body], [200, { ok: true }], 'B15 response');
      const failed = eventIs('message.delivery_failed', context, (p) => p.messageId === messageId);
      await events.waitFor('message.delivery_failed', failed);
      checkEqual((await findMessage(ctx, conversationId, messageId))?.deliveryFailed, true, 'deliveryFailed after B15');
      const second = await report();
      checkEqual([second.status, second.body], [200, { ok: true }], 'B15 repeated');
      const unknown = await botRaw(ctx, `/conversations/${conversationId}/messages/00000000000000000000000000/delivery-failed`, { method: 'POST' });
      checkEqual(unknown.status, 404, 'B15 for an unknown message');
      const redelivered = await ctx.raw(`/v1/conversations/${conversationId}/messages/${messageId}/redeliver`, { method: 'POST' });
      checkEqual([redelivered.status, (redelivered.body as { ok?: unknown } | null)?.ok], [200, true], 'H12 redeliver');
      const pushed = eventIs('message.redelivered', context, (p) => p.messageId === messageId);
      await events.waitFor('message.redelivered', pushed);
      checkEqual((await findMessage(ctx, conversationId, messageId))?.deliveryFailed, false, 'deliveryFailed after redeliver');
      const idle = await ctx.raw(`/v1/conversations/${conversationId}/messages/${messageId}/redeliver`, { method: 'POST' });
      checkEqual(idle.status, 200, 'redeliver again (nothing failed)');
      await ctx.quiet();
      checkEqual(events.filter(failed).length, 1, 'message.delivery_failed events (the repeated report flips nothing)');
      checkEqual(events.filter(pushed).length, 1, 'message.redelivered events (the idle redeliver clears nothing)');
      await checkApiError(ctx.chat().redeliverMessage(conversationId, '00000000000000000000000000'), 404, 'redeliver of an unknown message');
    },
  }),
];
