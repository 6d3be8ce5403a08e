import type { EventServiceClient } from '@kilocode/event-service';
import type { KiloChatClient } from '@kilocode/kilo-chat';
import { createContext, createElement, useContext, useEffect, type ReactNode } from 'react';
import { connectionStateStore } from './connection-state-store.js';
import { holdDeferred } from './deferred-release.js';

/** The two clients every hook works with. */
export interface KiloChatHooksContextValue {
  /** The HTTP client (and typed event wrappers) of the signed-in user. */
  kiloChatClient: KiloChatClient;
  /** The realtime client `kiloChatClient` receives its events from. */
  eventService: EventServiceClient;
}

/** Props of {@link KiloChatHooksProvider}. */
export interface KiloChatHooksProviderProps {
  /** The clients to share. Keep the object stable (create the clients once per signed-in user). */
  value: KiloChatHooksContextValue;
  /**
   * Addition: hold the event socket open while the provider is mounted, with
   * `eventService.acquire()` and `release()`. The release waits one microtask,
   * so React StrictMode's unmount-and-remount keeps the one socket instead of
   * closing and reopening it.
   * @default false (the reference provider leaves connecting to the app)
   */
  connect?: boolean;
  /** The app. */
  children?: ReactNode;
}

const KiloChatHooksContext = createContext<KiloChatHooksContextValue | null>(null);

/** Holds the connection open with `acquire()`; the release survives a StrictMode remount (see deferred-release.ts). */
function holdConnection(eventService: EventServiceClient): () => void {
  return holdDeferred(eventService, 'connection', () => {
    void eventService.acquire().catch(() => {
      // A disposed client rejects; the app replaced it and the next provider value holds the new one.
    });
    return () => eventService.release();
  });
}

/**
 * Shares a {@link KiloChatClient} and an {@link EventServiceClient} with every
 * hook below it. Render it inside TanStack Query's `QueryClientProvider`.
 *
 * @example
 * ```tsx
 * <QueryClientProvider client={queryClient}>
 *   <KiloChatHooksProvider value={{ kiloChatClient, eventService }} connect>
 *     <ChatScreen />
 *   </KiloChatHooksProvider>
 * </QueryClientProvider>
 * ```
 */
export function KiloChatHooksProvider(props: KiloChatHooksProviderProps): ReactNode {
  const { value, connect = false, children } = props;
  const eventService = value.eventService;
  // Watch the client's state from the start (before the hold below connects it),
  // so a `useConnectionState` mounted later still knows the last transition.
  useEffect(() => void connectionStateStore(eventService), [eventService]);
  useEffect(() => (connect ? holdConnection(eventService) : undefined), [connect, eventService]);
  return createElement(KiloChatHooksContext.Provider, { value }, children);
}

/**
 * The provider's {@link KiloChatClient}.
 * @throws Error `'useKiloChatClient: missing KiloChatHooksProvider'` outside the provider.
 */
export function useKiloChatClient(): KiloChatClient {
  const value = useContext(KiloChatHooksContext);
  if (!value) throw new Error('useKiloChatClient: missing KiloChatHooksProvider');
  return value.kiloChatClient;
}

/**
 * The provider's {@link EventServiceClient}.
 * @throws Error `'useEventServiceClient: missing KiloChatHooksProvider'` outside the provider.
 */
export function useEventServiceClient(): EventServiceClient {
  const value = useContext(KiloChatHooksContext);
  if (!value) throw new Error('useEventServiceClient: missing KiloChatHooksProvider');
  return value.eventService;
}

/**
 * The provider's {@link EventServiceClient}, or `null` outside a provider.
 * For hooks that work with or without one (addition; never throws).
 */
export function useOptionalEventServiceClient(): EventServiceClient | null {
  return useContext(KiloChatHooksContext)?.eventService ?? null;
}
