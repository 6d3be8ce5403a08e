import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index';
import { JSON_BODY_LIMIT_BYTES } from '../../src/http/body-limits';
import { call, createConversation, createWorld, startTestServer, type World } from '../helpers';

/** A raw request: sends `head` bytes of the body (announcing `contentLength`, or chunked), and resolves with the status. */
function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  chunks: Buffer[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => (body += text));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer and close before the whole body is written.
    req.on('error', (error) => (error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error));
    for (const chunk of chunks) req.write(chunk);
    // Deliberately not ended when a content-length promises more than was sent.
    if (headers['content-length'] === undefined) req.end();
  });
}

describe('oversized request bodies', () => {
  let server: MockServer;
  let world: World;
  let C: string;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world, 'uploads');
  });
  afterAll(() => server.close());

  it('a dev-token POST with a body above the JSON limit answers 413 instead of minting', async () => {
    const res = await call(server, 'POST', '/_dev/token', { body: { userId: 'x'.repeat(JSON_BODY_LIMIT_BYTES + 1) } });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('Payload Too Large');
  });

  it('a chat POST announcing a huge content-length is refused before the body is sent', async () => {
    const res = await rawRequest(
      `${server.url}/v1/messages`,
      'POST',
      { authorization: `Bearer ${world.u1}`, 'content-type': 'application/json', 'content-length': String(600 * 1024 * 1024) },
      [Buffer.from('{"conversationId":')],
    );
    expect(res.status).toBe(413);
  });

  it('a chunked JSON body that streams past the limit is cut off with 413', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const res = await rawRequest(`${server.url}/_dev/users`, 'POST', { 'content-type': 'application/json' }, [
      Buffer.from('{"id":"'),
      chunk,
      chunk,
      chunk,
      chunk,
      chunk,
      Buffer.from('"}'),
    ]);
    expect(res.status).toBe(413);
    expect(server.core.users.get('a'.repeat(5 * 256 * 1024))).toBeUndefined();
  });

  async function initUpload(size: number): Promise<{ id: string; putUrl: string }> {
    const init = await call(server, 'POST', '/v1/attachments/init', {
      token: world.u1,
      body: { conversationId: C, mimeType: 'text/plain', size, filename: 'small.txt' },
    });
    expect(init.status).toBe(200);
    return { id: init.body.attachmentId, putUrl: init.body.putUrl };
  }

  it('a blob PUT larger than the declared size is refused by content-length and nothing is stored', async () => {
    const { id, putUrl } = await initUpload(10);
    const res = await fetch(putUrl, { method: 'PUT', body: 'x'.repeat(1024 * 1024), headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(413);
    expect(server.core.blobs.get(id)).toBeUndefined();
  });

  it('a chunked blob PUT that streams past the declared size is cut off and nothing is stored', async () => {
    const { id, putUrl } = await initUpload(10);
    const res = await rawRequest(putUrl, 'PUT', { 'content-type': 'text/plain' }, [Buffer.from('12345'), Buffer.from('678901234567890')]);
    expect(res.status).toBe(413);
    expect(server.core.blobs.get(id)).toBeUndefined();
  });

  it('a blob PUT of exactly the declared size is still stored', async () => {
    const { id, putUrl } = await initUpload(10);
    const res = await fetch(putUrl, { method: 'PUT', body: '0123456789', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
    expect(server.core.blobs.get(id)?.bytes.byteLength).toBe(10);
  });
});
