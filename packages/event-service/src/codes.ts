/**
 * Every code the Event Service protocol and this client use, in one place:
 * WebSocket close codes (what a close means, and who sends it), the reasons
 * the client writes into its own close frames, and the error codes carried by
 * every error the client throws or emits. `spec/event-service.md` mirrors the
 * tables in this file; change both together.
 */

/**
 * WebSocket close codes seen on an Event Service socket.
 *
 * | key | code | sent by | meaning |
 * |---|---|---|---|
 * | `normal` | 1000 | client | the client closed on purpose (disconnect, handshake or pong timeout) |
 * | `goingAway` | 1001 | either | the page or the server is going away |
 * | `abnormal` | 1006 | nobody (reported locally) | the TCP connection ended without a close frame |
 * | `internalError` | 1011 | server | the server's socket error handler closed the socket |
 * | `tooManyUnacked` | 4002 | server | more than 50 events unacknowledged after a first ack (zombie rule) |
 * | `unauthorized` | 4401 | reserved | auth close; the server does not send it today, the client treats it like a ticket 401 |
 * | `forbidden` | 4403 | reserved | auth close; the server does not send it today, the client treats it like a ticket 403 |
 *
 * Any other code is treated as a transient drop: the client reconnects with backoff.
 */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  abnormal: 1006,
  internalError: 1011,
  tooManyUnacked: 4002,
  unauthorized: 4401,
  forbidden: 4403,
} as const;

/** One of the numeric values of {@link CLOSE_CODES}. */
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/**
 * The reason strings the client writes into the close frames it sends (always
 * with code 1000, the only application code every runtime accepts besides
 * 3000–4999).
 */
export const CLIENT_CLOSE_REASONS = {
  /** `disconnect()`, `release()` to zero, `reset()` or `dispose()`. */
  disconnect: 'client-disconnect',
  /** The socket did not open within `handshakeTimeoutMs`. */
  handshakeTimeout: 'handshake-timeout',
  /** No frame arrived within `pongTimeoutMs` of a ping: the socket is presumed dead. */
  pongTimeout: 'pong-timeout',
  /** A socket produced by an attempt that is no longer current, or the open socket a `connect()` replaces. */
  superseded: 'superseded',
} as const;

/** One of the values of {@link CLIENT_CLOSE_REASONS}. */
export type ClientCloseReason = (typeof CLIENT_CLOSE_REASONS)[keyof typeof CLIENT_CLOSE_REASONS];

/**
 * True for the close codes the client treats as an authentication failure
 * (4401, 4403): they go through `onUnauthorized` like a ticket 401/403.
 */
export function isAuthCloseCode(code: number): boolean {
  return code === CLOSE_CODES.unauthorized || code === CLOSE_CODES.forbidden;
}

/**
 * Every error code, with what raises it.
 *
 * | code | class | raised when | client reaction |
 * |---|---|---|---|
 * | `unauthorized` | `WebSocketAuthError` | ticket POST answered 401/403, or an auth close code | `onUnauthorized` once, then state `unauthorized` |
 * | `token_failed` | `EventServiceError` | `getToken()` threw or rejected | reconnect with backoff |
 * | `ticket_failed` | `EventServiceError` | ticket POST failed (5xx, other status, bad body, network) | reconnect with backoff |
 * | `request_deadline` | `RequestDeadlineError` | `getToken()` or the ticket POST outlived `requestTimeoutMs` | reconnect with backoff |
 * | `handshake_timeout` | `HandshakeTimeoutError` | the socket did not open within `handshakeTimeoutMs` | reconnect with backoff |
 * | `socket_error` | `EventServiceError` | the socket failed before opening (refused upgrade, network) | reconnect with backoff |
 * | `pong_timeout` | `EventServiceError` | no frame arrived within `pongTimeoutMs` of a ping | reconnect with backoff |
 * | `too_many_contexts` | `EventServiceError` | live contexts exceed the per-socket limit, or the server said so | the contexts in `error.contexts` are not subscribed on this socket |
 * | `server_error` | `EventServiceError` | the server sent an `error` frame with a code this client does not know | reported only |
 * | `listener_error` | `EventServiceError` | a listener or callback threw | reported only; other listeners still run |
 * | `invalid_context` | `EventServiceError` | a context is not 1–256 characters, or a builder got a bad id | thrown to the caller |
 * | `disconnected` | `EventServiceError` | an attempt was cancelled by `disconnect()` | internal; never emitted |
 * | `disposed` | `EventServiceError` | a method was called after `dispose()`, or `dispose()` ended a `waitForOpen()` | thrown to the caller |
 * | `open_timeout` | `EventServiceError` | `waitForOpen({ timeoutMs })`: no socket opened in time | thrown to the caller; the client keeps trying |
 * | `aborted` | `EventServiceError` | `waitForOpen({ signal })`: the signal aborted (its reason is the `cause`) | thrown to the caller; the client keeps trying |
 */
export const EVENT_SERVICE_ERROR_CODES = [
  'unauthorized',
  'token_failed',
  'ticket_failed',
  'request_deadline',
  'handshake_timeout',
  'socket_error',
  'pong_timeout',
  'too_many_contexts',
  'server_error',
  'listener_error',
  'invalid_context',
  'disconnected',
  'disposed',
  'open_timeout',
  'aborted',
] as const;

/**
 * Machine-readable codes carried by every error this package throws or emits.
 * New failure modes get a new code here rather than a new class.
 */
export type EventServiceErrorCode = (typeof EVENT_SERVICE_ERROR_CODES)[number];

/**
 * Error codes after which the client keeps trying on its own (with backoff).
 * The others either stop the client (`unauthorized`), are thrown to the caller
 * or are reports only.
 */
export const RETRYABLE_ERROR_CODES: readonly EventServiceErrorCode[] = [
  'token_failed',
  'ticket_failed',
  'request_deadline',
  'handshake_timeout',
  'socket_error',
  'pong_timeout',
];
