import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createConversation, createWorld, sendText, startTestServer, type World } from './helpers';

describe('reactions', () => {
  let server: MockServer;
  let world: World;
  let C: string;
  let M: string;
  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world);
    M = (await sendText(world, world.u1, C, 'react to me')).messageId;
  });
  afterEach(() => server.close());

  const add = (emoji: string, token = world.u1) => call(server, 'POST', `/v1/messages/${M}/reactions`, { token, body: { conversationId: C, emoji } });
  const remove = (emoji: string) =>
    call(server, 'DELETE', `/v1/messages/${M}/reactions?conversationId=${C}&emoji=${encodeURIComponent(emoji)}`, { token: world.u1 });
  const events = (name: string) => server.core.events.history.filter((e) => e.event === name);

  it('adds with 201, repeats with 200 and the same id, and pushes once', async () => {
    const first = await add('👍');
    expect(first.status).toBe(201);
    const again = await add('👍');
    expect(again).toMatchObject({ status: 200, body: { id: first.body.id } });
    expect(events('reaction.added')).toHaveLength(1);
    expect(events('reaction.added')[0]!.payload).toMatchObject({ operationId: first.body.id, memberId: 'u1', emoji: '👍' });
  });

  it('removes with a new id, repeats with the first remove id, and never-existing gives null', async () => {
    const added = await add('🎉');
    const removed = await remove('🎉');
    expect(removed.body).toEqual({ removed: true, id: expect.any(String) });
    expect(removed.body.id).not.toBe(added.body.id);
    expect((await remove('🎉')).body).toEqual({ removed: false, id: removed.body.id });
    expect((await remove('🙃')).body).toEqual({ removed: false, id: null });
    expect(events('reaction.removed')).toHaveLength(1);
    expect(events('reaction.removed')[0]!.payload).toMatchObject({ operationId: removed.body.id });
  });

  it('re-activates after a remove with a fresh id', async () => {
    const a = await add('👍');
    await remove('👍');
    const b = await add('👍');
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('groups live reactions by emoji and omits removed ones', async () => {
    await add('👍');
    await call(server, 'POST', `/bot/v1/sandboxes/sb1/messages/${M}/reactions`, { token: world.bot1, body: { conversationId: C, emoji: '👍' } });
    await add('🎉');
    await remove('🎉');
    const [message] = (await call(server, 'GET', `/v1/conversations/${C}/messages`, { token: world.u1 })).body.messages;
    expect(message.reactions).toEqual([{ emoji: '👍', count: 2, memberIds: ['u1', 'bot:kiloclaw:sb1'] }]);
  });

  it('refuses reactions on deleted messages', async () => {
    await call(server, 'DELETE', `/v1/messages/${M}?conversationId=${C}`, { token: world.u1 });
    expect((await add('👍')).status).toBe(404);
    expect((await remove('👍')).status).toBe(404);
  });
});
