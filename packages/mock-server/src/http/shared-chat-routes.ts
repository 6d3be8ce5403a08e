import type { Hono } from 'hono';
import {
  attachmentInitRequestSchema,
  createMessageRequestSchema,
  editMessageRequestSchema,
  listMessagesQuerySchema,
  reactionRequestBodySchema,
  removeReactionQuerySchema,
} from '@kilocode/kilo-chat/schemas';
import type { ChatCore } from '../core/chat-core.js';
import { CoreError } from '../core/core-error.js';
import { isUlidString } from '../core/ids.js';
import type { MockAppEnv } from './app-env.js';
import { GET_URL_TTL_SECONDS, PUT_URL_TTL_SECONDS, signBlobUrl } from './blob-urls.js';
import { attachmentDisposition } from './content-disposition.js';
import { jsonBody, queryParams, ulidParam } from './request-parsing.js';

/** What the shared routes need besides the core. */
export interface SharedRouteOptions {
  /** HMAC key of blob URLs. */
  blobSecret: string;
}

/** The origin the request reached us on, so signed URLs point back at the same server. */
export function requestOrigin(url: string): string {
  return new URL(url).origin;
}

/**
 * Routes humans and bots share with identical shapes (H7–H10, H13–H18 and
 * their bot twins B1–B8, B17, B18). The caller comes from the auth middleware.
 */
export function registerSharedChatRoutes(router: Hono<MockAppEnv>, core: ChatCore, options: SharedRouteOptions): void {
  router.post('/messages', async (c) => {
    const body = await jsonBody(c, createMessageRequestSchema);
    return c.json(core.createMessage(c.get('caller'), body), 201);
  });

  router.get('/conversations/:conversationId/messages', (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    const query = queryParams(c, listMessagesQuerySchema);
    return c.json(core.listMessages(c.get('caller'), conversationId, query));
  });

  router.patch('/messages/:messageId', async (c) => {
    const messageId = ulidParam(c, 'messageId', 'Invalid message ID');
    const body = await jsonBody(c, editMessageRequestSchema);
    return c.json(core.editMessage(c.get('caller'), messageId, body));
  });

  router.delete('/messages/:messageId', (c) => {
    const messageId = ulidParam(c, 'messageId', 'Invalid message ID');
    const conversationId = c.req.query('conversationId');
    if (!isUlidString(conversationId)) throw new CoreError(400, 'Invalid or missing conversationId query parameter');
    return c.json(core.deleteMessage(c.get('caller'), messageId, conversationId));
  });

  router.post('/messages/:messageId/reactions', async (c) => {
    const messageId = ulidParam(c, 'messageId', 'Invalid message ID');
    const body = await jsonBody(c, reactionRequestBodySchema);
    const outcome = core.addReaction(c.get('caller'), messageId, body);
    return c.json({ id: outcome.id }, outcome.created ? 201 : 200);
  });

  router.delete('/messages/:messageId/reactions', (c) => {
    const messageId = ulidParam(c, 'messageId', 'Invalid message ID');
    const query = queryParams(c, removeReactionQuerySchema, 'Invalid request');
    return c.json(core.removeReaction(c.get('caller'), messageId, query));
  });

  router.post('/conversations/:conversationId/typing', (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    return c.json(core.typing(c.get('caller'), conversationId, false));
  });

  router.post('/conversations/:conversationId/typing/stop', (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    return c.json(core.typing(c.get('caller'), conversationId, true));
  });

  router.post('/attachments/init', async (c) => {
    const body = await jsonBody(c, attachmentInitRequestSchema);
    const row = core.initAttachment(c.get('caller'), body);
    const expires = Math.floor(core.clock.now() / 1000) + PUT_URL_TTL_SECONDS;
    return c.json({
      attachmentId: row.id,
      putUrl: signBlobUrl({ secret: options.blobSecret, origin: requestOrigin(c.req.url), id: row.id, method: 'PUT', expires }),
      putHeaders: { 'Content-Type': row.mimeType, 'Content-Length': String(row.size) },
      putUrlExpiresAt: expires,
    });
  });

  router.get('/attachments/:attachmentId/url', (c) => {
    const attachmentId = ulidParam(c, 'attachmentId', 'Invalid attachment ID');
    const conversationId = c.req.query('conversationId');
    if (conversationId === undefined || conversationId === '') throw new CoreError(400, 'Missing conversationId query parameter');
    if (!isUlidString(conversationId)) throw new CoreError(400, 'Invalid conversationId');
    const row = core.readAttachment(c.get('caller'), attachmentId, conversationId);
    const expires = Math.floor(core.clock.now() / 1000) + GET_URL_TTL_SECONDS;
    // As the reference: image/* gets no disposition override, anything else
    // a signed `attachment` one. (The blob store itself still serves only
    // raster images inline; see blob-serving-policy.ts.)
    const extra: Record<string, string> = row.mimeType.startsWith('image/')
      ? {}
      : { 'response-content-disposition': attachmentDisposition(row.filename) };
    return c.json({
      url: signBlobUrl({ secret: options.blobSecret, origin: requestOrigin(c.req.url), id: row.id, method: 'GET', expires, extra }),
      mimeType: row.mimeType,
      size: row.size,
      filename: row.filename,
      expiresAt: expires,
    });
  });
}
