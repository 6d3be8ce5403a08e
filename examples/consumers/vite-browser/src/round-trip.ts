// Browser code: only fetch and WebSocket from the page's globals.
import { EventServiceClient, kiloclawConversationContext } from '@kilocode/event-service';
import { KiloChatClient } from '@kilocode/kilo-chat';

/** Where the chat and event service are, and the signed-in user's token. */
export interface RoundTripConfig {
  chatUrl: string;
  eventsUrl: string;
  sandboxId: string;
  token: string;
  /** Resolves once the server registered the subscription (a test hook). */
  subscribed: (context: string) => Promise<void>;
}

/** Creates a conversation, sends a message and resolves with its id once it arrived over the socket. */
export async function roundTrip(config: RoundTripConfig): Promise<string> {
  const getToken = () => config.token;
  const events = new EventServiceClient({ url: config.eventsUrl, getToken });
  const chat = new KiloChatClient({ baseUrl: config.chatUrl, getToken, eventService: events });
  try {
    const { conversationId } = await chat.createConversation({ sandboxId: config.sandboxId, title: 'From the browser' });
    const context = kiloclawConversationContext(config.sandboxId, conversationId);
    const received = new Promise<string>((resolve) => chat.onMessageCreated((_c, payload) => resolve(payload.messageId)));
    events.subscribe([context]);
    await events.connect();
    await config.subscribed(context);
    const { messageId } = await chat.sendMessage({ conversationId, content: [{ type: 'text', text: 'Hello from the browser' }] });
    const arrived = await received;
    if (arrived !== messageId) throw new Error(`sent ${messageId}, received ${arrived}`);
    return messageId;
  } finally {
    events.dispose();
    chat.dispose();
  }
}
