import { decodeConversationCursor } from '@kilocode/kilo-chat/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createConversation, createWorld, sendText, startTestServer, type World } from './helpers';

describe('conversations', () => {
  let server: MockServer;
  let world: World;
  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
  });
  afterEach(() => server.close());

  it('creates with both members and a list row with null activity', async () => {
    const res = await call(server, 'POST', '/v1/conversations', { token: world.u1, body: { sandboxId: 'sb1', title: '  Plans  ' } });
    expect(res.status).toBe(201);
    expect(res.body.conversationId).toMatch(/^[0-9A-Z]{26}$/);
    expect(res.body.conversation).toMatchObject({ conversationId: res.body.conversationId, title: 'Plans', lastActivityAt: null, lastReadAt: null });
    expect(typeof res.body.conversation.joinedAt).toBe('number');
    const detail = await call(server, 'GET', `/v1/conversations/${res.body.conversationId}`, { token: world.u1 });
    expect(detail.body.members).toEqual([
      { id: 'u1', kind: 'user', displayName: 'U1', avatarUrl: null },
      { id: 'bot:kiloclaw:sb1', kind: 'bot', displayName: null, avatarUrl: null },
    ]);
    const botList = await call(server, 'GET', '/bot/v1/sandboxes/sb1/conversations', { token: world.bot1 });
    expect(botList.body.conversations.map((c: any) => c.conversationId)).toEqual([res.body.conversationId]);
  });

  it('lists a new user as empty and small sets without a cursor', async () => {
    expect((await call(server, 'GET', '/v1/conversations', { token: world.u3 })).body).toEqual({ conversations: [], hasMore: false, nextCursor: null });
    await createConversation(world);
    const list = await call(server, 'GET', '/v1/conversations', { token: world.u1 });
    expect(list.body.hasMore).toBe(false);
    expect(list.body.nextCursor).toBeNull();
  });

  it('pages 5 conversations 2 at a time with a strict, stable cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await createConversation(world, `c${i}`));
    const seen: string[][] = [];
    let cursor: string | null = null;
    do {
      const res: any = await call(server, 'GET', `/v1/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: world.u1 });
      seen.push(res.body.conversations.map((c: any) => c.conversationId));
      cursor = res.body.nextCursor;
      if (cursor) expect(decodeConversationCursor(cursor)).not.toBeNull();
      expect(res.body.hasMore).toBe(cursor !== null);
    } while (cursor);
    // Same joinedAt ties are broken by id descending; ids are time-ordered.
    const expected = [...ids].sort().reverse();
    expect(seen).toEqual([expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);
  });

  it('sorts by activity', async () => {
    const a = await createConversation(world, 'a');
    const b = await createConversation(world, 'b');
    await sendText(world, world.u1, a, 'bump');
    const list = await call(server, 'GET', '/v1/conversations', { token: world.u1 });
    expect(list.body.conversations.map((c: any) => c.conversationId)).toEqual([a, b]);
    expect(list.body.conversations[0].lastActivityAt).toBe(list.body.conversations[0].lastReadAt);
  });

  it('filters by sandbox', async () => {
    await createConversation(world);
    const other = await call(server, 'POST', '/v1/conversations', { token: world.u2, body: { sandboxId: 'sb2' } });
    expect(other.status).toBe(201);
    expect((await call(server, 'GET', '/v1/conversations?sandboxId=sb2', { token: world.u1 })).body.conversations).toEqual([]);
  });

  it('renames with a trimmed title and keeps the old one on a bad title', async () => {
    const id = await createConversation(world, 'old');
    expect((await call(server, 'PATCH', `/v1/conversations/${id}`, { token: world.u1, body: { title: ' new ' } })).body).toEqual({ ok: true });
    expect((await call(server, 'PATCH', `/v1/conversations/${id}`, { token: world.u1, body: { title: '\n\t' } })).status).toBe(400);
    expect((await call(server, 'GET', `/v1/conversations/${id}`, { token: world.u1 })).body.title).toBe('new');
    expect((await call(server, 'GET', '/v1/conversations', { token: world.u1 })).body.conversations[0].title).toBe('new');
    const botRename = await call(server, 'PATCH', `/bot/v1/sandboxes/sb1/conversations/${id}`, { token: world.bot1, body: { title: 'by bot' } });
    expect(botRename.body).toEqual({ ok: true });
  });

  it('auto-titles from the first text message, once', async () => {
    const id = await createConversation(world);
    await sendText(world, world.u1, id, 'first line\nsecond line');
    await sendText(world, world.u1, id, 'later');
    expect((await call(server, 'GET', `/v1/conversations/${id}`, { token: world.u1 })).body.title).toBe('first line second line');
    const long = await createConversation(world);
    await sendText(world, world.u1, long, 'x'.repeat(100));
    expect((await call(server, 'GET', `/v1/conversations/${long}`, { token: world.u1 })).body.title).toBe(`${'x'.repeat(77)}...`);
  });

  it('leaving removes the row, blocks access, and deactivates the bot when the last human leaves', async () => {
    const id = await createConversation(world);
    const { messageId } = await sendText(world, world.u1, id, 'mine');
    expect((await call(server, 'POST', `/v1/conversations/${id}/leave`, { token: world.u1 })).body).toEqual({ ok: true });
    expect((await call(server, 'GET', '/v1/conversations', { token: world.u1 })).body.conversations).toEqual([]);
    expect((await call(server, 'GET', `/v1/conversations/${id}`, { token: world.u1 })).status).toBe(403);
    expect((await call(server, 'DELETE', `/v1/messages/${messageId}?conversationId=${id}`, { token: world.u1 })).status).toBe(403);
    expect(server.core.conversations.get(id)!.isActive('bot:kiloclaw:sb1')).toBe(false);
    expect((await call(server, 'GET', '/bot/v1/sandboxes/sb1/conversations', { token: world.bot1 })).body.conversations).toEqual([]);
    expect((await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', { token: world.bot1, body: { conversationId: id, content: [{ type: 'text', text: 'x' }] } })).status).toBe(403);
  });

  it('keeps the bot while another human remains', async () => {
    const id = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2'] });
    await call(server, 'POST', `/v1/conversations/${id}/leave`, { token: world.u2 });
    const detail = await call(server, 'GET', `/v1/conversations/${id}`, { token: world.u1 });
    expect(detail.body.members.map((m: any) => m.id)).toEqual(['u1', 'bot:kiloclaw:sb1']);
  });

  it('lets a bot create a conversation with the owner and list members', async () => {
    const res = await call(server, 'POST', '/bot/v1/sandboxes/sb1/conversations', { token: world.bot1, body: { title: 'From bot' } });
    expect(res.status).toBe(201);
    const id = res.body.conversationId;
    const detail = await call(server, 'GET', `/v1/conversations/${id}`, { token: world.u1 });
    expect(detail.body.createdBy).toBe('bot:kiloclaw:sb1');
    const members = await call(server, 'GET', `/bot/v1/sandboxes/sb1/conversations/${id}/members`, { token: world.bot1 });
    expect(members.body.members.map((m: any) => m.id)).toEqual(['u1', 'bot:kiloclaw:sb1']);
    const list = await call(server, 'GET', '/bot/v1/sandboxes/sb1/conversations', { token: world.bot1 });
    expect(list.body.conversations[0]).toMatchObject({ conversationId: id, title: 'From bot', lastActivityAt: null });
    expect(list.body.conversations[0].members).toHaveLength(2);
  });

  it('answers typing with ok', async () => {
    const id = await createConversation(world);
    expect((await call(server, 'POST', `/v1/conversations/${id}/typing`, { token: world.u1 })).body).toEqual({ ok: true });
    expect((await call(server, 'POST', `/v1/conversations/${id}/typing/stop`, { token: world.u1 })).body).toEqual({ ok: true });
  });
});
