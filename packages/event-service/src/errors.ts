export type { EventServiceErrorCode } from './codes.js';

/**
 * Thrown (and emitted) when `POST /connect-ticket` answers 401 or 403.
 * The message never contains the token.
 */
export class WebSocketAuthError extends Error {
  /** Always `'unauthorized'`. */
  readonly code = 'unauthorized' as const;
  /** The HTTP status that caused it (401 or 403), when known. */
  readonly status: number | undefined;

  /**
   * @param message - defaults to `'WebSocket authentication failed'`.
   * @param status - the HTTP status, when known.
   */
  constructor(message = 'WebSocket authentication failed', status?: number) {
    super(message);
    this.name = 'WebSocketAuthError';
    this.status = status;
  }
}

/** The socket did not open within the handshake timeout (10 s by default). */
export class HandshakeTimeoutError extends Error {
  /** Always `'handshake_timeout'`. */
  readonly code = 'handshake_timeout' as const;

  constructor() {
    super('WebSocket handshake timed out');
    this.name = 'HandshakeTimeoutError';
  }
}

/**
 * A request did not finish within its deadline. Shared by every `@kilocode/*`
 * client, so `instanceof RequestDeadlineError` works across packages.
 */
export class RequestDeadlineError extends Error {
  /** Always `'request_deadline'`. */
  readonly code = 'request_deadline' as const;
  /** The deadline that passed, in milliseconds. */
  readonly deadlineMs: number;

  /** @param deadlineMs - the deadline that passed, in milliseconds. */
  constructor(deadlineMs: number) {
    super(`Request timed out after ${deadlineMs}ms`);
    this.name = 'RequestDeadlineError';
    this.deadlineMs = deadlineMs;
  }
}
