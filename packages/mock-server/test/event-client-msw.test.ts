import { EventServiceClient, kiloclawConversationContext } from '@kilocode/event-service';
import { KiloChatClient } from '@kilocode/kilo-chat';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type MockKiloChatServer, setupMockKiloChat } from '../src/index';

/**
 * An app's test with msw: the SDK's own clients against the msw face, with no
 * port and nothing injected. The event client must dial the global
 * `WebSocket` (which msw's `ws.link` intercepts; Node 20 runs this project
 * with --experimental-websocket), as the reference client does.
 */
describe('EventServiceClient through msw ws.link', () => {
  let mock: MockKiloChatServer;
  let events: EventServiceClient | undefined;

  beforeAll(() => {
    mock = setupMockKiloChat({ seed: 'demo' });
    mock.server.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => events?.dispose());
  afterAll(() => mock.server.close());

  it('connects, subscribes and receives a message sent through the chat client', async () => {
    const getToken = () => mock.mintUserToken('alice');
    events = new EventServiceClient({ url: mock.eventsUrl, getToken });
    const chat = new KiloChatClient({ baseUrl: mock.baseUrl, getToken, eventService: events });
    const conversationId = mock.demo!.welcomeConversationId;
    const context = kiloclawConversationContext('demo-sandbox', conversationId);
    const received: string[] = [];
    chat.onMessageCreated((_context, payload) => received.push(payload.messageId));
    events.subscribe([context]);

    await events.connect();
    expect(events.state).toBe('open');
    await vi.waitFor(() => expect(mock.core.realtime.isUserInContext('alice', context)).toBe(true));

    const sent = await chat.sendMessage({ conversationId, content: [{ type: 'text', text: 'through msw' }] });
    await vi.waitFor(() => expect(received).toContain(sent.messageId));
  });

  it('reconnects and resubscribes through msw after the mock drops every socket', async () => {
    const getToken = () => mock.mintUserToken('alice');
    events = new EventServiceClient({ url: mock.eventsUrl, getToken, backoff: { baseMs: 10, maxMs: 20 } });
    const context = kiloclawConversationContext('demo-sandbox', mock.demo!.welcomeConversationId);
    let resyncs = 0;
    events.onResync(() => resyncs++);
    events.subscribe([context]);
    await events.connect();
    await vi.waitFor(() => expect(mock.core.realtime.isUserInContext('alice', context)).toBe(true));

    mock.core.faults.closeAllSockets(1011, 'WebSocket error');
    await vi.waitFor(() => expect(resyncs).toBe(1));
    await events.waitForOpen({ timeoutMs: 5_000 });
    await vi.waitFor(() => expect(mock.core.realtime.isUserInContext('alice', context)).toBe(true));
  });
});
