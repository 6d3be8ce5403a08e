/**
 * Every bot route (B1–B18) driven through `KiloChatBotClient` against a real
 * loopback HTTP server: the request on the wire, the parsed result, and the
 * mapping of an error status to `KiloChatApiError`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KiloChatApiError, KiloChatBotClient, KiloChatError, kiloChatRoutes } from '../src/index';
import {
  ATTACHMENT_ID,
  CONVERSATION_ID,
  GATEWAY_TOKEN,
  MESSAGE_ID,
  OPERATION_ID,
  SANDBOX_ID,
  listItem,
  message,
  textContent,
} from './support/fixtures';
import { startLoopbackServer } from './support/loopback-server';
import { expectRouteApiError, expectWireRequest, forbidden } from './support/route-cases';
import type { RouteCase as SharedRouteCase } from './support/route-cases';
import type { LoopbackServer } from './support/loopback-server';

type RouteCase = SharedRouteCase<KiloChatBotClient>;
const members = [
  { id: 'user-1', kind: 'user', displayName: 'Ada', avatarUrl: null },
  { id: `bot:kiloclaw:${SANDBOX_ID}`, kind: 'bot', displayName: null, avatarUrl: null },
];

const cases: RouteCase[] = [
  {
    id: 'B1',
    title: 'sendMessage',
    invoke: (c) => c.sendMessage({ conversationId: CONVERSATION_ID, content: [...textContent], inReplyToMessageId: MESSAGE_ID }),
    method: 'POST',
    path: '/messages',
    body: { conversationId: CONVERSATION_ID, content: textContent, inReplyToMessageId: MESSAGE_ID },
    status: 201,
    json: { messageId: MESSAGE_ID, message },
    result: { messageId: MESSAGE_ID, message },
    error: { status: 500, json: { error: 'Conversation not initialized' }, code: 'server_error' },
  },
  {
    id: 'B2',
    title: 'editMessage',
    invoke: (c) => c.editMessage(MESSAGE_ID, { conversationId: CONVERSATION_ID, content: [...textContent], timestamp: 9 }),
    method: 'PATCH',
    path: `/messages/${MESSAGE_ID}`,
    body: { conversationId: CONVERSATION_ID, content: textContent, timestamp: 9 },
    status: 200,
    json: { messageId: MESSAGE_ID },
    result: { messageId: MESSAGE_ID },
    error: { status: 409, json: { error: 'Edit conflict', messageId: MESSAGE_ID }, code: 'edit_conflict' },
  },
  {
    id: 'B3',
    title: 'deleteMessage',
    invoke: (c) => c.deleteMessage(MESSAGE_ID, { conversationId: CONVERSATION_ID }),
    method: 'DELETE',
    path: `/messages/${MESSAGE_ID}`,
    query: [['conversationId', CONVERSATION_ID]],
    status: 200,
    json: { ok: true },
    result: undefined,
    error: { status: 404, json: { error: 'Not found' }, code: 'not_found' },
  },
  {
    id: 'B4',
    title: 'sendTyping',
    invoke: (c) => c.sendTyping(CONVERSATION_ID),
    method: 'POST',
    path: `/conversations/${CONVERSATION_ID}/typing`,
    status: 200,
    json: { ok: true },
    result: undefined,
    error: forbidden,
  },
  {
    id: 'B5',
    title: 'sendTypingStop',
    invoke: (c) => c.sendTypingStop(CONVERSATION_ID),
    method: 'POST',
    path: `/conversations/${CONVERSATION_ID}/typing/stop`,
    status: 200,
    json: { ok: true },
    result: undefined,
    error: forbidden,
  },
  {
    id: 'B6',
    title: 'addReaction',
    invoke: (c) => c.addReaction(MESSAGE_ID, { conversationId: CONVERSATION_ID, emoji: '👀' }),
    method: 'POST',
    path: `/messages/${MESSAGE_ID}/reactions`,
    body: { conversationId: CONVERSATION_ID, emoji: '👀' },
    status: 201,
    json: { id: OPERATION_ID },
    result: { id: OPERATION_ID },
    error: { status: 404, json: { error: 'Message not found' }, code: 'not_found' },
  },
  {
    id: 'B7',
    title: 'removeReaction',
    invoke: (c) => c.removeReaction(MESSAGE_ID, { conversationId: CONVERSATION_ID, emoji: '👀' }),
    method: 'DELETE',
    path: `/messages/${MESSAGE_ID}/reactions`,
    query: [
      ['conversationId', CONVERSATION_ID],
      ['emoji', '👀'],
    ],
    status: 200,
    json: { removed: true, id: OPERATION_ID },
    result: { removed: true, id: OPERATION_ID },
    error: forbidden,
  },
  {
    id: 'B8',
    title: 'listMessagesPage',
    invoke: (c) => c.listMessagesPage(CONVERSATION_ID, { before: MESSAGE_ID, limit: 5 }),
    method: 'GET',
    path: `/conversations/${CONVERSATION_ID}/messages`,
    query: [
      ['before', MESSAGE_ID],
      ['limit', '5'],
    ],
    status: 200,
    json: { messages: [message], hasMore: false, nextCursor: null },
    result: { messages: [message], hasMore: false, nextCursor: null },
    error: forbidden,
  },
  {
    id: 'B8',
    title: 'listMessages',
    invoke: (c) => c.listMessages(CONVERSATION_ID),
    method: 'GET',
    path: `/conversations/${CONVERSATION_ID}/messages`,
    status: 200,
    json: { messages: [message], hasMore: false, nextCursor: null },
    result: [message],
    error: { status: 400, json: { error: 'Invalid conversation ID' }, code: 'invalid_request' },
  },
  {
    id: 'B9',
    title: 'getMembers',
    invoke: (c) => c.getMembers(CONVERSATION_ID),
    method: 'GET',
    path: `/conversations/${CONVERSATION_ID}/members`,
    status: 200,
    json: { members },
    result: { members },
    error: forbidden,
  },
  {
    id: 'B10',
    title: 'renameConversation',
    invoke: (c) => c.renameConversation(CONVERSATION_ID, { title: 'Bot title' }),
    method: 'PATCH',
    path: `/conversations/${CONVERSATION_ID}`,
    body: { title: 'Bot title' },
    status: 200,
    json: { ok: true },
    result: { ok: true },
    error: forbidden,
  },
  {
    id: 'B11',
    title: 'listConversations',
    invoke: (c) => c.listConversations({ cursor: 'abc', limit: 3 }),
    method: 'GET',
    path: '/conversations',
    query: [
      ['limit', '3'],
      ['cursor', 'abc'],
    ],
    status: 200,
    json: {
      conversations: [{ conversationId: CONVERSATION_ID, title: null, lastActivityAt: 5, members }],
      hasMore: false,
      nextCursor: null,
    },
    result: {
      conversations: [{ conversationId: CONVERSATION_ID, title: null, lastActivityAt: 5, members }],
      hasMore: false,
      nextCursor: null,
    },
    error: { status: 400, json: { error: 'Invalid cursor' }, code: 'invalid_request' },
  },
  {
    id: 'B12',
    title: 'createConversation',
    invoke: (c) => c.createConversation({ title: 'From the bot' }),
    method: 'POST',
    path: '/conversations',
    body: { title: 'From the bot' },
    status: 201,
    json: { conversationId: CONVERSATION_ID, conversation: listItem },
    result: { conversationId: CONVERSATION_ID, conversation: listItem },
    error: { status: 404, json: { error: 'Sandbox owner not found' }, code: 'not_found' },
  },
  {
    id: 'B12',
    title: 'createConversation without arguments sends {}',
    invoke: (c) => c.createConversation(),
    method: 'POST',
    path: '/conversations',
    body: {},
    status: 201,
    json: { conversationId: CONVERSATION_ID, conversation: listItem },
    result: { conversationId: CONVERSATION_ID, conversation: listItem },
    error: {
      status: 400,
      json: { error: 'Bot-created conversations do not support additionalMembers', invalidMembers: ['x'] },
      code: 'invalid_request',
    },
  },
  {
    id: 'B13',
    title: 'setBotStatus',
    invoke: (c) => c.setBotStatus({ online: true, at: 1000, capabilities: ['attachments'] }),
    method: 'POST',
    path: '/bot-status',
    body: { online: true, at: 1000, capabilities: ['attachments'] },
    status: 200,
    json: { ok: true },
    result: undefined,
    error: { status: 502, json: { error: 'Bad Gateway' }, code: 'server_error' },
  },
  {
    id: 'B14',
    title: 'setConversationStatus',
    invoke: (c) =>
      c.setConversationStatus({
        conversationId: CONVERSATION_ID,
        contextTokens: 10,
        contextWindow: 100,
        model: null,
        provider: null,
        at: 5,
      }),
    method: 'POST',
    path: `/conversations/${CONVERSATION_ID}/conversation-status`,
    body: { contextTokens: 10, contextWindow: 100, model: null, provider: null, at: 5 },
    status: 200,
    json: { ok: true },
    result: undefined,
    error: { status: 403, json: { error: 'Conversation does not belong to this sandbox' }, code: 'forbidden' },
  },
  {
    id: 'B15',
    title: 'reportMessageDeliveryFailed',
    invoke: (c) => c.reportMessageDeliveryFailed({ conversationId: CONVERSATION_ID, messageId: MESSAGE_ID, reason: 'crashed' }),
    method: 'POST',
    path: `/conversations/${CONVERSATION_ID}/messages/${MESSAGE_ID}/delivery-failed`,
    body: { reason: 'crashed' },
    status: 200,
    json: { ok: true },
    result: undefined,
    error: { status: 404, json: { error: 'Not found' }, code: 'not_found' },
  },
  {
    id: 'B16',
    title: 'reportActionDeliveryFailed (group id URL-encoded)',
    invoke: (c) =>
      c.reportActionDeliveryFailed({ conversationId: CONVERSATION_ID, messageId: MESSAGE_ID, groupId: 'approve/1 x' }),
    method: 'POST',
    path: `/conversations/${CONVERSATION_ID}/actions/approve%2F1%20x/delivery-failed`,
    body: { messageId: MESSAGE_ID },
    status: 200,
    json: { ok: true },
    result: undefined,
    error: { status: 404, json: { error: 'Action group not found' }, code: 'not_found' },
  },
  {
    id: 'B17',
    title: 'initAttachment',
    invoke: (c) => c.initAttachment({ conversationId: CONVERSATION_ID, mimeType: 'text/plain', size: 3, filename: 'a.txt' }),
    method: 'POST',
    path: '/attachments/init',
    body: { conversationId: CONVERSATION_ID, mimeType: 'text/plain', size: 3, filename: 'a.txt' },
    status: 200,
    json: { attachmentId: ATTACHMENT_ID, putUrl: 'https://r2.example/put', putHeaders: {}, putUrlExpiresAt: 100 },
    result: { attachmentId: ATTACHMENT_ID, putUrl: 'https://r2.example/put', putHeaders: {}, putUrlExpiresAt: 100 },
    error: forbidden,
  },
  {
    id: 'B18',
    title: 'getAttachmentUrl',
    invoke: (c) => c.getAttachmentUrl({ attachmentId: ATTACHMENT_ID, conversationId: CONVERSATION_ID }),
    method: 'GET',
    path: `/attachments/${ATTACHMENT_ID}/url`,
    query: [['conversationId', CONVERSATION_ID]],
    status: 200,
    json: { url: 'https://r2/get', mimeType: 'text/plain', size: 3, filename: 'a.txt', expiresAt: 200 },
    result: { url: 'https://r2/get', mimeType: 'text/plain', size: 3, filename: 'a.txt', expiresAt: 200 },
    error: forbidden,
  },
];

describe('KiloChatBotClient routes on the wire', () => {
  let server: LoopbackServer;
  let bot: KiloChatBotClient;

  beforeEach(async () => {
    server = await startLoopbackServer();
    bot = new KiloChatBotClient({ baseUrl: server.url, sandboxId: SANDBOX_ID, getToken: () => GATEWAY_TOKEN });
  });

  afterEach(async () => {
    await server.close();
  });

  it('covers every bot route', () => {
    const covered = new Set(cases.map((c) => c.id));
    const botRoutes = Object.keys(kiloChatRoutes).filter((id) => id.startsWith('B'));
    expect([...covered].sort()).toEqual(botRoutes.sort());
  });

  describe.each(cases)('$id $title', (route) => {
    it('sends the documented request under the sandbox prefix', async () => {
      server.respond({ status: route.status, json: route.json });

      await expect(route.invoke(bot)).resolves.toEqual(route.result);

      expectWireRequest(server, route, `/bot/v1/sandboxes/${SANDBOX_ID}${route.path}`, GATEWAY_TOKEN);
      expect(kiloChatRoutes[route.id].auth).toBe('bot');
    });

    it(`maps ${route.error.status} to KiloChatApiError(${route.error.code})`, async () => {
      server.respond({ status: route.error.status, json: route.error.json });

      const error = await route.invoke(bot).catch((e: unknown) => e);

      expectRouteApiError(error, route, GATEWAY_TOKEN);
    });
  });

  it('sends B15 with an empty JSON object when there is no reason', async () => {
    server.respond({ json: { ok: true } });

    await bot.reportMessageDeliveryFailed({ conversationId: CONVERSATION_ID, messageId: MESSAGE_ID });

    expect(server.requests[0]!.body).toEqual({});
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('maps a 401 from a wrong gateway token to code unauthorized', async () => {
    server.respond({ status: 401, json: { error: 'Unauthorized' } });

    const error = (await bot.getMembers(CONVERSATION_ID).catch((e: unknown) => e)) as KiloChatApiError;

    expect(error.code).toBe('unauthorized');
    expect(error.serverMessage).toBe('Unauthorized');
  });

  it.each(['', 'sbx!invalid', 'a'.repeat(65), '../etc', 'has space', 'a:b'])(
    'refuses the sandbox id %j before any request',
    (sandboxId) => {
      let error: unknown;
      try {
        new KiloChatBotClient({ baseUrl: server.url, sandboxId, getToken: () => GATEWAY_TOKEN });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(KiloChatError);
      expect((error as KiloChatError).code).toBe('invalid_sandbox_id');
      expect(server.requests).toHaveLength(0);
    },
  );

  it('accepts a sandbox id of exactly 64 allowed characters', () => {
    const id = `${'A'.repeat(32)}${'_-09az'.repeat(5)}zz`;
    expect(id).toHaveLength(64);
    expect(new KiloChatBotClient({ baseUrl: server.url, sandboxId: id, getToken: () => GATEWAY_TOKEN }).sandboxId).toBe(id);
  });
});
