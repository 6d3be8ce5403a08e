import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createConversation, createWorld, startTestServer, storeSnapshot, type World } from './helpers';

/**
 * Every route refuses bad input (invalid JSON, schema violations, missing or
 * wrong auth, other users' conversations) with the reference's status and
 * body, and the store is left exactly as it was.
 */
describe('bad input on every route', () => {
  let server: MockServer;
  let world: World;
  let C: string; // u1 + bot1
  let M: string; // u1's message in C
  let BM: string; // bot1's actions message in C
  let A: string; // linked attachment in C
  let otherC: string; // another conversation of u1
  let otherM: string;
  const UNKNOWN = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world, 'main');
    otherC = await createConversation(world, 'other');
    M = (await call(server, 'POST', '/v1/messages', { token: world.u1, body: { conversationId: C, content: [{ type: 'text', text: 'hi' }] } })).body.messageId;
    otherM = (await call(server, 'POST', '/v1/messages', { token: world.u1, body: { conversationId: otherC, content: [{ type: 'text', text: 'x' }] } })).body.messageId;
    BM = (
      await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', {
        token: world.bot1,
        body: {
          conversationId: C,
          content: [{ type: 'actions', groupId: 'g1', actions: [{ label: 'Allow', style: 'primary', value: 'allow-once' }] }],
        },
      })
    ).body.messageId;
    const init = await call(server, 'POST', '/v1/attachments/init', {
      token: world.u1,
      body: { conversationId: C, mimeType: 'text/plain', size: 3, filename: 'a.txt' },
    });
    A = init.body.attachmentId;
    await fetch(init.body.putUrl, { method: 'PUT', body: 'abc', headers: { 'content-type': 'text/plain' } });
    await call(server, 'POST', '/v1/messages', {
      token: world.u1,
      body: { conversationId: C, content: [{ type: 'attachment', attachmentId: A, mimeType: 'text/plain', size: 3, filename: 'a.txt' }] },
    });
    await server.webhooksSettled();
  });
  afterAll(() => server.close());

  type Case = {
    name: string;
    method: string;
    path: () => string;
    token: () => string | undefined;
    body?: () => unknown;
    status: number;
    error: string;
    issues?: boolean;
  };

  const human = (t: 'u1' | 'u2' | 'u3' = 'u1') => () => world[t];
  const bot = (t: 'bot1' | 'bot2' = 'bot1') => () => world[t];

  const cases: Case[] = [
    // auth
    { name: 'H2 without auth', method: 'GET', path: () => '/v1/conversations', token: () => undefined, status: 401, error: 'Unauthorized' },
    { name: 'H2 with a non-JWT bearer', method: 'GET', path: () => '/v1/conversations', token: () => 'not-a-jwt', status: 401, error: 'Unauthorized' },
    { name: 'H2 with a gateway token', method: 'GET', path: () => '/v1/conversations', token: bot(), status: 401, error: 'Unauthorized' },
    { name: 'H7 without auth', method: 'POST', path: () => '/v1/messages', token: () => undefined, body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }] }), status: 401, error: 'Unauthorized' },
    { name: 'B1 without auth', method: 'POST', path: () => '/bot/v1/sandboxes/sb1/messages', token: () => undefined, body: () => ({}), status: 401, error: 'Unauthorized' },
    { name: 'B1 with another sandbox token', method: 'POST', path: () => '/bot/v1/sandboxes/sb1/messages', token: bot('bot2'), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }] }), status: 401, error: 'Unauthorized' },
    { name: 'B1 with a user JWT', method: 'POST', path: () => '/bot/v1/sandboxes/sb1/messages', token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }] }), status: 401, error: 'Unauthorized' },
    { name: 'B1 with an invalid sandbox id (checked before auth)', method: 'POST', path: () => '/bot/v1/sandboxes/sbx!invalid/messages', token: () => undefined, body: () => ({}), status: 400, error: 'Invalid sandboxId' },

    // H1
    { name: 'H1 invalid JSON', method: 'POST', path: () => '/v1/conversations', token: human(), body: () => '{nope', status: 400, error: 'Invalid JSON' },
    { name: 'H1 bad sandboxId', method: 'POST', path: () => '/v1/conversations', token: human(), body: () => ({ sandboxId: '../x' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H1 whitespace title', method: 'POST', path: () => '/v1/conversations', token: human(), body: () => ({ sandboxId: 'sb1', title: '  ' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H1 sandbox of another user', method: 'POST', path: () => '/v1/conversations', token: human('u2'), body: () => ({ sandboxId: 'sb1' }), status: 403, error: 'You do not have access to this sandbox' },
    // H2
    { name: 'H2 limit 0', method: 'GET', path: () => '/v1/conversations?limit=0', token: human(), status: 400, error: 'Invalid query parameters', issues: true },
    { name: 'H2 bad cursor', method: 'GET', path: () => '/v1/conversations?cursor=garbage', token: human(), status: 400, error: 'Invalid cursor' },
    // H3
    { name: 'H3 bad id', method: 'GET', path: () => '/v1/conversations/nope', token: human(), status: 400, error: 'Invalid conversation ID' },
    { name: 'H3 other user', method: 'GET', path: () => `/v1/conversations/${C}`, token: human('u2'), status: 403, error: 'Forbidden' },
    { name: 'H3 unknown conversation', method: 'GET', path: () => `/v1/conversations/${UNKNOWN}`, token: human(), status: 403, error: 'Forbidden' },
    // H4
    { name: 'H4 invalid JSON', method: 'PATCH', path: () => `/v1/conversations/${C}`, token: human(), body: () => 'x', status: 400, error: 'Invalid JSON' },
    { name: 'H4 201-char title', method: 'PATCH', path: () => `/v1/conversations/${C}`, token: human(), body: () => ({ title: 'x'.repeat(201) }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H4 other user', method: 'PATCH', path: () => `/v1/conversations/${C}`, token: human('u2'), body: () => ({ title: 'mine' }), status: 403, error: 'Forbidden' },
    // H5
    { name: 'H5 bad id', method: 'POST', path: () => '/v1/conversations/zzz/leave', token: human(), status: 400, error: 'Invalid conversation ID' },
    { name: 'H5 other user', method: 'POST', path: () => `/v1/conversations/${C}/leave`, token: human('u2'), status: 403, error: 'Forbidden' },
    // H6
    { name: 'H6 invalid JSON', method: 'POST', path: () => `/v1/conversations/${C}/mark-read`, token: human(), body: () => '[', status: 400, error: 'Invalid JSON' },
    { name: 'H6 non-ULID', method: 'POST', path: () => `/v1/conversations/${C}/mark-read`, token: human(), body: () => ({ lastSeenMessageId: 'x' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H6 message of another conversation', method: 'POST', path: () => `/v1/conversations/${C}/mark-read`, token: human(), body: () => ({ lastSeenMessageId: otherM }), status: 400, error: 'Message does not belong to conversation' },
    { name: 'H6 other user', method: 'POST', path: () => `/v1/conversations/${C}/mark-read`, token: human('u2'), body: () => ({ lastSeenMessageId: M }), status: 403, error: 'Forbidden' },
    // H7
    { name: 'H7 invalid JSON', method: 'POST', path: () => '/v1/messages', token: human(), body: () => 'nope', status: 400, error: 'Invalid JSON' },
    { name: 'H7 empty content', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: [] }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H7 8001 chars', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x'.repeat(8001) }] }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H7 whitespace text', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: ' \n\t' }] }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H7 21 blocks', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: Array.from({ length: 21 }, () => ({ type: 'text', text: 'x' })) }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H7 UUID clientId', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }], clientId: '123e4567-e89b-12d3-a456-426614174000' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H7 resolved in input actions', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: [{ type: 'actions', groupId: 'g', actions: [{ label: 'a', style: 'primary', value: 'deny' }], resolved: { value: 'deny', resolvedBy: 'u1', resolvedAt: 1 } }] }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H7 other user', method: 'POST', path: () => '/v1/messages', token: human('u2'), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }] }), status: 403, error: 'Forbidden' },
    { name: 'H7 unknown conversation (404, reference 500)', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: UNKNOWN, content: [{ type: 'text', text: 'x' }] }), status: 404, error: 'Conversation not found' },
    { name: 'H7 unknown reply parent (400, reference 500)', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }], inReplyToMessageId: UNKNOWN }), status: 400, error: 'Reply parent not found in this conversation' },
    { name: 'H7 unknown attachment', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: [{ type: 'attachment', attachmentId: UNKNOWN, mimeType: 'a/b', size: 1, filename: 'f' }] }), status: 400, error: 'Attachment not found' },
    { name: 'H7 already linked attachment', method: 'POST', path: () => '/v1/messages', token: human(), body: () => ({ conversationId: C, content: [{ type: 'attachment', attachmentId: A, mimeType: 'a/b', size: 1, filename: 'f' }] }), status: 409, error: 'Attachment is already linked' },
    // H8
    { name: 'H8 limit 101', method: 'GET', path: () => `/v1/conversations/${C}/messages?limit=101`, token: human(), status: 400, error: 'Invalid query parameters', issues: true },
    { name: 'H8 bad before', method: 'GET', path: () => `/v1/conversations/${C}/messages?before=x`, token: human(), status: 400, error: 'Invalid query parameters', issues: true },
    { name: 'H8 other user', method: 'GET', path: () => `/v1/conversations/${C}/messages`, token: human('u2'), status: 403, error: 'Forbidden' },
    // H9
    { name: 'H9 bad message id', method: 'PATCH', path: () => '/v1/messages/x', token: human(), body: () => ({}), status: 400, error: 'Invalid message ID' },
    { name: 'H9 invalid JSON', method: 'PATCH', path: () => `/v1/messages/${M}`, token: human(), body: () => '{', status: 400, error: 'Invalid JSON' },
    { name: 'H9 timestamp 0', method: 'PATCH', path: () => `/v1/messages/${M}`, token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }], timestamp: 0 }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H9 other user', method: 'PATCH', path: () => `/v1/messages/${M}`, token: human('u2'), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }], timestamp: 5 }), status: 403, error: 'Forbidden' },
    { name: 'H9 unknown message', method: 'PATCH', path: () => `/v1/messages/${UNKNOWN}`, token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }], timestamp: 5 }), status: 404, error: 'Not found' },
    { name: 'H9 not the sender (bot message)', method: 'PATCH', path: () => `/v1/messages/${BM}`, token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }], timestamp: 5 }), status: 403, error: 'Forbidden' },
    { name: 'H9 adding an attachment', method: 'PATCH', path: () => `/v1/messages/${M}`, token: human(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }, { type: 'attachment', attachmentId: A, mimeType: 'a/b', size: 3, filename: 'a' }], timestamp: 5 }), status: 409, error: 'Cannot add attachments' },
    // H10
    { name: 'H10 missing conversationId', method: 'DELETE', path: () => `/v1/messages/${M}`, token: human(), status: 400, error: 'Invalid or missing conversationId query parameter' },
    { name: 'H10 other user', method: 'DELETE', path: () => `/v1/messages/${M}?conversationId=${C}`, token: human('u2'), status: 403, error: 'Forbidden' },
    { name: 'H10 not the sender', method: 'DELETE', path: () => `/v1/messages/${BM}?conversationId=${C}`, token: human(), status: 403, error: 'Forbidden' },
    { name: 'H10 unknown message', method: 'DELETE', path: () => `/v1/messages/${UNKNOWN}?conversationId=${C}`, token: human(), status: 404, error: 'Not found' },
    // H11
    { name: 'H11 bad value', method: 'POST', path: () => `/v1/conversations/${C}/messages/${BM}/execute-action`, token: human(), body: () => ({ groupId: 'g1', value: 'maybe' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H11 value not offered', method: 'POST', path: () => `/v1/conversations/${C}/messages/${BM}/execute-action`, token: human(), body: () => ({ groupId: 'g1', value: 'deny' }), status: 400, error: 'Value does not match any offered action' },
    { name: 'H11 unknown group', method: 'POST', path: () => `/v1/conversations/${C}/messages/${BM}/execute-action`, token: human(), body: () => ({ groupId: 'nope', value: 'deny' }), status: 404, error: 'Action group not found' },
    { name: 'H11 unknown message', method: 'POST', path: () => `/v1/conversations/${C}/messages/${UNKNOWN}/execute-action`, token: human(), body: () => ({ groupId: 'g1', value: 'deny' }), status: 404, error: 'Message not found' },
    { name: 'H11 other user', method: 'POST', path: () => `/v1/conversations/${C}/messages/${BM}/execute-action`, token: human('u2'), body: () => ({ groupId: 'g1', value: 'allow-once' }), status: 403, error: 'Not a member' },
    // H12
    { name: 'H12 other user', method: 'POST', path: () => `/v1/conversations/${C}/messages/${M}/redeliver`, token: human('u2'), status: 403, error: 'Forbidden' },
    { name: 'H12 unknown message', method: 'POST', path: () => `/v1/conversations/${C}/messages/${UNKNOWN}/redeliver`, token: human(), status: 404, error: 'Not found' },
    // H13
    { name: 'H13 empty emoji', method: 'POST', path: () => `/v1/messages/${M}/reactions`, token: human(), body: () => ({ conversationId: C, emoji: '' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H13 65-byte emoji', method: 'POST', path: () => `/v1/messages/${M}/reactions`, token: human(), body: () => ({ conversationId: C, emoji: 'a'.repeat(65) }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H13 NUL in emoji', method: 'POST', path: () => `/v1/messages/${M}/reactions`, token: human(), body: () => ({ conversationId: C, emoji: 'a\u0000' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H13 bad message id', method: 'POST', path: () => '/v1/messages/x/reactions', token: human(), body: () => ({ conversationId: C, emoji: '👍' }), status: 400, error: 'Invalid message ID' },
    { name: 'H13 other user', method: 'POST', path: () => `/v1/messages/${M}/reactions`, token: human('u2'), body: () => ({ conversationId: C, emoji: '👍' }), status: 403, error: 'Not a member' },
    { name: 'H13 unknown message', method: 'POST', path: () => `/v1/messages/${UNKNOWN}/reactions`, token: human(), body: () => ({ conversationId: C, emoji: '👍' }), status: 404, error: 'Message not found' },
    // H14
    { name: 'H14 missing emoji', method: 'DELETE', path: () => `/v1/messages/${M}/reactions?conversationId=${C}`, token: human(), status: 400, error: 'Invalid request', issues: true },
    { name: 'H14 other user', method: 'DELETE', path: () => `/v1/messages/${M}/reactions?conversationId=${C}&emoji=%F0%9F%91%8D`, token: human('u2'), status: 403, error: 'Not a member' },
    // H15, H16
    { name: 'H15 bad id', method: 'POST', path: () => '/v1/conversations/x/typing', token: human(), status: 400, error: 'Invalid conversation ID' },
    { name: 'H15 other user', method: 'POST', path: () => `/v1/conversations/${C}/typing`, token: human('u2'), status: 403, error: 'Forbidden' },
    { name: 'H16 other user', method: 'POST', path: () => `/v1/conversations/${C}/typing/stop`, token: human('u2'), status: 403, error: 'Forbidden' },
    // H17
    { name: 'H17 invalid JSON', method: 'POST', path: () => '/v1/attachments/init', token: human(), body: () => 'x', status: 400, error: 'Invalid JSON' },
    { name: 'H17 too big', method: 'POST', path: () => '/v1/attachments/init', token: human(), body: () => ({ conversationId: C, mimeType: 'a/b', size: 104857601, filename: 'f' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'H17 other user', method: 'POST', path: () => '/v1/attachments/init', token: human('u2'), body: () => ({ conversationId: C, mimeType: 'a/b', size: 1, filename: 'f' }), status: 403, error: 'Forbidden' },
    // H18
    { name: 'H18 bad attachment id', method: 'GET', path: () => `/v1/attachments/x/url?conversationId=${C}`, token: human(), status: 400, error: 'Invalid attachment ID' },
    { name: 'H18 missing conversationId', method: 'GET', path: () => `/v1/attachments/${A}/url`, token: human(), status: 400, error: 'Missing conversationId query parameter' },
    { name: 'H18 bad conversationId', method: 'GET', path: () => `/v1/attachments/${A}/url?conversationId=x`, token: human(), status: 400, error: 'Invalid conversationId' },
    { name: 'H18 other user', method: 'GET', path: () => `/v1/attachments/${A}/url?conversationId=${C}`, token: human('u2'), status: 403, error: 'Forbidden' },
    { name: 'H18 unknown attachment', method: 'GET', path: () => `/v1/attachments/${UNKNOWN}/url?conversationId=${C}`, token: human(), status: 404, error: 'Attachment not found' },
    // H19–H21
    { name: 'H19 bad sandbox', method: 'GET', path: () => '/v1/sandboxes/a:b/bot-status', token: human(), status: 400, error: 'Invalid sandboxId' },
    { name: 'H19 not the owner', method: 'GET', path: () => '/v1/sandboxes/sb1/bot-status', token: human('u2'), status: 403, error: 'forbidden' },
    { name: 'H19 no owner', method: 'GET', path: () => '/v1/sandboxes/ghost/bot-status', token: human(), status: 404, error: 'sandbox_not_found' },
    { name: 'H20 not the owner', method: 'POST', path: () => '/v1/sandboxes/sb1/request-bot-status', token: human('u2'), status: 403, error: 'forbidden' },
    { name: 'H21 bad id', method: 'GET', path: () => '/v1/conversations/x/conversation-status', token: human(), status: 400, error: 'Invalid conversationId' },
    { name: 'H21 other user', method: 'GET', path: () => `/v1/conversations/${C}/conversation-status`, token: human('u2'), status: 403, error: 'forbidden' },
    { name: 'H21 unknown', method: 'GET', path: () => `/v1/conversations/${UNKNOWN}/conversation-status`, token: human(), status: 404, error: 'conversation_not_found' },
    // badges
    { name: 'badge mark-read invalid JSON', method: 'POST', path: () => '/v1/badges/mark-read', token: human(), body: () => '{', status: 400, error: 'badgeBucket required' },
    { name: 'badge mark-read non-string', method: 'POST', path: () => '/v1/badges/mark-read', token: human(), body: () => ({ badgeBucket: 5 }), status: 400, error: 'badgeBucket required' },

    // bot routes (bot2 is the outsider)
    { name: 'B1 invalid JSON', method: 'POST', path: () => '/bot/v1/sandboxes/sb1/messages', token: bot(), body: () => '{', status: 400, error: 'Invalid JSON' },
    { name: 'B1 schema', method: 'POST', path: () => '/bot/v1/sandboxes/sb1/messages', token: bot(), body: () => ({ conversationId: 'x', content: [] }), status: 400, error: 'Invalid request', issues: true },
    { name: 'B1 other sandbox bot', method: 'POST', path: () => '/bot/v1/sandboxes/sb2/messages', token: bot('bot2'), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }] }), status: 403, error: 'Forbidden' },
    { name: 'B2 editing a user message', method: 'PATCH', path: () => `/bot/v1/sandboxes/sb1/messages/${M}`, token: bot(), body: () => ({ conversationId: C, content: [{ type: 'text', text: 'x' }], timestamp: 9 }), status: 403, error: 'Forbidden' },
    { name: 'B3 other sandbox bot', method: 'DELETE', path: () => `/bot/v1/sandboxes/sb2/messages/${BM}?conversationId=${C}`, token: bot('bot2'), status: 403, error: 'Forbidden' },
    { name: 'B4 other sandbox bot', method: 'POST', path: () => `/bot/v1/sandboxes/sb2/conversations/${C}/typing`, token: bot('bot2'), status: 403, error: 'Forbidden' },
    { name: 'B5 other sandbox bot', method: 'POST', path: () => `/bot/v1/sandboxes/sb2/conversations/${C}/typing/stop`, token: bot('bot2'), status: 403, error: 'Forbidden' },
    { name: 'B6 schema', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/messages/${M}/reactions`, token: bot(), body: () => ({ conversationId: C }), status: 400, error: 'Invalid request', issues: true },
    { name: 'B7 other sandbox bot', method: 'DELETE', path: () => `/bot/v1/sandboxes/sb2/messages/${M}/reactions?conversationId=${C}&emoji=x`, token: bot('bot2'), status: 403, error: 'Not a member' },
    { name: 'B8 other sandbox bot', method: 'GET', path: () => `/bot/v1/sandboxes/sb2/conversations/${C}/messages`, token: bot('bot2'), status: 403, error: 'Forbidden' },
    { name: 'B9 other sandbox bot', method: 'GET', path: () => `/bot/v1/sandboxes/sb2/conversations/${C}/members`, token: bot('bot2'), status: 403, error: 'Forbidden' },
    { name: 'B10 schema', method: 'PATCH', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}`, token: bot(), body: () => ({ title: '' }), status: 400, error: 'Invalid request', issues: true },
    { name: 'B10 other sandbox bot', method: 'PATCH', path: () => `/bot/v1/sandboxes/sb2/conversations/${C}`, token: bot('bot2'), body: () => ({ title: 'x' }), status: 403, error: 'Forbidden' },
    { name: 'B11 bad cursor', method: 'GET', path: () => '/bot/v1/sandboxes/sb1/conversations?cursor=@@', token: bot(), status: 400, error: 'Invalid cursor' },
    { name: 'B12 additional members', method: 'POST', path: () => '/bot/v1/sandboxes/sb1/conversations', token: bot(), body: () => ({ additionalMembers: ['u2'] }), status: 400, error: 'Bot-created conversations do not support additionalMembers' },
    { name: 'B12 no owner', method: 'POST', path: () => '/bot/v1/sandboxes/ghost/conversations', token: () => server.gatewayToken('ghost'), body: () => ({}), status: 404, error: 'Sandbox owner not found' },
    { name: 'B13 fractional at', method: 'POST', path: () => '/bot/v1/sandboxes/sb1/bot-status', token: bot(), body: () => ({ online: true, at: 1.5 }), status: 400, error: 'Invalid request', issues: true },
    { name: 'B14 bad id', method: 'POST', path: () => '/bot/v1/sandboxes/sb1/conversations/x/conversation-status', token: bot(), body: () => ({}), status: 400, error: 'Invalid conversationId' },
    { name: 'B14 unknown conversation', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${UNKNOWN}/conversation-status`, token: bot(), body: () => ({ contextTokens: 1, contextWindow: 2, model: null, provider: null, at: 1 }), status: 404, error: 'Unknown conversation' },
    { name: 'B14 other sandbox', method: 'POST', path: () => `/bot/v1/sandboxes/sb2/conversations/${C}/conversation-status`, token: bot('bot2'), body: () => ({ contextTokens: 1, contextWindow: 2, model: null, provider: null, at: 1 }), status: 403, error: 'Conversation does not belong to this sandbox' },
    { name: 'B14 negative tokens', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}/conversation-status`, token: bot(), body: () => ({ contextTokens: -1, contextWindow: 2, model: null, provider: null, at: 1 }), status: 400, error: 'Invalid request', issues: true },
    { name: 'B15 invalid JSON', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}/messages/${M}/delivery-failed`, token: bot(), body: () => '{', status: 400, error: 'Invalid JSON' },
    { name: 'B15 long reason', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}/messages/${M}/delivery-failed`, token: bot(), body: () => ({ reason: 'x'.repeat(1001) }), status: 400, error: 'Invalid request', issues: true },
    { name: 'B15 unknown message', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}/messages/${UNKNOWN}/delivery-failed`, token: bot(), status: 404, error: 'Message not found' },
    { name: 'B15 other sandbox bot', method: 'POST', path: () => `/bot/v1/sandboxes/sb2/conversations/${C}/messages/${M}/delivery-failed`, token: bot('bot2'), status: 403, error: 'Forbidden' },
    { name: 'B16 group id too long', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}/actions/${'g'.repeat(201)}/delivery-failed`, token: bot(), body: () => ({ messageId: BM }), status: 400, error: 'Invalid groupId' },
    { name: 'B16 missing messageId', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}/actions/g1/delivery-failed`, token: bot(), body: () => ({}), status: 400, error: 'Invalid request', issues: true },
    { name: 'B16 unknown message', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}/actions/g1/delivery-failed`, token: bot(), body: () => ({ messageId: UNKNOWN }), status: 404, error: 'Message not found' },
    { name: 'B16 unknown group', method: 'POST', path: () => `/bot/v1/sandboxes/sb1/conversations/${C}/actions/zz/delivery-failed`, token: bot(), body: () => ({ messageId: BM }), status: 404, error: 'Action group not found' },
    { name: 'B17 other sandbox bot', method: 'POST', path: () => '/bot/v1/sandboxes/sb2/attachments/init', token: bot('bot2'), body: () => ({ conversationId: C, mimeType: 'a/b', size: 1, filename: 'f' }), status: 403, error: 'Forbidden' },
    { name: 'B18 other sandbox bot', method: 'GET', path: () => `/bot/v1/sandboxes/sb2/attachments/${A}/url?conversationId=${C}`, token: bot('bot2'), status: 403, error: 'Forbidden' },

    // event service
    { name: 'connect-ticket without auth', method: 'POST', path: () => '/connect-ticket', token: () => undefined, status: 401, error: 'Unauthorized' },
    { name: 'connect-ticket with a gateway token', method: 'POST', path: () => '/connect-ticket', token: bot(), status: 401, error: 'Unauthorized' },
    { name: 'connect without upgrade', method: 'GET', path: () => '/connect?ticket=x', token: () => undefined, status: 426, error: 'Expected WebSocket upgrade' },
  ];

  it.each(cases)('$name → $status', async (testCase) => {
    const before = storeSnapshot(server);
    const token = testCase.token();
    const res = await call(server, testCase.method, testCase.path(), {
      ...(token ? { token } : {}),
      ...(testCase.body ? { body: testCase.body() } : {}),
    });
    expect(res.status).toBe(testCase.status);
    expect(res.body.error).toBe(testCase.error);
    if (testCase.issues) expect(Array.isArray(res.body.issues) && res.body.issues.length > 0).toBe(true);
    else expect(res.body.issues).toBeUndefined();
    await server.webhooksSettled();
    expect(storeSnapshot(server)).toBe(before);
  });

  it('rejects an expired JWT and accepts the legacy kiloUserId claim', async () => {
    const expired = await server.mintUserToken('u1', { expiresInSeconds: -10 });
    expect((await call(server, 'GET', '/v1/conversations', { token: expired })).status).toBe(401);
    const legacy = await server.mintUserToken('u1', { claim: 'kiloUserId' });
    expect((await call(server, 'GET', '/v1/conversations', { token: legacy })).status).toBe(200);
    const foreign = await (await import('../src/index')).mintUserToken('another-secret', 'u1');
    expect((await call(server, 'GET', '/v1/conversations', { token: foreign })).status).toBe(401);
  });
});
