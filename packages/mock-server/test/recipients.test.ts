import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, convContext, createWorld, instanceContext, openSocket, sendText, startTestServer, type TestSocket, type World } from './helpers';

/**
 * Each event of the catalogue reaches exactly its recipients: the human
 * members (actor included) unless the event is targeted or owner-only.
 * u1 owns sb1; u1 and u2 are members of C; u3 is an outsider subscribed to
 * the same contexts and must never receive anything.
 */
describe('event recipients', () => {
  let server: MockServer;
  let world: World;
  let C: string;
  let sockets: Record<'u1' | 'u2' | 'u3', TestSocket>;

  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2'], title: 'pair' });
    const contexts = [instanceContext(), convContext(C)];
    sockets = {
      u1: await openSocket(server, world.u1, contexts),
      u2: await openSocket(server, world.u2, contexts),
      u3: await openSocket(server, world.u3, contexts),
    };
  });
  afterEach(async () => {
    for (const s of Object.values(sockets)) s.close();
    await server.close();
  });

  /** Runs `action`, then returns who received `event` and on which context. */
  async function receivers(event: string, action: () => Promise<unknown>): Promise<Record<string, string[]>> {
    for (const s of Object.values(sockets)) s.frames.length = 0;
    await action();
    await server.webhooksSettled();
    const out: Record<string, string[]> = {};
    for (const [user, s] of Object.entries(sockets)) {
      await s.roundTrip();
      const contexts = s.events(event).map((f) => f.context as string);
      if (contexts.length > 0) out[user] = contexts;
    }
    return out;
  }

  const both = (context: string) => ({ u1: [context], u2: [context] });

  it('message.created, conversation.activity and conversation.read on a human send', async () => {
    expect(await receivers('message.created', () => sendText(world, world.u1, C, 'a'))).toEqual(both(convContext(C)));
    expect(await receivers('conversation.activity', () => sendText(world, world.u2, C, 'b'))).toEqual(both(instanceContext()));
    expect(await receivers('conversation.read', () => sendText(world, world.u2, C, 'c'))).toEqual({ u2: [instanceContext()] });
  });

  it('a bot send pushes no conversation.read', async () => {
    const send = () => call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', { token: world.bot1, body: { conversationId: C, content: [{ type: 'text', text: 'x' }] } });
    expect(await receivers('conversation.read', send)).toEqual({});
    expect(await receivers('message.created', send)).toEqual(both(convContext(C)));
  });

  it('message.updated, message.deleted, reactions and typing go to both humans', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'v1');
    const body = { conversationId: C, content: [{ type: 'text', text: 'v2' }], timestamp: 1 };
    expect(await receivers('message.updated', () => call(server, 'PATCH', `/v1/messages/${messageId}`, { token: world.u1, body }))).toEqual(both(convContext(C)));
    const reaction = { conversationId: C, emoji: '👍' };
    expect(await receivers('reaction.added', () => call(server, 'POST', `/v1/messages/${messageId}/reactions`, { token: world.u2, body: reaction }))).toEqual(both(convContext(C)));
    expect(
      await receivers('reaction.removed', () => call(server, 'DELETE', `/v1/messages/${messageId}/reactions?conversationId=${C}&emoji=%F0%9F%91%8D`, { token: world.u2 })),
    ).toEqual(both(convContext(C)));
    expect(await receivers('typing', () => call(server, 'POST', `/v1/conversations/${C}/typing`, { token: world.u1 }))).toEqual(both(convContext(C)));
    expect(await receivers('typing.stop', () => call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${C}/typing/stop`, { token: world.bot1 }))).toEqual(
      both(convContext(C)),
    );
    expect(await receivers('message.deleted', () => call(server, 'DELETE', `/v1/messages/${messageId}?conversationId=${C}`, { token: world.u1 }))).toEqual(
      both(convContext(C)),
    );
  });

  it('message.delivery_failed and message.redelivered go to both humans', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'x');
    const fail = () => call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${C}/messages/${messageId}/delivery-failed`, { token: world.bot1 });
    expect(await receivers('message.delivery_failed', fail)).toEqual(both(convContext(C)));
    const redeliver = () => call(server, 'POST', `/v1/conversations/${C}/messages/${messageId}/redeliver`, { token: world.u1 });
    expect(await receivers('message.redelivered', redeliver)).toEqual(both(convContext(C)));
  });

  it('execute-action pushes message.updated; a revert pushes action.delivery_failed', async () => {
    const sent = await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', {
      token: world.bot1,
      body: { conversationId: C, content: [{ type: 'actions', groupId: 'g', actions: [{ label: 'ok', style: 'primary', value: 'allow-once' }] }] },
    });
    const id = sent.body.messageId;
    const execute = () => call(server, 'POST', `/v1/conversations/${C}/messages/${id}/execute-action`, { token: world.u2, body: { groupId: 'g', value: 'allow-once' } });
    expect(await receivers('message.updated', execute)).toEqual(both(convContext(C)));
    const revert = () => call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${C}/actions/g/delivery-failed`, { token: world.bot1, body: { messageId: id } });
    expect(await receivers('action.delivery_failed', revert)).toEqual(both(convContext(C)));
  });

  it('conversation.renamed goes to both; conversation.read and conversation.left to the actor only', async () => {
    const rename = () => call(server, 'PATCH', `/v1/conversations/${C}`, { token: world.u2, body: { title: 'renamed' } });
    expect(await receivers('conversation.renamed', rename)).toEqual(both(instanceContext()));
    const { messageId } = await sendText(world, world.u1, C, 'read me');
    const mark = () => call(server, 'POST', `/v1/conversations/${C}/mark-read`, { token: world.u2, body: { lastSeenMessageId: messageId } });
    expect(await receivers('conversation.read', mark)).toEqual({ u2: [instanceContext()] });
    expect(await receivers('conversation.read', mark)).toEqual({});
    const leave = () => call(server, 'POST', `/v1/conversations/${C}/leave`, { token: world.u2 });
    expect(await receivers('conversation.left', leave)).toEqual({ u2: [instanceContext()] });
  });

  it('conversation.created goes to the creator (H1) or the owner (B12)', async () => {
    const create = () => call(server, 'POST', '/v1/conversations', { token: world.u1, body: { sandboxId: 'sb1' } });
    expect(await receivers('conversation.created', create)).toEqual({ u1: [instanceContext()] });
    const botCreate = () => call(server, 'POST', '/bot/v1/sandboxes/sb1/conversations', { token: world.bot1, body: {} });
    expect(await receivers('conversation.created', botCreate)).toEqual({ u1: [instanceContext()] });
  });

  it('bot.status and conversation.status go to the sandbox owner only', async () => {
    const status = () => call(server, 'POST', '/bot/v1/sandboxes/sb1/bot-status', { token: world.bot1, body: { online: true, at: 1 } });
    expect(await receivers('bot.status', status)).toEqual({ u1: [instanceContext()] });
    const convStatus = () =>
      call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${C}/conversation-status`, {
        token: world.bot1,
        body: { contextTokens: 1, contextWindow: 10, model: 'm', provider: 'p', at: 1 },
      });
    expect(await receivers('conversation.status', convStatus)).toEqual({ u1: [convContext(C)] });
  });

  it('validates payloads and drops invalid ones before pushing', () => {
    const before = server.core.events.history.length;
    expect(server.core.events.push('u1', instanceContext(), 'conversation.read', { conversationId: C, memberId: 'u1', lastReadAt: 1.5 })).toBe(false);
    expect(server.core.events.push('u1', convContext(C), 'typing', { memberId: '' })).toBe(false);
    expect(server.core.events.history.length).toBe(before);
  });
});
