import type { EventServiceClient } from '@kilocode/event-service';

/**
 * @internal Holds on the event client that outlive a React StrictMode
 * remount. React runs an effect's cleanup and its second mount in the same
 * task; if the cleanup released the hold at once, the event client would
 * send `context.unsubscribe` and `context.subscribe` again (or close and
 * reopen the socket). Each release here waits one microtask, and a hold of
 * the same key taken before then adopts the pending release instead of
 * taking a new reference, so nothing reaches the wire.
 *
 * The event client's own reference counts still do the real counting: every
 * live holder keeps exactly one reference, so two components on one context
 * never cancel each other.
 */
type Release = () => void;

interface PendingRelease {
  cancelled: boolean;
  release: Release;
}

const pending = new WeakMap<EventServiceClient, Map<string, PendingRelease[]>>();

function pendingFor(eventService: EventServiceClient): Map<string, PendingRelease[]> {
  let byKey = pending.get(eventService);
  if (!byKey) {
    byKey = new Map();
    pending.set(eventService, byKey);
  }
  return byKey;
}

/**
 * Takes a hold under `key` with `acquire` (which returns its release), unless
 * a release of the same key is waiting: then that reference is adopted.
 * Returns the deferred release of this hold.
 */
export function holdDeferred(eventService: EventServiceClient, key: string, acquire: () => Release): Release {
  const byKey = pendingFor(eventService);
  const queue = byKey.get(key);
  const adopted = queue?.shift();
  if (queue && queue.length === 0) byKey.delete(key);
  let release: Release;
  if (adopted) {
    adopted.cancelled = true;
    release = adopted.release;
  } else {
    release = acquire();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const entry: PendingRelease = { cancelled: false, release };
    const list = byKey.get(key) ?? [];
    list.push(entry);
    byKey.set(key, list);
    queueMicrotask(() => {
      if (entry.cancelled) return;
      const current = byKey.get(key);
      const at = current?.indexOf(entry) ?? -1;
      if (current && at >= 0) {
        current.splice(at, 1);
        if (current.length === 0) byKey.delete(key);
      }
      entry.release();
    });
  };
}

/**
 * Holds one reference on `context` through the event client's reference
 * counts, released a microtask after the returned function is called (see
 * {@link holdDeferred}).
 */
export function holdContext(eventService: EventServiceClient, context: string): Release {
  return holdDeferred(eventService, `context:${context}`, () => {
    const handle = eventService.subscribe([context]);
    return () => handle.unsubscribe();
  });
}
