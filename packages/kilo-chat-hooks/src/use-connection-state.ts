import type { EventServiceClient } from '@kilocode/event-service';
import { useSyncExternalStore } from 'react';
import { connectionStateStore, type ConnectionStateSnapshot } from './connection-state-store.js';
import { useOptionalEventServiceClient } from './kilo-chat-hooks-context.js';

/**
 * Addition: the event client's connection state, re-rendering on every
 * transition. `state` is the client's public union (`idle`, `connecting`,
 * `open`, `reconnecting`, `unauthorized`, `closed`); `lastChange` tells why
 * (its `reason`, and `error`, `closeCode` or `retryInMs` where they apply).
 *
 * @param eventService - the event client to watch; by default the provider's.
 * @throws Error `'useEventServiceClient: missing KiloChatHooksProvider'` when
 *   no client is given and there is no provider.
 *
 * @example
 * ```tsx
 * const { state, lastChange } = useConnectionState();
 * if (state === 'reconnecting') return <Banner>Reconnecting in {Math.ceil((lastChange?.retryInMs ?? 0) / 1000)} s…</Banner>;
 * if (state === 'unauthorized') return <Banner>Please sign in again</Banner>;
 * ```
 */
export function useConnectionState(eventService?: EventServiceClient): ConnectionStateSnapshot {
  // The provider is read on every render (rules of hooks); with an explicit client a missing provider is fine.
  const providerClient = useOptionalEventServiceClient();
  const client = eventService ?? providerClient;
  if (!client) throw new Error('useEventServiceClient: missing KiloChatHooksProvider');
  const store = connectionStateStore(client);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

