interface Fanout {
  readonly subscribers: Set<() => void>;
  readonly handler: () => void;
}

const fanouts = new WeakMap<AbortSignal, Fanout>();

/**
 * Subscribes to a signal's abort through one shared listener per signal
 * (shared by every `@kilocode/*` client: `withDeadline`, `waitForOpen`, and
 * `KiloChatClient`'s per-call and send-queue signals).
 *
 * Adding an `abort` listener per call to a long-lived signal (an app's
 * page-level signal, a client's lifetime signal) makes Node print
 * `MaxListenersExceededWarning` past ten calls in flight. Here the signal
 * gets one listener while it has subscribers; that listener calls every
 * current subscriber in the order they subscribed, and it is removed again
 * when the last subscriber unsubscribes.
 *
 * Returns the unsubscribe function; the listener is not called after it ran.
 * A subscriber that throws does not stop the others; its error is rethrown
 * from a microtask, as the platform reports a throwing event listener.
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let fanout = fanouts.get(signal);
  if (fanout === undefined) {
    const subscribers = new Set<() => void>();
    const handler = () => {
      fanouts.delete(signal);
      for (const subscriber of [...subscribers]) {
        if (!subscribers.has(subscriber)) continue;
        try {
          subscriber();
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
      subscribers.clear();
    };
    fanout = { subscribers, handler };
    fanouts.set(signal, fanout);
    signal.addEventListener('abort', handler, { once: true });
  }
  // A fresh function per subscription, so one listener subscribed twice is called twice.
  const entry = () => listener();
  const own = fanout;
  own.subscribers.add(entry);
  return () => {
    if (!own.subscribers.delete(entry) || own.subscribers.size > 0) return;
    if (fanouts.get(signal) === own) fanouts.delete(signal);
    signal.removeEventListener('abort', own.handler);
  };
}
