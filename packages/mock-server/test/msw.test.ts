import { kiloclawConversationContext } from '@kilocode/event-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockKiloChatServer, setupMockKiloChat } from '../src/index';

/**
 * The msw face: the same app answers fetch without a port, and ws.link
 * serves the event socket to the global WebSocket (Node 20 runs this project
 * with --experimental-websocket).
 */
describe('msw handlers', () => {
  let mock: MockKiloChatServer;
  let alice: string;

  beforeAll(async () => {
    mock = setupMockKiloChat({ seed: 'demo' });
    mock.server.listen({ onUnhandledRequest: 'error' });
    alice = await mock.mintUserToken('alice');
  });
  afterAll(() => mock.server.close());

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${mock.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${alice}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('serves the chat API through fetch', async () => {
    const list = await api('GET', '/v1/conversations');
    expect(list.status).toBe(200);
    expect(list.body.conversations.map((c: any) => c.title).sort()).toEqual(['Team chat', 'Welcome']);
    const sent = await api('POST', '/v1/messages', { conversationId: mock.demo!.welcomeConversationId, content: [{ type: 'text', text: 'via msw' }] });
    expect(sent.status).toBe(201);
    expect(mock.core.conversations.get(mock.demo!.welcomeConversationId)!.messages.at(-1)!.id).toBe(sent.body.messageId);
    expect((await fetch(`${mock.baseUrl}/v1/conversations`)).status).toBe(401);
  });

  it('serves the event socket through ws.link', async () => {
    expect(typeof globalThis.WebSocket).toBe('function');
    const { ticket } = (await api('POST', '/connect-ticket')).body;
    const socket = new WebSocket(`${mock.eventsUrl}/connect?ticket=${ticket}`, ['kilo.events.v1']);
    const frames: any[] = [];
    const got = (predicate: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (predicate() ? resolve() : setTimeout(check, 5));
        check();
      });
    socket.addEventListener('message', (event) => frames.push(event.data === 'pong' ? 'pong' : JSON.parse(String(event.data))));
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const context = kiloclawConversationContext('demo-sandbox', mock.demo!.welcomeConversationId);
    socket.send(JSON.stringify({ type: 'context.subscribe', contexts: [context] }));
    socket.send('ping');
    await got(() => frames.includes('pong'));
    const sent = await api('POST', '/v1/messages', { conversationId: mock.demo!.welcomeConversationId, content: [{ type: 'text', text: 'live' }] });
    await got(() => frames.some((f) => f.event === 'message.created'));
    expect(frames.find((f) => f.event === 'message.created')).toMatchObject({ type: 'event', context, seq: 1, payload: { messageId: sent.body.messageId } });
    const closed = new Promise<number>((resolve) => socket.addEventListener('close', (e) => resolve(e.code), { once: true }));
    mock.core.faults.closeAllSockets(4001, 'bye');
    expect(await closed).toBe(4001);
  });

  it('refuses a reused ticket on the socket', async () => {
    const { ticket } = (await api('POST', '/connect-ticket')).body;
    const first = new WebSocket(`${mock.eventsUrl}/connect?ticket=${ticket}`);
    await new Promise((resolve) => first.addEventListener('open', resolve, { once: true }));
    const second = new WebSocket(`${mock.eventsUrl}/connect?ticket=${ticket}`);
    const code = await new Promise<number>((resolve) => second.addEventListener('close', (e) => resolve(e.code), { once: true }));
    expect(code).toBe(1006);
    first.close();
  });
});
