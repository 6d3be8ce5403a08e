/**
 * The little the session hub needs from a socket, so a `ws` socket on the
 * Node server and an msw `ws.link` client connection are handled alike.
 */
export interface SocketPort {
  /** Sends one text frame. */
  send(data: string): void;
  /** Closes cleanly with a code and reason. */
  close(code?: number, reason?: string): void;
  /** Drops the connection without a close handshake (falls back to close where unsupported). */
  terminate(): void;
  /** Bytes queued for sending but not yet written to the network (absent: unknown, never closed for it). */
  bufferedAmount?(): number;
}
