import type { Hono } from 'hono';
import {
  createConversationRequestSchema,
  executeActionRequestSchema,
  listConversationsQuerySchema,
  markConversationReadRequestSchema,
  renameConversationRequestSchema,
} from '@kilocode/kilo-chat/schemas';
import { SANDBOX_ID_RE } from '../core/bot-identity.js';
import type { ChatCore } from '../core/chat-core.js';
import { CoreError } from '../core/core-error.js';
import type { MockAppEnv } from './app-env.js';
import { jsonBody, queryParams, readJson, ulidParam } from './request-parsing.js';

function sandboxParam(value: string): string {
  if (!SANDBOX_ID_RE.test(value)) throw new CoreError(400, 'Invalid sandboxId');
  return value;
}

/** Human-only routes under `/v1` (H1–H6, H11, H12, H19–H21) and the badge routes. */
export function registerHumanRoutes(router: Hono<MockAppEnv>, core: ChatCore): void {
  router.post('/conversations', async (c) => {
    const body = await jsonBody(c, createConversationRequestSchema);
    return c.json(core.createConversation(c.get('caller'), body), 201);
  });

  router.get('/conversations', (c) => {
    const query = queryParams(c, listConversationsQuerySchema);
    return c.json(core.listConversations(c.get('caller'), query));
  });

  router.get('/conversations/:conversationId', (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    return c.json(core.getConversation(c.get('caller'), conversationId));
  });

  router.patch('/conversations/:conversationId', async (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    const body = await jsonBody(c, renameConversationRequestSchema);
    return c.json(core.renameConversation(c.get('caller'), conversationId, body.title));
  });

  router.post('/conversations/:conversationId/leave', (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    return c.json(core.leaveConversation(c.get('caller'), conversationId));
  });

  router.post('/conversations/:conversationId/mark-read', async (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    const body = await jsonBody(c, markConversationReadRequestSchema);
    return c.json(core.markRead(c.get('caller'), conversationId, body.lastSeenMessageId));
  });

  router.post('/conversations/:conversationId/messages/:messageId/execute-action', async (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    const messageId = ulidParam(c, 'messageId', 'Invalid message ID');
    const body = await jsonBody(c, executeActionRequestSchema);
    return c.json(core.executeAction(c.get('caller'), conversationId, messageId, body));
  });

  router.post('/conversations/:conversationId/messages/:messageId/redeliver', (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    const messageId = ulidParam(c, 'messageId', 'Invalid message ID');
    core.redeliverMessage(c.get('caller'), conversationId, messageId);
    return c.json({ ok: true });
  });

  router.get('/conversations/:conversationId/conversation-status', (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversationId');
    return c.json(core.getConversationStatus(c.get('caller'), conversationId));
  });

  router.get('/sandboxes/:sandboxId/bot-status', (c) => {
    const sandboxId = sandboxParam(c.req.param('sandboxId'));
    return c.json(core.getBotStatus(c.get('caller'), sandboxId));
  });

  router.post('/sandboxes/:sandboxId/request-bot-status', (c) => {
    const sandboxId = sandboxParam(c.req.param('sandboxId'));
    return c.json(core.requestBotStatus(c.get('caller'), sandboxId));
  });

  router.get('/badges', (c) => c.json(core.listBadges(c.get('caller').id)));

  router.post('/badges/mark-read', async (c) => {
    let body: unknown;
    try {
      body = await readJson(c);
    } catch {
      body = null;
    }
    const bucket = (body as { badgeBucket?: unknown } | null)?.badgeBucket;
    if (typeof bucket !== 'string' || bucket === '') throw new CoreError(400, 'badgeBucket required');
    return c.json(core.markBadgeRead(c.get('caller').id, bucket));
  });
}
