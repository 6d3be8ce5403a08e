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
    // Subscribing after connect: at the time of writing the client does not
    // send subscriptions made before the socket opened (reported upstream).
    await events.connect();
    events.subscribe([kiloclawConversationContext('sb1', conversationId)]);
    await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', kiloclawConversationContext('sb1', conversationId))).toBe(true));
    const sent = await chat.sendMessage({ conversationId, content: [{ type: 'text', text: 'from the SDK' }] });
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ messageId: sent.messageId, senderId: 'u1' });
  });
});
