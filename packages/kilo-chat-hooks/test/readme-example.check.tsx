// The README's "complete small chat screen", compiled by `pnpm typecheck`.
// test/readme-example.test.ts keeps this file equal to the README's code block.
declare const EVENTS_URL: string;
declare const CHAT_URL: string;
declare function getToken(): Promise<string>;
import { EventServiceClient, kiloclawConversationContext, kiloclawInstanceContext, presenceContextForConversation } from '@kilocode/event-service';
import { KiloChatClient, createClientId } from '@kilocode/kilo-chat';
import {
  KiloChatHooksProvider, clientIdOfPendingMessage, latestMarkReadMessageId, typingLabel,
  useConnectionState, useConversationListCache, useConversations, useKiloChatClient, useEventServiceClient,
  useMarkConversationReadWhenSeen, useMessageCacheUpdater, useMessages, usePresenceSubscription,
  useSendMessage, useSendStates, useTyping,
} from '../src/index';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';

// Once per signed-in user.
const events = new EventServiceClient({ url: EVENTS_URL, getToken });
const chat = new KiloChatClient({ baseUrl: CHAT_URL, getToken, eventService: events });
const queryClient = new QueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      {/* `connect` holds the socket open while mounted (one socket, StrictMode included). */}
      <KiloChatHooksProvider value={{ kiloChatClient: chat, eventService: events }} connect>
        <Chat me="alice" sandboxId="demo-sandbox" />
      </KiloChatHooksProvider>
    </QueryClientProvider>
  );
}

function Chat({ me, sandboxId }: { me: string; sandboxId: string }) {
  const client = useKiloChatClient();
  const eventService = useEventServiceClient();
  const [open, setOpen] = useState<string | null>(null);
  const { state } = useConnectionState();
  const list = useConversations(client, sandboxId);
  // Live list: created/renamed/left/read/activity events, resync, instance subscription.
  useConversationListCache(client, eventService, { sandboxId, currentUserId: me, activeConversationId: open });

  return (
    <main>
      {state === 'reconnecting' && <p role="status">Reconnecting…</p>}
      <ul>
        {list.data?.conversations.map((c) => (
          <li key={c.conversationId}>
            <button onClick={() => setOpen(c.conversationId)}>{c.title ?? 'Untitled'}</button>
          </li>
        ))}
      </ul>
      {open && <Conversation me={me} sandboxId={sandboxId} conversationId={open} />}
    </main>
  );
}

function Conversation({ me, sandboxId, conversationId }: { me: string; sandboxId: string; conversationId: string }) {
  const client = useKiloChatClient();
  const [draft, setDraft] = useState('');
  usePresenceSubscription(kiloclawConversationContext(sandboxId, conversationId), true); // events
  usePresenceSubscription(presenceContextForConversation(sandboxId, conversationId), document.visibilityState === 'visible'); // no push while looking
  useMessageCacheUpdater(client, sandboxId, conversationId); // live rows, resync of this conversation
  const { data } = useMessages(client, conversationId); // data.messages: oldest → newest
  const send = useSendMessage(client, conversationId, me);
  const sendStates = useSendStates(conversationId); // clientId → { status: 'sending' | 'failed', error }
  const typing = useTyping(client, sandboxId, conversationId, me);
  const messages = data?.messages ?? [];
  useMarkConversationReadWhenSeen(client, { sandboxId, conversationId, latestMessageId: latestMarkReadMessageId(messages), active: true });

  return (
    <section>
      <ol aria-live="polite">
        {messages.map((m) => {
          const clientId = clientIdOfPendingMessage(m.id); // null for stored rows
          const failed = clientId !== null && sendStates.get(clientId)?.status === 'failed';
          return (
            <li key={m.id}>
              {m.content.map((b) => (b.type === 'text' ? b.text : null))}
              {failed && <button onClick={() => send.retry(clientId)}>Failed — retry</button>}
            </li>
          );
        })}
      </ol>
      {typingLabel(typing.typingMemberIds) && <p>{typingLabel(typing.typingMemberIds)} is typing…</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate({ conversationId, clientId: createClientId(), content: [{ type: 'text', text: draft }] });
          typing.stopTyping();
          setDraft('');
        }}
      >
        <input aria-label="Message" value={draft} onChange={(e) => (setDraft(e.target.value), typing.notifyTyping())} />
      </form>
    </section>
  );
}
