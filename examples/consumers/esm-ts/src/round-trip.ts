// An ES module app on the published packages: a user sends a message with
// KiloChatClient and receives it as `message.created` over the event socket,
// against the reference server started in-process.
import { EventServiceClient, kiloclawConversationContext } from '@kilocode/event-service';
import { presenceContextForConversation } from '@kilocode/event-service/presence';
import type { EventServiceErrorCode } from '@kilocode/event-service';
import { KiloChatClient, KiloChatError } from '@kilocode/kilo-chat';
import { createMessageRequestSchema } from '@kilocode/kilo-chat/schemas';
import type { Message } from '@kilocode/kilo-chat/types';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';

const server = await startMockServer({ port: 0 });
const timeout = setTimeout(() => {
  console.error('esm-ts: no round trip within 20 s');
  process.exit(1);
}, 20_000);
try {
  server.createUser({ id: 'alice', displayName: 'Alice' });
  server.createSandbox({ id: 'sbx', ownerId: 'alice' });
  const getToken = () => server.mintUserToken('alice');

  const events = new EventServiceClient({ url: server.eventsUrl, getToken });
  const chat = new KiloChatClient({ baseUrl: server.chatUrl, getToken, eventService: events });
  const { conversationId } = await chat.createConversation({ sandboxId: 'sbx', title: 'From an ESM app' });
  const context = kiloclawConversationContext('sbx', conversationId);

  const received = new Promise<string>((resolve) => {
    chat.onMessageCreated((_context, payload) => resolve(payload.messageId));
  });
  const opened = new Promise<void>((resolve) => {
    events.onStateChange(({ state }) => {
      if (state === 'open') resolve();
    });
  });
  events.subscribe([context]);
  await events.connect();
  await opened;
  while (!server.core.realtime.isUserInContext('alice', context)) await new Promise((r) => setTimeout(r, 10));

  const request = createMessageRequestSchema.parse({ conversationId, content: [{ type: 'text', text: 'Hello from ESM' }] });
  const { messageId, message } = await chat.sendMessage(request);
  const first: Message | undefined = message;
  if ((await received) !== messageId) throw new Error('the event carried another message');

  const unreachable = new KiloChatClient({ baseUrl: 'http://127.0.0.1:9', getToken, eventService: events });
  const code = await unreachable.listConversations().then(
    () => 'none',
    (error: unknown) => (error instanceof KiloChatError ? error.code : 'untyped'),
  );
  if (code !== 'network') throw new Error(`a request to a server that is down should fail with code network, got ${code}`);
  const codeType: EventServiceErrorCode = 'ticket_failed';
  events.dispose();
  chat.dispose();
  unreachable.dispose();
  console.log(
    `esm-ts: sent ${first?.id ?? messageId}, received it on ${context}; presence context ${presenceContextForConversation('sbx', conversationId)}; ` +
      `server down → ${code}; ${codeType} is a code`,
  );
} finally {
  clearTimeout(timeout);
  await server.close();
}
