import { ulidToTimestamp as decodeTime } from '@kilocode/kilo-chat';
import { check, checkApiError, checkEqual, checkUlid } from '../assertions.js';
import { defineScenario } from '../scenario.js';

/** Attachment lifecycle scenarios (kilo-chat.md §3.8 and §7 "Attachments"). */
export const attachmentScenarios = [
  defineScenario({
    id: 'attachments.lifecycle',
    title: 'init → PUT → link in a message → get-url; pending reads get 404, relinking gets 409, unknown ids 400',
    area: 'attachments',
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
];
