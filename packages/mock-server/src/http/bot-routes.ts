import type { Hono } from 'hono';
import {
  actionDeliveryFailedRequestSchema,
  botListConversationsQuerySchema,
  botStatusRequestSchema,
  conversationStatusRequestSchema,
  createBotConversationRequestSchema,
  messageDeliveryFailedRequestSchema,
  renameConversationRequestSchema,
} from '@kilocode/kilo-chat/schemas';
import type { ChatCore } from '../core/chat-core.js';
import { CoreError } from '../core/core-error.js';
import type { MockAppEnv } from './app-env.js';
import { jsonBody, queryParams, ulidParam } from './request-parsing.js';

/** Bot-only routes under `/bot/v1/sandboxes/:sandboxId` (B9–B16). */
export function registerBotRoutes(router: Hono<MockAppEnv>, core: ChatCore): void {
  router.get('/conversations/:conversationId/members', (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    return c.json(core.getMembers(c.get('caller'), conversationId));
  });

  router.patch('/conversations/:conversationId', async (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    const body = await jsonBody(c, renameConversationRequestSchema);
    return c.json(core.renameConversation(c.get('caller'), conversationId, body.title));
  });

  router.get('/conversations', (c) => {
    const query = queryParams(c, botListConversationsQuerySchema);
    return c.json(core.listBotConversations(c.get('sandboxId'), query));
  });

  router.post('/conversations', async (c) => {
    const body = await jsonBody(c, createBotConversationRequestSchema);
    return c.json(core.createBotConversation(c.get('sandboxId'), body), 201);
  });

  router.post('/bot-status', async (c) => {
    const body = await jsonBody(c, botStatusRequestSchema);
    return c.json(core.setBotStatus(c.get('sandboxId'), body));
  });

  router.post('/conversations/:conversationId/conversation-status', async (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversationId');
    const body = await jsonBody(c, conversationStatusRequestSchema);
    return c.json(core.setConversationStatus(c.get('sandboxId'), conversationId, body));
  });

  router.post('/conversations/:conversationId/messages/:messageId/delivery-failed', async (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    const messageId = ulidParam(c, 'messageId', 'Invalid message ID');
    await jsonBody(c, messageDeliveryFailedRequestSchema, {});
    return c.json(core.reportMessageDeliveryFailed(c.get('caller'), conversationId, messageId));
  });

  router.post('/conversations/:conversationId/actions/:groupId/delivery-failed', async (c) => {
    const conversationId = ulidParam(c, 'conversationId', 'Invalid conversation ID');
    const groupId = c.req.param('groupId');
    if (groupId.length < 1 || groupId.length > 200) throw new CoreError(400, 'Invalid groupId');
    const body = await jsonBody(c, actionDeliveryFailedRequestSchema);
    return c.json(core.reportActionDeliveryFailed(c.get('caller'), conversationId, groupId, body.messageId));
  });
}
