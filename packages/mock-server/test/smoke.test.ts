import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, convContext, createConversation, createWorld, openSocket, sendText, startTestServer, type World } from './helpers';

describe('smoke', () => {
  let server: MockServer;
  let world: World;
  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
  });
  afterEach(() => server.close());

  it('answers health', async () => {
    const res = await call(server, 'GET', '/health');
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('creates a conversation, sends a message, and pushes it to a subscribed socket', async () => {
    const conversationId = await createConversation(world, 'Hello');
    const socket = await openSocket(server, world.u1, [convContext(conversationId)]);
    const sent = await sendText(world, world.u1, conversationId, '  hi there  ');
    expect(sent.message.content).toEqual([{ type: 'text', text: 'hi there' }]);
    await socket.waitFor(() => socket.events('message.created').length === 1);
    expect(socket.events('message.created')[0]).toMatchObject({ seq: 1, payload: { messageId: sent.messageId } });
    const list = await call(server, 'GET', `/v1/conversations/${conversationId}/messages`, { token: world.u1 });
    expect(list.body.messages).toHaveLength(1);
    socket.close();
  });
});

describe('lifecycle', () => {
  it('Symbol.asyncDispose (what `await using` calls) stops the server and closes its sockets', async () => {
    const server = await startTestServer();
    const world = await createWorld(server);
    const socket = await openSocket(server, world.u1, ['/presence/web']);
    await server[Symbol.asyncDispose]();
    expect(typeof (await socket.closed())).toBe('number');
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
