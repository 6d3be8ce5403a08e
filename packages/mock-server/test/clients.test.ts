import { EventServiceClient, kiloclawConversationContext } from '@kilocode/event-service';
import { KiloChatClient } from '@kilocode/kilo-chat';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockServer } from '../src/index';
import { createWorld, startTestServer } from './helpers';

/** Interop smoke test: the SDK's own clients against the mock over real HTTP and WebSocket. */
describe('SDK clients against the mock', () => {
  let server: MockServer;
  let events: EventServiceClient;
  beforeEach(async () => {
    server = await startTestServer();
    await createWorld(server);
  });
  afterEach(async () => {
    events?.disconnect();
    await server.close();
  });

  it('sends through KiloChatClient and receives through EventServiceClient', async () => {
    const getToken = () => server.mintUserToken('u1');
    events = new EventServiceClient({ url: server.eventsUrl, getToken });
    const chat = new KiloChatClient({ baseUrl: server.chatUrl, getToken, eventService: events });
    const { conversationId } = await chat.createConversation({ sandboxId: 'sb1', title: 'sdk' });
    const received: unknown[] = [];
    events.on('message.created', (_context, payload) => received.push(payload));
    // Subscribed before the socket exists: the client must send it on open.
    events.subscribe([kiloclawConversationContext('sb1', conversationId)]);
    await events.connect();
    await events.waitForOpen({ timeoutMs: 5_000 });
    await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', kiloclawConversationContext('sb1', conversationId))).toBe(true));
    const sent = await chat.sendMessage({ conversationId, content: [{ type: 'text', text: 'from the SDK' }] });
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ messageId: sent.messageId, senderId: 'u1' });
  });

  it('restores subscriptions after the server drops every socket, and signals resync', async () => {
    const getToken = () => server.mintUserToken('u1');
    events = new EventServiceClient({ url: server.eventsUrl, getToken, backoff: { baseMs: 10, maxMs: 20 } });
    const chat = new KiloChatClient({ baseUrl: server.chatUrl, getToken, eventService: events });
    const { conversationId } = await chat.createConversation({ sandboxId: 'sb1' });
    const context = kiloclawConversationContext('sb1', conversationId);
    let resyncs = 0;
    events.onResync(() => resyncs++);
    events.subscribe([context]);
    await events.connect();
    await events.waitForOpen({ timeoutMs: 5_000 });
    await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', context)).toBe(true));

    server.faults.dropAllSockets();
    await vi.waitFor(() => expect(resyncs).toBe(1));
    await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', context)).toBe(true));
    const received: string[] = [];
    chat.onMessageCreated((_context, payload) => received.push(payload.messageId));
    const sent = await chat.sendMessage({ conversationId, content: [{ type: 'text', text: 'after the drop' }] });
    await vi.waitFor(() => expect(received).toEqual([sent.messageId]));
  });
});
