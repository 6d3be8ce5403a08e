import { KiloChatHooksProvider, type KiloChatHooksContextValue } from '@kilocode/kilo-chat-hooks';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { SessionContext } from './chat/session-context.js';
import { ChatShell } from './components/ChatShell.js';
import { SignIn } from './components/SignIn.js';
import { createChatSession, initialUser, rememberUser, serviceOrigin, type ChatSession } from './session.js';

export function App() {
  const [userId, setUserId] = useState<string | null>(() => initialUser());

  if (userId === null) {
    return (
      <SignIn
        onSignIn={(id) => {
          rememberUser(id);
          setUserId(id);
        }}
      />
    );
  }
  return (
    <SignedIn
      key={userId}
      userId={userId}
      onSignOut={() => {
        rememberUser(null);
        setUserId(null);
      }}
    />
  );
}

interface Clients {
  session: ChatSession;
  queryClient: QueryClient;
  hooks: KiloChatHooksContextValue;
}

/** One user's clients and caches, created at sign-in and disposed at sign-out. */
function SignedIn({ userId, onSignOut }: { userId: string; onSignOut: () => void }) {
  const [clients, setClients] = useState<Clients | null>(null);

  useEffect(() => {
    const session = createChatSession(userId, serviceOrigin());
    const queryClient = new QueryClient({
      defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } },
    });
    setClients({ session, queryClient, hooks: { kiloChatClient: session.kiloChatClient, eventService: session.eventService } });
    return () => {
      queryClient.clear();
      session.dispose();
    };
  }, [userId]);

  if (!clients) return null;
  return (
    <QueryClientProvider client={clients.queryClient}>
      <KiloChatHooksProvider value={clients.hooks} connect>
        <SessionContext.Provider value={clients.session}>
          <ChatShell onSignOut={onSignOut} />
        </SessionContext.Provider>
      </KiloChatHooksProvider>
    </QueryClientProvider>
  );
}
