import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockServer } from '../../src/index';
import { call, createConversation, createWorld, startTestServer, type World } from '../helpers';

/**
 * An uploader (or anyone who saw the PUT URL) rewrites a file after it was
 * shared: the bytes other members download must stay the ones the message
 * linked. The PUT URL is spent once the message links the attachment, and
 * dead after its 900 s anyway.
 */
describe('rewriting a shared file through its old upload URL', () => {
  let server: MockServer;
  let world: World;
  let C: string;

  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world, 'files');
  });
  afterEach(async () => {
    vi.useRealTimers();
    await server.close();
  });

  async function init(): Promise<{ attachmentId: string; putUrl: string }> {
    const res = await call(server, 'POST', '/v1/attachments/init', {
      token: world.u1,
      body: { conversationId: C, mimeType: 'text/plain', size: 4, filename: 'note.txt' },
    });
    expect(res.status).toBe(200);
    return res.body;
  }
  const put = (url: string, body: string) => fetch(url, { method: 'PUT', body, headers: { 'content-type': 'text/plain' } });
  const link = (attachmentId: string) =>
    call(server, 'POST', '/v1/messages', {
      token: world.u1,
      body: { conversationId: C, content: [{ type: 'attachment', attachmentId, mimeType: 'text/plain', size: 4, filename: 'note.txt' }] },
    });
  async function download(attachmentId: string): Promise<string> {
    const url = await call(server, 'GET', `/v1/attachments/${attachmentId}/url?conversationId=${C}`, { token: world.u1 });
    return (await fetch(url.body.url)).text();
  }

  it('refuses a PUT after the message links the file (403 AccessDenied) and keeps the linked bytes', async () => {
    const { attachmentId, putUrl } = await init();
    expect((await put(putUrl, 'good')).status).toBe(200);
    expect((await link(attachmentId)).status).toBe(201);

    const again = await put(putUrl, 'evil');
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: 'AccessDenied' });
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new TextDecoder().decode(server.core.blobs.get(attachmentId)!.bytes)).toBe('good');
    expect(await download(attachmentId)).toBe('good');
  });

  it('lets the uploader replace the bytes while the attachment is still pending', async () => {
    const { attachmentId, putUrl } = await init();
    expect((await put(putUrl, 'oops')).status).toBe(200);
    expect((await put(putUrl, 'good')).status).toBe(200);
    expect((await link(attachmentId)).status).toBe(201);
    expect(await download(attachmentId)).toBe('good');
  });

  it('refuses a PUT once the URL is 900 s old, with the S3 expiry answer', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { attachmentId, putUrl } = await init();
    vi.setSystemTime(Date.now() + 899_000);
    expect((await put(putUrl, 'good')).status).toBe(200);
    vi.setSystemTime(Date.now() + 2_000);
    const late = await put(putUrl, 'late');
    expect(late.status).toBe(403);
    expect(await late.json()).toEqual({ error: 'AccessDenied', message: 'Request has expired' });
    expect(new TextDecoder().decode(server.core.blobs.get(attachmentId)!.bytes)).toBe('good');
  });
});
