import type { Context, Hono } from 'hono';
import type { ChatCore } from '../core/chat-core.js';
import type { MockAppEnv } from './app-env.js';
import { readBodyLimited } from './body-limits.js';
import { downloadHeaders } from './blob-serving-policy.js';
import { type BlobUrlCheck, verifyBlobUrl } from './blob-urls.js';

/** The S3-style answer to a URL that fails its check. */
function refusal(c: Context, check: Exclude<BlobUrlCheck, 'ok'>): Response {
  if (check === 'expired') return c.json({ error: 'AccessDenied', message: 'Request has expired' }, 403);
  return c.json({ error: 'SignatureDoesNotMatch' }, 403);
}

function checkUrl(c: Context, core: ChatCore, blobSecret: string, method: 'GET' | 'PUT'): BlobUrlCheck {
  return verifyBlobUrl({
    secret: blobSecret,
    id: c.req.param('id') ?? '',
    method,
    params: new URL(c.req.url).searchParams,
    nowSeconds: Math.floor(core.clock.now() / 1000),
  });
}

/**
 * The mock's object storage. The signed PUT URL from attachment init uploads
 * here: at most the attachment's declared size (413 beyond), and only while
 * the attachment is pending (403 `AccessDenied` once a message links it, and
 * after the URL's 900 s). The signed GET URL from the attachment URL route
 * downloads from here, with headers from {@link downloadHeaders}. The
 * nosniff and CSP headers of every answer come from the `/_blob/*`
 * middleware (`blobSecurityHeaders`).
 */
export function registerBlobRoutes(app: Hono<MockAppEnv>, core: ChatCore, blobSecret: string): void {
  app.put('/_blob/:id', async (c) => {
    const id = c.req.param('id');
    const check = checkUrl(c, core, blobSecret, 'PUT');
    if (check !== 'ok') return refusal(c, check);
    const row = core.attachments.get(id);
    if (!row) return c.json({ error: 'NoSuchUpload' }, 404);
    // Once a message links the file its bytes are final: the upload URL is
    // spent, and the body is not read at all.
    if (row.status !== 'pending') {
      return c.json({ error: 'AccessDenied', message: 'The attachment is linked to a message; its upload URL no longer works' }, 403);
    }
    // The upload may be at most the size declared at attachment init.
    const bytes = await readBodyLimited(c, row.size);
    core.blobs.put(id, bytes, c.req.header('content-type') ?? null);
    return c.body(null, 200);
  });

  app.get('/_blob/:id', (c) => {
    const id = c.req.param('id');
    const check = checkUrl(c, core, blobSecret, 'GET');
    if (check !== 'ok') return refusal(c, check);
    const blob = core.blobs.get(id);
    const row = core.attachments.get(id);
    if (!blob || !row) return c.json({ error: 'NoSuchKey' }, 404);
    // Read the response-shaping parameters exactly as they were verified.
    const params = new URL(c.req.url).searchParams;
    const headers = downloadHeaders({
      mimeType: row.mimeType,
      filename: row.filename,
      responseContentType: params.get('response-content-type') ?? undefined,
      responseContentDisposition: params.get('response-content-disposition') ?? undefined,
    });
    return c.body(blob.bytes.slice().buffer as ArrayBuffer, 200, headers);
  });
}
