/**
 * Wake-up signals from the host platform. The client reconnects at once
 * (skipping the rest of its backoff wait) when the network comes back or the
 * app becomes visible, and probes an open socket with a ping, because sockets
 * often die silently while a device sleeps or a tab is frozen.
 *
 * Pass your own for React Native (NetInfo, AppState) or tests; pass `null` in
 * the client config to disable.
 */
export interface PlatformHooks {
  /** Calls `listener` whenever the network becomes available; returns a function that stops. */
  onOnline?(listener: () => void): () => void;
  /** Calls `listener` whenever the app or page becomes visible; returns a function that stops. */
  onVisible?(listener: () => void): () => void;
}

interface MinimalEventTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Hooks on the browser globals: `window`'s `online` event, and `document`'s
 * `visibilitychange` when the page turns `visible`. Where a global is missing
 * (Node, Workers, React Native) its hook is left out. Globals are looked up
 * when a listener is added, not at import.
 */
export function browserPlatform(): PlatformHooks {
  const scope = globalThis as {
    window?: MinimalEventTarget;
    document?: MinimalEventTarget & { visibilityState?: string };
  };
  const hooks: PlatformHooks = {};
  const win = scope.window;
  if (win !== undefined && typeof win.addEventListener === 'function') {
    hooks.onOnline = (listener) => {
      win.addEventListener('online', listener);
      return () => win.removeEventListener('online', listener);
    };
  }
  const doc = scope.document;
  if (doc !== undefined && typeof doc.addEventListener === 'function') {
    hooks.onVisible = (listener) => {
      const onChange = () => {
        if (doc.visibilityState === 'visible') listener();
      };
      doc.addEventListener('visibilitychange', onChange);
      return () => doc.removeEventListener('visibilitychange', onChange);
    };
  }
  return hooks;
}
