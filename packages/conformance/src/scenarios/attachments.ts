import { ulidToTimestamp as decodeTime } from '@kilocode/kilo-chat';
import { check, checkApiError, checkEqual, checkUlid } from '../assertions.js';
import type { AttachmentInitResponse } from '@kilocode/kilo-chat';
import type { ScenarioContext } from '../scenario-context.js';
import { defineScenario } from '../scenario.js';

/** @internal PUTs bytes to an init's upload URL with its headers; fails unless the store accepts them. */
async function put(ctx: ScenarioContext, init: AttachmentInitResponse, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const res = await (ctx.target.fetch ?? fetch)(init.putUrl, { method: 'PUT', headers: init.putHeaders, body: bytes });
  await res.arrayBuffer();
  check(res.ok, `PUT to putUrl answered ${res.status}`);
}

/** @internal Inits and uploads an attachment as the user; returns its id and the block that links it. */
async function uploadAttachment(ctx: ScenarioContext, conversationId: string, mimeType: string, filename: string, bytes: Uint8Array<ArrayBuffer>) {
  const init = await ctx.chat().initAttachment({ conversationId, mimeType, size: bytes.byteLength, filename });
  await put(ctx, init, bytes);
  return { attachmentId: init.attachmentId, block: { type: 'attachment' as const, attachmentId: init.attachmentId, mimeType, size: bytes.byteLength, filename } };
}

/** Attachment lifecycle scenarios (kilo-chat.md §3.8 and §7 "Attachments"). */
export const attachmentScenarios = [
  defineScenario({
    id: 'attachments.lifecycle',
    title: 'init → PUT → link in a message → get-url; pending reads get 404, relinking gets 409, unknown ids 400',
    area: 'attachments',
    reference: 'kilo-chat.md §3.8; §2.1 H7, H17, H18; §7 Attachments',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const bytes = new TextEncoder().encode('hello attachment');
      // Expiry times are the server's Unix seconds (kilo-chat.md §3.1, §3.8): they are
      // compared with the server's clock, learnt from its responses, not with ours.
      const initCall = await ctx.timed(() =>
        ctx.chat().initAttachment({ conversationId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'hello.txt' }),
      );
      const init = initCall.value;
      checkUlid(init.attachmentId, 'attachmentId');
      ctx.serverClock.observe(decodeTime(init.attachmentId), initCall.sentAt, initCall.receivedAt);
      const initWindow = ctx.serverClock.window(initCall.sentAt, initCall.receivedAt, 1_000);
      check(
        init.putUrlExpiresAt > initWindow.from / 1000 && init.putUrlExpiresAt <= initWindow.to / 1000 + 3600,
        `putUrlExpiresAt is in Unix seconds, within an hour of the server's time (${init.putUrlExpiresAt}, server time ${Math.round(initWindow.from / 1000)}…${Math.round(initWindow.to / 1000)})`,
      );
      await checkApiError(ctx.chat().getAttachmentUrl({ attachmentId: init.attachmentId, conversationId }), 404, 'pending attachment');
      const block = { type: 'attachment' as const, attachmentId: init.attachmentId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'hello.txt' };
      await checkApiError(ctx.chat().sendMessage({ conversationId, content: [block] }), 409, 'link before upload', 'Attachment upload is missing');
      const put = await (ctx.target.fetch ?? fetch)(init.putUrl, { method: 'PUT', headers: init.putHeaders, body: bytes });
      check(put.ok, `PUT to putUrl answered ${put.status}`);
      const sentCall = await ctx.timed(() => ctx.chat().sendMessage({ conversationId, content: [block] }));
      const sent = sentCall.value;
      checkEqual(sent.message.content, [block], 'attachment block stored');
      ctx.serverClock.observe(decodeTime(sent.messageId), sentCall.sentAt, sentCall.receivedAt);
      const urlCall = await ctx.timed(() => ctx.chat().getAttachmentUrl({ attachmentId: init.attachmentId, conversationId }));
      const url = urlCall.value;
      checkEqual([url.mimeType, url.size, url.filename], ['text/plain', bytes.byteLength, 'hello.txt'], 'metadata');
      const urlWindow = ctx.serverClock.window(urlCall.sentAt, urlCall.receivedAt, 1_000);
      check(
        url.expiresAt > urlWindow.from / 1000 && url.expiresAt <= urlWindow.to / 1000 + 3600,
        `expiresAt is Unix seconds within an hour of the server's time (${url.expiresAt}, server time ${Math.round(urlWindow.from / 1000)}…${Math.round(urlWindow.to / 1000)})`,
      );
      await checkApiError(ctx.chat().sendMessage({ conversationId, content: [block] }), 409, 'relink', 'Attachment is already linked');
      const unknown = { ...block, attachmentId: '00000000000000000000000000' };
      await checkApiError(ctx.chat().sendMessage({ conversationId, content: [unknown] }), 400, 'unknown attachment', 'Attachment not found');
    },
  }),
  defineScenario({
    id: 'attachments.init-limits',
    title: 'init rejects sizes over 100 MiB and empty filenames with 400; a non-member gets 403',
    area: 'attachments',
    reference: 'kilo-chat.md §2.1 H17; §3.1; §7 Attachments',
    requires: ['secondUser'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      for (const body of [
        { conversationId, mimeType: 'image/png', size: 104857601, filename: 'big.png' },
        { conversationId, mimeType: 'image/png', size: 1, filename: '' },
        { conversationId, mimeType: '', size: 1, filename: 'a.png' },
      ]) {
        const res = await ctx.raw('/v1/attachments/init', { method: 'POST', body });
        checkEqual(res.status, 400, `status for ${JSON.stringify(body)}`);
      }
      await checkApiError(
        ctx.chat('second').initAttachment({ conversationId, mimeType: 'image/png', size: 1, filename: 'a.png' }),
        403,
        'non-member init',
      );
    },
  }),
  defineScenario({
    id: 'attachments.idempotency-key',
    title: 'init with the same idempotencyKey returns the same attachment; without one, a new id each time',
    area: 'attachments',
    reference: 'kilo-chat.md §3.8 (2); §6.2',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const req = { conversationId, mimeType: 'image/png', size: 10, filename: 'a.png' };
      const a = await ctx.chat().initAttachment({ ...req, idempotencyKey: 'k-1' });
      const b = await ctx.chat().initAttachment({ ...req, idempotencyKey: 'k-1' });
      checkEqual(b.attachmentId, a.attachmentId, 'same key');
      const c = await ctx.chat().initAttachment(req);
      const d = await ctx.chat().initAttachment(req);
      check(c.attachmentId !== d.attachmentId, 'no key gives new ids');
    },
  }),
  defineScenario({
    id: 'attachments.download-disposition',
    title: 'a linked image downloads with no attachment disposition; a non-image downloads as an attachment naming its file',
    area: 'attachments',
    reference: 'kilo-chat.md §3.8 (5) Read; §7 Attachments (get-url for an image: no content-disposition override; non-image: attachment with the filename)',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const png = await uploadAttachment(ctx, conversationId, 'image/png', 'picture.png', new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]));
      const text = await uploadAttachment(ctx, conversationId, 'text/plain', 'notes.txt', new TextEncoder().encode('plain text'));
      await ctx.chat().sendMessage({ conversationId, content: [png.block, text.block] });
      const doFetch = ctx.target.fetch ?? fetch;
      const disposition = async (attachmentId: string) => {
        const { url } = await ctx.chat().getAttachmentUrl({ attachmentId, conversationId });
        const res = await doFetch(url);
        await res.arrayBuffer();
        check(res.ok, `GET of the download URL answered ${res.status}`);
        return { header: res.headers.get('content-disposition'), query: new URL(url).searchParams.get('response-content-disposition') };
      };
      const image = await disposition(png.attachmentId);
      check(!/^\s*attachment/i.test(image.header ?? '') && image.query === null, `an image is served inline: header ${String(image.header)}, override ${String(image.query)}`);
      const file = await disposition(text.attachmentId);
      check(/^\s*attachment/i.test(file.header ?? '') && (file.header ?? '').includes('notes.txt'), `a non-image is an attachment named notes.txt: header ${String(file.header)}`);
    },
  }),
  defineScenario({
    id: 'attachments.link-rules',
    title: "linking another member's upload gets 403, 11 attachments 400, a size mismatch 409; an edit cannot add an attachment (409) but can drop one",
    area: 'attachments',
    requires: ['botToken'],
    reference: 'kilo-chat.md §2.1 H7, H9; §3.8 (4) Link, (6) Edit; §7 Attachments',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      // Another member's upload: the bot's (B17), linked by the user.
      const bytes = new TextEncoder().encode('bot upload');
      const botInit = await ctx.bot().initAttachment({ conversationId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'bot.txt' });
      await put(ctx, botInit, bytes);
      const botBlock = { type: 'attachment' as const, attachmentId: botInit.attachmentId, mimeType: 'text/plain', size: bytes.byteLength, filename: 'bot.txt' };
      await checkApiError(ctx.chat().sendMessage({ conversationId, content: [botBlock] }), 403, "linking the bot's upload", 'Forbidden');
      const eleven = [];
      for (let i = 0; i < 11; i++) eleven.push((await uploadAttachment(ctx, conversationId, 'text/plain', `f${i}.txt`, new TextEncoder().encode(`file ${i}`))).block);
      await checkApiError(ctx.chat().sendMessage({ conversationId, content: eleven }), 400, '11 attachments', 'At most 10 attachments per message');
      // Declared 10 bytes, 4 uploaded. A store that enforces the signed length refuses the PUT instead.
      const short = await ctx.chat().initAttachment({ conversationId, mimeType: 'text/plain', size: 10, filename: 'short.txt' });
      const headers = Object.fromEntries(Object.entries(short.putHeaders).filter(([k]) => k.toLowerCase() !== 'content-length'));
      const putShort = await (ctx.target.fetch ?? fetch)(short.putUrl, { method: 'PUT', headers, body: new TextEncoder().encode('four') });
      await putShort.arrayBuffer();
      const shortBlock = { type: 'attachment' as const, attachmentId: short.attachmentId, mimeType: 'text/plain', size: 10, filename: 'short.txt' };
      if (putShort.ok) {
        const mismatch = await checkApiError(ctx.chat().sendMessage({ conversationId, content: [shortBlock] }), 409, 'size mismatch');
        const error = String((mismatch.body as { error?: unknown } | null)?.error);
        check(/^Attachment upload size 4 does not match declared size 10$/.test(error), `size mismatch message, got ${JSON.stringify(error)}`);
      } else {
        await checkApiError(ctx.chat().sendMessage({ conversationId, content: [shortBlock] }), 409, 'short upload refused by the store', 'Attachment upload is missing');
      }
      // Edits: adding is refused, dropping is allowed.
      const kept = await uploadAttachment(ctx, conversationId, 'text/plain', 'kept.txt', new TextEncoder().encode('kept'));
      const { messageId } = await ctx.chat().sendMessage({ conversationId, content: [{ type: 'text', text: 'with a file' }, kept.block] });
      const added = eleven[0]!;
      await checkApiError(
        ctx.chat().editMessage(messageId, { conversationId, content: [{ type: 'text', text: 'with two files' }, kept.block, added], timestamp: 10 }),
        409,
        'an edit adding an attachment',
        'Cannot add attachments',
      );
      await ctx.chat().editMessage(messageId, { conversationId, content: [{ type: 'text', text: 'file dropped' }], timestamp: 20 });
      await checkApiError(ctx.chat().getAttachmentUrl({ attachmentId: kept.attachmentId, conversationId }), 404, 'the dropped attachment');
    },
  }),
];
