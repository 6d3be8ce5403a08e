import IsomorphicWebSocket from 'isomorphic-ws';

/** The `readyState` of a socket whose handshake is still running. */
export const SOCKET_CONNECTING = 0;
/** The `readyState` of an open socket. */
export const SOCKET_OPEN = 1;

/**
 * The part of a WebSocket the client uses. The browser `WebSocket`, `ws`
 * (Node), React Native's and Cloudflare Workers' sockets all have it.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Sends one text frame. */
  send(data: string): void;
  /** Starts the closing handshake (or aborts a pending handshake). */
  close(code?: number, reason?: string): void;
  /**
   * Registers a listener. The client reads `event.data` from `message`,
   * `event.code`/`event.reason` from `close`, and `event.message`/`event.error`
   * from `error` when the runtime provides them.
   */
  // `any`: every runtime has its own event classes; the client reads fields defensively.
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: any) => void): void;
  /** Drops the connection at once without a closing handshake (`ws` only). */
  terminate?(): void;
}

/** A WebSocket constructor: `new WebSocket(url, protocols)`. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/**
 * @internal The fallback constructor: `isomorphic-ws`, which is `ws` on Node
 * (and the browser's own `WebSocket` in browser bundles).
 */
export const defaultWebSocket: WebSocketConstructor = IsomorphicWebSocket as unknown as WebSocketConstructor;

/**
 * @internal The constructor for the socket about to be made, looked up at
 * that moment: the configured one; else `globalThis.WebSocket` when the
 * runtime has one (browsers, React Native, Workers, Node 22, and every test
 * that stubs the global or intercepts it, such as msw's `ws.link`); else `ws`.
 */
export function resolveWebSocket(configured: WebSocketConstructor | undefined): WebSocketConstructor {
  if (configured !== undefined) return configured;
  const ambient = (globalThis as { WebSocket?: unknown }).WebSocket;
  return typeof ambient === 'function' ? (ambient as WebSocketConstructor) : defaultWebSocket;
}
