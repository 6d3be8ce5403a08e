/**
 * Test harness of the hooks suite: the mock server's msw face (the real app
 * and core, no port) or the real server on loopback, real
 * `KiloChatClient`/`EventServiceClient` instances signed in as a demo user,
 * a fresh `QueryClient`, and a wrapper for `renderHook`/`render`.
 */
import { EventServiceClient } from '@kilocode/event-service';
import { KiloChatClient, type KiloChatClientConfig } from '@kilocode/kilo-chat';
import { type MockKiloChatServer, type MockServer, setupMockKiloChat, startMockServer } from '@kilocode/kilo-chat-mock-server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode } from 'react';
import { KiloChatHooksProvider } from '../../src/kilo-chat-hooks-context';

/** Where the harness's clients talk to. */
export interface HarnessServer {
  chatUrl: string;
  eventsUrl: string;
  mintUserToken(userId: string): Promise<string>;
  /** The mock's core: fault controls, direct state reads, server-side writes. */
  core: MockKiloChatServer['core'];
  demo: NonNullable<MockKiloChatServer['demo']>;
}

/** Starts the msw face with the demo seed; call in `beforeAll`, and `stop()` in `afterAll`. */
export function startMswServer(): HarnessServer & { stop(): void; mock: MockKiloChatServer } {
  const mock = setupMockKiloChat({ seed: 'demo' });
  mock.server.listen({ onUnhandledRequest: 'error' });
  return {
    mock,
    chatUrl: mock.baseUrl,
    eventsUrl: mock.eventsUrl,
    mintUserToken: (userId) => mock.mintUserToken(userId),
    core: mock.core,
    demo: mock.demo!,
    stop: () => mock.server.close(),
  };
}

/** Starts the real mock server on a loopback port with the demo seed. */
export async function startLoopbackServer(): Promise<HarnessServer & { stop(): Promise<void>; server: MockServer }> {
  const server = await startMockServer({ port: 0, host: '127.0.0.1', seed: 'demo' });
  return {
    server,
    chatUrl: server.chatUrl,
    eventsUrl: server.eventsUrl,
    mintUserToken: (userId) => server.mintUserToken(userId),
    core: server.core,
    demo: server.demo!,
    stop: () => server.close(),
  };
}

/** Options of {@link createUserSession}. */
export interface UserSessionOptions {
  /** Extra `KiloChatClient` config (admission hooks, ownership). */
  chat?: Partial<KiloChatClientConfig>;
  /** Wrap the tree in `<StrictMode>`. */
  strict?: boolean;
  /** Pass `connect` to the provider. */
  connect?: boolean;
}

/** A signed-in user: clients, a QueryClient and a render wrapper. */
export interface UserSession {
  userId: string;
  token: string;
  chat: KiloChatClient;
  events: EventServiceClient;
  queryClient: QueryClient;
  wrapper: (props: { children: ReactNode }) => ReactNode;
  /** Disposes both clients and clears the QueryClient. */
  close(): void;
}

/** Signs `userId` in against `server` and builds the clients and wrapper. */
export async function createUserSession(server: HarnessServer, userId: string, options: UserSessionOptions = {}): Promise<UserSession> {
  const token = await server.mintUserToken(userId);
  const getToken = () => Promise.resolve(token);
  const events = new EventServiceClient({
    url: server.eventsUrl,
    getToken,
    platform: null,
    // The msw face intercepts the global WebSocket; pass it explicitly so both faces work.
    ...(typeof globalThis.WebSocket === 'function' && server.chatUrl.startsWith('http://kilo-chat.mock')
      ? { WebSocket: globalThis.WebSocket as never }
      : {}),
  });
  const chat = new KiloChatClient({ baseUrl: server.chatUrl, getToken, eventService: events, ...options.chat });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } },
  });
  const value = { kiloChatClient: chat, eventService: events };
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = (
      <QueryClientProvider client={queryClient}>
        <KiloChatHooksProvider value={value} connect={options.connect ?? false}>
          {children}
        </KiloChatHooksProvider>
      </QueryClientProvider>
    );
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  return {
    userId,
    token,
    chat,
    events,
    queryClient,
    wrapper,
    close() {
      chat.dispose();
      events.dispose();
      queryClient.clear();
    },
  };
}

/**
 * Polls `predicate` every 5 ms until it holds, or fails after `timeoutMs`.
 * For conditions outside React (server state, client callbacks). For React
 * state use `waitFor` from @testing-library/react: under React 18 an
 * `act(async …)` scope holds state updates back until it ends, so polling
 * rendered state inside `act` never sees them.
 */
export async function until(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Subscribes the session's event client to `contexts`, connects, and waits
 * until the server itself holds the subscriptions (read from the mock's
 * session hub), so events pushed afterwards reach the client.
 */
export async function connectAndSubscribe(server: HarnessServer, session: UserSession, contexts: string[]): Promise<void> {
  session.events.subscribe(contexts);
  if (session.events.state !== 'open') void session.events.connect();
  await until(() => contexts.every((context) => server.core.realtime.isUserInContext(session.userId, context)), 5_000, 'server-side subscription');
}
