import type { ConnectionState, EventServiceClient, StateChange } from '@kilocode/event-service';

/** The connection state of an event client, as `useConnectionState` returns it. */
export interface ConnectionStateSnapshot {
  /** The event client's current state. */
  readonly state: ConnectionState;
  /**
   * The latest transition seen since this event client was first observed
   * by the package (its `reason`, and `error`, `closeCode` or `retryInMs`
   * where they apply); `null` before any.
   */
  readonly lastChange: StateChange | null;
}

/** A subscribable view of one event client's state; one per client, shared by every reader. */
export interface ConnectionStateStore {
  /** Calls `listener` after every state change; returns a function that removes it. */
  subscribe(listener: () => void): () => void;
  /** The current snapshot; the same object until the state changes. */
  getSnapshot(): ConnectionStateSnapshot;
}

const stores = new WeakMap<EventServiceClient, ConnectionStateStore>();

function createStore(eventService: EventServiceClient): ConnectionStateStore {
  const listeners = new Set<() => void>();
  let snapshot: ConnectionStateSnapshot = { state: eventService.state, lastChange: null };
  // Registered once for the client's life (dispose() drops it), so the last change is known to late readers too.
  eventService.onStateChange((change) => {
    snapshot = { state: eventService.state, lastChange: change };
    for (const listener of [...listeners]) listener();
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot() {
      // A client that changed state without a listener call (none today) still reads right.
      if (snapshot.state !== eventService.state) snapshot = { state: eventService.state, lastChange: snapshot.lastChange };
      return snapshot;
    },
  };
}

/**
 * The shared {@link ConnectionStateStore} of an event client, created on
 * first use. Framework-free: `useConnectionState` reads it with
 * `useSyncExternalStore`.
 *
 * @param eventService - the event client to observe.
 */
export function connectionStateStore(eventService: EventServiceClient): ConnectionStateStore {
  let store = stores.get(eventService);
  if (store === undefined) {
    store = createStore(eventService);
    stores.set(eventService, store);
  }
  return store;
}
