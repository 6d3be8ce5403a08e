import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createConversation, createWorld, startTestServer, type World } from './helpers';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

describe('attachments', () => {
  let server: MockServer;
  let world: World;
  let receiver: WebhookReceiver;
  let C: string;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    server = await startTestServer({ botWebhookUrl: receiver.url });
    world = await createWorld(server);
    C = await createConversation(world);
  });
  afterEach(async () => {
    await server.close();
    await receiver.close();
  });

  const init = (body: Record<string, unknown> = {}, token = world.u1) =>
    call(server, 'POST', '/v1/attachments/init', {
      token,
      body: { conversationId: C, mimeType: 'image/png', size: 4, filename: 'dot.png', ...body },
    });
  const upload = (putUrl: string, bytes: string, headers: Record<string, string> = {}) => fetch(putUrl, { method: 'PUT', body: bytes, headers });
  const link = (attachmentId: string, token = world.u1) =>
    call(server, 'POST', '/v1/messages', {
      token,
      body: { conversationId: C, content: [{ type: 'attachment', attachmentId, mimeType: 'x/y', size: 999, filename: 'lies' }] },
    });

  it('inits, uploads through the signed URL, links with canonical metadata, and downloads', async () => {
    const res = await init();
    expect(res.status).toBe(200);
    expect(res.body.putHeaders).toEqual({ 'Content-Type': 'image/png', 'Content-Length': '4' });
    expect(res.body.putUrl.startsWith(`${server.url}/_blob/`)).toBe(true);
    expect(res.body.putUrlExpiresAt).toBeGreaterThan(Date.now() / 1000 + 890);
    expect(res.body.putUrlExpiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 900);
    expect((await upload(res.body.putUrl, 'PNG!', { 'content-type': 'image/png' })).status).toBe(200);
    const sent = await link(res.body.attachmentId);
    expect(sent.status).toBe(201);
    expect(sent.body.message.content).toEqual([{ type: 'attachment', attachmentId: res.body.attachmentId, mimeType: 'image/png', size: 4, filename: 'dot.png' }]);
    const url = await call(server, 'GET', `/v1/attachments/${res.body.attachmentId}/url?conversationId=${C}`, { token: world.u1 });
    expect(url.body).toMatchObject({ mimeType: 'image/png', size: 4, filename: 'dot.png' });
    expect(url.body.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3600);
    expect(url.body.url).not.toContain('response-content-disposition');
    const download = await fetch(url.body.url);
    expect(await download.text()).toBe('PNG!');
    expect(download.headers.get('content-type')).toBe('image/png');
    await server.webhooksSettled();
    expect(receiver.requests[0]!.body).toMatchObject({ text: '', attachments: [{ attachmentId: res.body.attachmentId, size: 4, filename: 'dot.png' }] });
  });

  it('forces a download disposition for non-images', async () => {
    const res = await init({ mimeType: 'application/pdf', filename: 'résumé.pdf' });
    await upload(res.body.putUrl, 'abcd');
    await link(res.body.attachmentId);
    const url = await call(server, 'GET', `/v1/attachments/${res.body.attachmentId}/url?conversationId=${C}`, { token: world.u1 });
    const download = await fetch(url.body.url);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
  });

  it('refuses a tampered or expired upload URL', async () => {
    const res = await init();
    expect((await upload(res.body.putUrl.replace(/sig=[0-9a-f]{4}/, 'sig=0000'), 'PNG!')).status).toBe(403);
    expect(server.core.blobs.size).toBe(0);
  });

  it('dedupes init with an idempotency key, not without', async () => {
    const a = await init({ idempotencyKey: 'k1' });
    const b = await init({ idempotencyKey: 'k1' });
    const c = await init();
    const d = await init();
    expect(b.body.attachmentId).toBe(a.body.attachmentId);
    expect(c.body.attachmentId).not.toBe(d.body.attachmentId);
  });

  it('refuses missing uploads, size mismatches, foreign uploaders and double links', async () => {
    const missing = await init();
    expect(await link(missing.body.attachmentId)).toMatchObject({ status: 409, body: { error: 'Attachment upload is missing' } });
    const mismatch = await init();
    // A longer upload is refused at the PUT (413); a shorter one is caught at link.
    expect((await upload(mismatch.body.putUrl, 'toolong')).status).toBe(413);
    expect((await upload(mismatch.body.putUrl, 'abc')).status).toBe(200);
    expect(await link(mismatch.body.attachmentId)).toMatchObject({
      status: 409,
      body: { error: 'Attachment upload size 3 does not match declared size 4' },
    });
    const foreign = await call(server, 'POST', '/bot/v1/sandboxes/sb1/attachments/init', {
      token: world.bot1,
      body: { conversationId: C, mimeType: 'image/png', size: 4, filename: 'b.png' },
    });
    await upload(foreign.body.putUrl, 'abcd');
    expect(await link(foreign.body.attachmentId)).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
    const ok = await init();
    await upload(ok.body.putUrl, 'abcd');
    expect((await link(ok.body.attachmentId)).status).toBe(201);
    expect(await link(ok.body.attachmentId)).toMatchObject({ status: 409, body: { error: 'Attachment is already linked' } });
    const pending = await init();
    expect((await call(server, 'GET', `/v1/attachments/${pending.body.attachmentId}/url?conversationId=${C}`, { token: world.u1 })).status).toBe(404);
  });

  it('refuses 11 attachments in one message', async () => {
    const ids = [];
    for (let i = 0; i < 11; i += 1) ids.push((await init()).body.attachmentId);
    const res = await call(server, 'POST', '/v1/messages', {
      token: world.u1,
      body: { conversationId: C, content: ids.map((attachmentId) => ({ type: 'attachment', attachmentId, mimeType: 'a/b', size: 4, filename: 'f' })) },
    });
    expect(res).toMatchObject({ status: 400, body: { error: 'At most 10 attachments per message' } });
  });

  it('drops attachments on edit and delete, never adds them', async () => {
    const a = await init();
    await upload(a.body.putUrl, 'abcd');
    const sent = await call(server, 'POST', '/v1/messages', {
      token: world.u1,
      body: {
        conversationId: C,
        content: [
          { type: 'text', text: 'see attached' },
          { type: 'attachment', attachmentId: a.body.attachmentId, mimeType: 'a/b', size: 4, filename: 'f' },
        ],
      },
    });
    const edited = await call(server, 'PATCH', `/v1/messages/${sent.body.messageId}`, {
      token: world.u1,
      body: { conversationId: C, content: [{ type: 'text', text: 'no attachment' }], timestamp: 1 },
    });
    expect(edited.status).toBe(200);
    expect(server.core.attachments.get(a.body.attachmentId)).toBeUndefined();
    expect(server.core.blobs.size).toBe(0);
  });

  it('lets a member bot read attachments through its own route', async () => {
    const a = await init();
    await upload(a.body.putUrl, 'abcd');
    await link(a.body.attachmentId);
    const res = await call(server, 'GET', `/bot/v1/sandboxes/sb1/attachments/${a.body.attachmentId}/url?conversationId=${C}`, { token: world.bot1 });
    expect(res.status).toBe(200);
  });
});
