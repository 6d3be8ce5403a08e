/**
 * Every human route (H1–H21) driven through `KiloChatClient` against a real
 * loopback HTTP server: the request on the wire, the parsed result, and the
 * mapping of an error status to `KiloChatApiError`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KiloChatApiError, KiloChatClient, kiloChatRoutes } from '../src/index';
import {
  ATTACHMENT_ID,
  CLIENT_ID,
  CONVERSATION_ID,
  MESSAGE_ID,
  OPERATION_ID,
  SANDBOX_ID,
  TOKEN,
  botStatusRecord,
  conversationStatusRecord,
  fakeEventChannel,
  listItem,
  message,
  textContent,
} from './support/fixtures';
import { startLoopbackServer } from './support/loopback-server';
import { expectRouteApiError, expectWireRequest, forbidden } from './support/route-cases';
import type { RouteCase as SharedRouteCase } from './support/route-cases';
import type { LoopbackServer } from './support/loopback-server';

type RouteCase = SharedRouteCase<KiloChatClient>;

const cases: RouteCase[] = [
  {
    id: 'H1',
    title: 'createConversation',
    invoke: (c) => c.createConversation({ sandboxId: SANDBOX_ID, title: 'Planning' }),
    method: 'POST',
    path: '/v1/conversations',
    body: { sandboxId: SANDBOX_ID, title: 'Planning' },
    status: 201,
    json: { conversationId: CONVERSATION_ID, conversation: listItem },
    result: { conversationId: CONVERSATION_ID, conversation: listItem },
    error: { status: 403, json: { error: 'You do not have access to this sandbox' }, code: 'forbidden' },
  },
  {
    id: 'H2',
    title: 'listConversations with every option',
    invoke: (c) => c.listConversations({ cursor: 'eyJ0IjoxfQ', limit: 2, sandboxId: SANDBOX_ID }),
    method: 'GET',
    path: '/v1/conversations',
    query: [
      ['sandboxId', SANDBOX_ID],
      ['limit', '2'],
      ['cursor', 'eyJ0IjoxfQ'],
    ],
    status: 200,
    json: { conversations: [listItem], hasMore: true, nextCursor: 'next' },
    result: { conversations: [listItem], hasMore: true, nextCursor: 'next' },
    error: { status: 400, json: { error: 'Invalid cursor' }, code: 'invalid_request' },
  },
  {
    id: 'H3',
    title: 'getConversation',
    invoke: (c) => c.getConversation(CONVERSATION_ID),
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION_ID}`,
    status: 200,
    json: {
      id: CONVERSATION_ID,
      title: null,
      createdBy: 'user-1',
      createdAt: 1,
      members: [{ id: 'user-1', kind: 'user', displayName: 'Ada', avatarUrl: null }],
    },
    result: {
      id: CONVERSATION_ID,
      title: null,
      createdBy: 'user-1',
      createdAt: 1,
      members: [{ id: 'user-1', kind: 'user', displayName: 'Ada', avatarUrl: null }],
    },
    error: forbidden,
  },
  {
    id: 'H4',
    title: 'renameConversation',
    invoke: (c) => c.renameConversation(CONVERSATION_ID, { title: 'New title' }),
    method: 'PATCH',
    path: `/v1/conversations/${CONVERSATION_ID}`,
    body: { title: 'New title' },
    status: 200,
    json: { ok: true },
    result: { ok: true },
    error: { status: 400, json: { error: 'Invalid request', issues: [] }, code: 'invalid_request' },
  },
  {
    id: 'H5',
    title: 'leaveConversation',
    invoke: (c) => c.leaveConversation(CONVERSATION_ID),
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION_ID}/leave`,
    status: 200,
    json: { ok: true },
    result: undefined,
    error: { status: 403, json: { error: 'Only users can leave conversations' }, code: 'forbidden' },
  },
  {
    id: 'H6',
    title: 'markConversationRead',
    invoke: (c) => c.markConversationRead(CONVERSATION_ID, { lastSeenMessageId: MESSAGE_ID }),
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION_ID}/mark-read`,
    body: { lastSeenMessageId: MESSAGE_ID },
    status: 200,
    json: { ok: true, applied: true, lastReadAt: 5000, badgeClear: { badgeBucket: 'kiloclaw:s:c', badgeCount: 0 } },
    result: { ok: true, applied: true, lastReadAt: 5000, badgeClear: { badgeBucket: 'kiloclaw:s:c', badgeCount: 0 } },
    error: { status: 503, json: { error: 'Failed to clear notification badge' }, code: 'unavailable' },
  },
  {
    id: 'H7',
    title: 'sendMessage',
    invoke: (c) => c.sendMessage({ conversationId: CONVERSATION_ID, content: [...textContent], clientId: CLIENT_ID }),
    method: 'POST',
    path: '/v1/messages',
    body: { conversationId: CONVERSATION_ID, content: textContent, clientId: CLIENT_ID },
    status: 201,
    json: { messageId: MESSAGE_ID, clientId: CLIENT_ID, message },
    result: { messageId: MESSAGE_ID, clientId: CLIENT_ID, message },
    error: { status: 409, json: { error: 'Attachment is already linked' }, code: 'conflict' },
  },
  {
    id: 'H8',
    title: 'listMessagesPage with before and limit',
    invoke: (c) => c.listMessagesPage(CONVERSATION_ID, { limit: 2, before: MESSAGE_ID }),
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION_ID}/messages`,
    query: [
      ['before', MESSAGE_ID],
      ['limit', '2'],
    ],
    status: 200,
    json: { messages: [message], hasMore: true, nextCursor: MESSAGE_ID },
    result: { messages: [message], hasMore: true, nextCursor: MESSAGE_ID },
    error: forbidden,
  },
  {
    id: 'H8',
    title: 'listMessages returns the messages only',
    invoke: (c) => c.listMessages(CONVERSATION_ID, { limit: 1 }),
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION_ID}/messages`,
    query: [['limit', '1']],
    status: 200,
    json: { messages: [message], hasMore: false, nextCursor: null },
    result: [message],
    error: { status: 400, json: { error: 'Invalid query parameters', issues: [] }, code: 'invalid_request' },
  },
  {
    id: 'H9',
    title: 'editMessage',
    invoke: (c) => c.editMessage(MESSAGE_ID, { conversationId: CONVERSATION_ID, content: [...textContent], timestamp: 42 }),
    method: 'PATCH',
    path: `/v1/messages/${MESSAGE_ID}`,
    body: { conversationId: CONVERSATION_ID, content: textContent, timestamp: 42 },
    status: 200,
    json: { messageId: MESSAGE_ID },
    result: { messageId: MESSAGE_ID },
    error: { status: 409, json: { error: 'Edit conflict', messageId: MESSAGE_ID }, code: 'edit_conflict' },
  },
  {
    id: 'H10',
    title: 'deleteMessage',
    invoke: (c) => c.deleteMessage(MESSAGE_ID, { conversationId: CONVERSATION_ID }),
    method: 'DELETE',
    path: `/v1/messages/${MESSAGE_ID}`,
    query: [['conversationId', CONVERSATION_ID]],
    status: 200,
    json: { ok: true },
    result: undefined,
    error: { status: 404, json: { error: 'Not found' }, code: 'not_found' },
  },
  {
    id: 'H11',
    title: 'executeAction',
    invoke: (c) => c.executeAction(CONVERSATION_ID, MESSAGE_ID, { groupId: 'g1', value: 'allow-once' }),
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION_ID}/messages/${MESSAGE_ID}/execute-action`,
    body: { groupId: 'g1', value: 'allow-once' },
    status: 200,
    json: {
      ok: true,
      messageId: MESSAGE_ID,
      content: [],
      resolved: { groupId: 'g1', value: 'allow-once', resolvedBy: 'user-1', resolvedAt: 7 },
    },
    result: {
      ok: true,
      messageId: MESSAGE_ID,
      content: [],
      resolved: { groupId: 'g1', value: 'allow-once', resolvedBy: 'user-1', resolvedAt: 7 },
    },
    error: { status: 409, json: { error: 'Action already resolved' }, code: 'conflict' },
  },
  {
    id: 'H12',
    title: 'redeliverMessage',
    invoke: (c) => c.redeliverMessage(CONVERSATION_ID, MESSAGE_ID),
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION_ID}/messages/${MESSAGE_ID}/redeliver`,
    status: 200,
    json: { ok: true },
    result: { ok: true },
    error: { status: 409, json: { error: 'No active bot to redeliver to' }, code: 'conflict' },
  },
  {
    id: 'H13',
    title: 'addReaction (201, newly added)',
    invoke: (c) => c.addReaction(MESSAGE_ID, { conversationId: CONVERSATION_ID, emoji: '👍' }),
    method: 'POST',
    path: `/v1/messages/${MESSAGE_ID}/reactions`,
    body: { conversationId: CONVERSATION_ID, emoji: '👍' },
    status: 201,
    json: { id: OPERATION_ID },
    result: { id: OPERATION_ID },
    error: { status: 404, json: { error: 'Message not found' }, code: 'not_found' },
  },
  {
    id: 'H13',
    title: 'addReaction (200, already live)',
    invoke: (c) => c.addReaction(MESSAGE_ID, { conversationId: CONVERSATION_ID, emoji: '🎉' }),
    method: 'POST',
    path: `/v1/messages/${MESSAGE_ID}/reactions`,
    body: { conversationId: CONVERSATION_ID, emoji: '🎉' },
    status: 200,
    json: { id: OPERATION_ID },
    result: { id: OPERATION_ID },
    error: { status: 403, json: { error: 'Not a member' }, code: 'forbidden' },
  },
  {
    id: 'H14',
    title: 'removeReaction (emoji URL-encoded in the query, no body)',
    invoke: (c) => c.removeReaction(MESSAGE_ID, { conversationId: CONVERSATION_ID, emoji: '👍 & =' }),
    method: 'DELETE',
    path: `/v1/messages/${MESSAGE_ID}/reactions`,
    query: [
      ['conversationId', CONVERSATION_ID],
      ['emoji', '👍 & ='],
    ],
    status: 200,
    json: { removed: false, id: null },
    result: { removed: false, id: null },
    error: { status: 400, json: { error: 'Invalid request', issues: [{ code: 'too_big', path: ['emoji'] }] }, code: 'invalid_request' },
  },
  {
    id: 'H15',
    title: 'sendTyping',
    invoke: (c) => c.sendTyping(CONVERSATION_ID),
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION_ID}/typing`,
    status: 200,
    json: { ok: true },
    result: undefined,
    error: forbidden,
  },
  {
    id: 'H16',
    title: 'sendTypingStop',
    invoke: (c) => c.sendTypingStop(CONVERSATION_ID),
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION_ID}/typing/stop`,
    status: 200,
    json: { ok: true },
    result: undefined,
    error: forbidden,
  },
  {
    id: 'H17',
    title: 'initAttachment',
    invoke: (c) =>
      c.initAttachment({ conversationId: CONVERSATION_ID, mimeType: 'image/png', size: 10, filename: 'a.png', idempotencyKey: 'k1' }),
    method: 'POST',
    path: '/v1/attachments/init',
    body: { conversationId: CONVERSATION_ID, mimeType: 'image/png', size: 10, filename: 'a.png', idempotencyKey: 'k1' },
    status: 200,
    json: {
      attachmentId: ATTACHMENT_ID,
      putUrl: 'https://acct.r2.cloudflarestorage.com/x?X-Amz-Expires=900',
      putHeaders: { 'Content-Type': 'image/png' },
      putUrlExpiresAt: 1_700_000_900,
    },
    result: {
      attachmentId: ATTACHMENT_ID,
      putUrl: 'https://acct.r2.cloudflarestorage.com/x?X-Amz-Expires=900',
      putHeaders: { 'Content-Type': 'image/png' },
      putUrlExpiresAt: 1_700_000_900,
    },
    error: { status: 503, json: { error: 'R2 credentials unavailable' }, code: 'unavailable' },
  },
  {
    id: 'H18',
    title: 'getAttachmentUrl',
    invoke: (c) => c.getAttachmentUrl({ attachmentId: ATTACHMENT_ID, conversationId: CONVERSATION_ID }),
    method: 'GET',
    path: `/v1/attachments/${ATTACHMENT_ID}/url`,
    query: [['conversationId', CONVERSATION_ID]],
    status: 200,
    json: { url: 'https://r2/x', mimeType: 'image/png', size: 10, filename: 'a.png', expiresAt: 1_700_003_600 },
    result: { url: 'https://r2/x', mimeType: 'image/png', size: 10, filename: 'a.png', expiresAt: 1_700_003_600 },
    error: { status: 404, json: { error: 'Attachment not found' }, code: 'not_found' },
  },
  {
    id: 'H18',
    title: 'getAttachmentUrl URL-encodes the attachment id',
    invoke: (c) => c.getAttachmentUrl({ attachmentId: 'a/b?c', conversationId: CONVERSATION_ID }),
    method: 'GET',
    path: '/v1/attachments/a%2Fb%3Fc/url',
    query: [['conversationId', CONVERSATION_ID]],
    status: 200,
    json: { url: 'https://r2/x', mimeType: 'text/plain', size: 1, filename: 'a.txt', expiresAt: 1 },
    result: { url: 'https://r2/x', mimeType: 'text/plain', size: 1, filename: 'a.txt', expiresAt: 1 },
    error: { status: 400, json: { error: 'Invalid attachment ID' }, code: 'invalid_request' },
  },
  {
    id: 'H19',
    title: 'getBotStatus',
    invoke: (c) => c.getBotStatus(SANDBOX_ID),
    method: 'GET',
    path: `/v1/sandboxes/${SANDBOX_ID}/bot-status`,
    status: 200,
    json: { status: botStatusRecord },
    result: { status: botStatusRecord },
    error: { status: 404, json: { error: 'sandbox_not_found' }, code: 'not_found' },
  },
  {
    id: 'H20',
    title: 'requestBotStatus',
    invoke: (c) => c.requestBotStatus(SANDBOX_ID),
    method: 'POST',
    path: `/v1/sandboxes/${SANDBOX_ID}/request-bot-status`,
    status: 200,
    json: { ok: true, cached: botStatusRecord },
    result: { ok: true, cached: botStatusRecord },
    error: { status: 403, json: { error: 'forbidden' }, code: 'forbidden' },
  },
  {
    id: 'H21',
    title: 'getConversationStatus',
    invoke: (c) => c.getConversationStatus(CONVERSATION_ID),
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION_ID}/conversation-status`,
    status: 200,
    json: { status: conversationStatusRecord },
    result: { status: conversationStatusRecord },
    error: { status: 404, json: { error: 'conversation_not_found' }, code: 'not_found' },
  },
];

describe('KiloChatClient routes on the wire', () => {
  let server: LoopbackServer;
  let client: KiloChatClient;

  beforeEach(async () => {
    server = await startLoopbackServer();
    client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: server.url, getToken: async () => TOKEN });
  });

  afterEach(async () => {
    client.dispose();
    await server.close();
  });

  it('covers every human route', () => {
    const covered = new Set(cases.map((c) => c.id));
    const human = Object.keys(kiloChatRoutes).filter((id) => id.startsWith('H'));
    expect([...covered].sort()).toEqual(human.sort());
  });

  describe.each(cases)('$id $title', (route) => {
    it('sends the documented request and parses the success body', async () => {
      server.respond({ status: route.status, json: route.json });

      await expect(route.invoke(client)).resolves.toEqual(route.result);

      expectWireRequest(server, route, route.path, TOKEN);
    });

    it(`maps ${route.error.status} to KiloChatApiError(${route.error.code})`, async () => {
      server.respond({ status: route.error.status, json: route.error.json });

      const error = await route.invoke(client).catch((e: unknown) => e);

      const apiError = expectRouteApiError(error, route, TOKEN);
      expect(apiError.serverMessage).toBe((route.error.json as { error: string }).error);
      expect(apiError.message).toBe(`Kilo Chat API error: ${route.error.status}`);
      expect(server.requests).toHaveLength(1);
    });
  });

  it('sends no query string when every list option is undefined', async () => {
    server.respond(
      { json: { conversations: [], hasMore: false, nextCursor: null } },
      { json: { messages: [], hasMore: false, nextCursor: null } },
    );

    await client.listConversations();
    await client.listMessagesPage(CONVERSATION_ID, { before: undefined, limit: undefined });

    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/conversations',
      `/v1/conversations/${CONVERSATION_ID}/messages`,
    ]);
  });

  it('keeps a path prefix of baseUrl and ignores trailing slashes', async () => {
    const prefixed = new KiloChatClient({
      eventService: fakeEventChannel(),
      baseUrl: `${server.url}/chat-api//`,
      getToken: () => TOKEN,
    });
    server.respond({ json: { status: null } });

    await expect(prefixed.getBotStatus(SANDBOX_ID)).resolves.toEqual({ status: null });
    expect(server.requests[0]!.path).toBe(`/chat-api/v1/sandboxes/${SANDBOX_ID}/bot-status`);
  });

  it('reads an error body that is not JSON as null', async () => {
    server.respond({ status: 502, rawBody: '<html>bad gateway</html>' });

    const error = (await client.getConversation(CONVERSATION_ID).catch((e: unknown) => e)) as KiloChatApiError;

    expect(error).toBeInstanceOf(KiloChatApiError);
    expect(error.status).toBe(502);
    expect(error.body).toBeNull();
    expect(error.code).toBe('server_error');
    expect(error.serverMessage).toBeUndefined();
  });

  it('maps 401 (without onUnauthorized) to code unauthorized and sends once', async () => {
    server.respond({ status: 401, json: { error: 'Unauthorized' } });

    const error = (await client.listConversations().catch((e: unknown) => e)) as KiloChatApiError;

    expect(error.code).toBe('unauthorized');
    expect(server.requests).toHaveLength(1);
  });
});
