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
 * @internal The default constructor: `isomorphic-ws`, which is the browser's
 * own `WebSocket` in browser bundles and `ws` on Node.
 */
export const defaultWebSocket: WebSocketConstructor = IsomorphicWebSocket as unknown as WebSocketConstructor;
