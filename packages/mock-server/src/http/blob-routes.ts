import type { Hono } from 'hono';
import type { ChatCore } from '../core/chat-core.js';
import type { MockAppEnv } from './app-env.js';
import { readBodyLimited } from './body-limits.js';
import { verifyBlobUrl } from './blob-urls.js';

/**
 * The mock's object storage: the signed PUT URL from attachment init uploads
 * here (at most the attachment's declared size; 413 beyond), and the signed GET URL from the attachment URL route downloads from here.
 */
export function registerBlobRoutes(app: Hono<MockAppEnv>, core: ChatCore, blobSecret: string): void {
  app.put('/_blob/:id', async (c) => {
    const id = c.req.param('id');
    const now = Math.floor(core.clock.now() / 1000);
    if (!verifyBlobUrl(blobSecret, id, 'PUT', c.req.query('expires'), c.req.query('sig'), now)) {
      return c.json({ error: 'SignatureDoesNotMatch' }, 403);
    }
    // The upload may be at most the size declared at attachment init.
    const row = core.attachments.get(id);
    if (!row) return c.json({ error: 'NoSuchUpload' }, 404);
    const bytes = await readBodyLimited(c, row.size);
    core.blobs.put(id, bytes, c.req.header('content-type') ?? null);
    return c.body(null, 200);
  });

  app.get('/_blob/:id', (c) => {
    const id = c.req.param('id');
    const now = Math.floor(core.clock.now() / 1000);
    if (!verifyBlobUrl(blobSecret, id, 'GET', c.req.query('expires'), c.req.query('sig'), now)) {
      return c.json({ error: 'SignatureDoesNotMatch' }, 403);
    }
    const blob = core.blobs.get(id);
    const row = core.attachments.get(id);
    if (!blob || !row) return c.json({ error: 'NoSuchKey' }, 404);
    const headers: Record<string, string> = { 'content-type': row.mimeType };
    const disposition = c.req.query('response-content-disposition');
    if (disposition) headers['content-disposition'] = disposition;
    return c.body(blob.bytes.slice().buffer as ArrayBuffer, 200, headers);
  });
}
