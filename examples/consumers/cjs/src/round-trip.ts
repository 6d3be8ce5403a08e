// A CommonJS app on the published packages. TypeScript compiles the imports
// below to require() and resolves their types with `moduleResolution: "node"`
// (node10), subpaths included.
import { EventServiceClient, kiloclawConversationContext } from '@kilocode/event-service';
import { presenceContextForInstance } from '@kilocode/event-service/presence';
import type { ConnectTicketResponse } from '@kilocode/event-service/types';
import { KiloChatClient } from '@kilocode/kilo-chat';
import { conversationListResponseSchema } from '@kilocode/kilo-chat/schemas';
import type { ConversationListResponse } from '@kilocode/kilo-chat/types';
import { startMockServer, type MockServer } from '@kilocode/kilo-chat-mock-server';

async function roundTrip(server: MockServer): Promise<string> {
  server.createUser({ id: 'bob', displayName: 'Bob' });
  server.createSandbox({ id: 'sbx', ownerId: 'bob' });
  const getToken = () => server.mintUserToken('bob');
  const events = new EventServiceClient({ url: server.eventsUrl, getToken });
  const chat = new KiloChatClient({ baseUrl: server.chatUrl, getToken, eventService: events });
  const { conversationId } = await chat.createConversation({ sandboxId: 'sbx', title: 'From a CommonJS app' });
  const context = kiloclawConversationContext('sbx', conversationId);
  const received = new Promise<string>((resolve) => chat.onMessageCreated((_c, payload) => resolve(payload.messageId)));
  const opened = new Promise<void>((resolve) => events.onStateChange(({ state }) => state === 'open' && resolve()));
  events.subscribe([context]);
  await events.connect();
  await opened;
  while (!server.core.realtime.isUserInContext('bob', context)) await new Promise((r) => setTimeout(r, 10));
  const { messageId } = await chat.sendMessage({ conversationId, content: [{ type: 'text', text: 'Hello from CJS' }] });
  if ((await received) !== messageId) throw new Error('the event carried another message');
  const list: ConversationListResponse = conversationListResponseSchema.parse(await chat.listConversations({ sandboxId: 'sbx' }));
  const ticket: ConnectTicketResponse = { ticket: 'shape-only' };
  events.dispose();
  chat.dispose();
  return `cjs: sent and received ${messageId}; ${list.conversations.length} conversation listed; ${presenceContextForInstance('sbx')}; ${typeof ticket.ticket}`;
}

async function main(): Promise<void> {
  if (typeof require !== 'function' || typeof module !== 'object') throw new Error('not running as CommonJS');
  const server = await startMockServer({ port: 0 });
  const timeout = setTimeout(() => {
    console.error('cjs: no round trip within 20 s');
    process.exit(1);
  }, 20_000);
  try {
    console.log(await roundTrip(server));
  } finally {
    clearTimeout(timeout);
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
