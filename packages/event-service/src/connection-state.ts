import type { HandshakeTimeoutError, RequestDeadlineError, WebSocketAuthError } from './errors.js';
import type { EventServiceError } from './event-service-error.js';

/**
 * Where the client is in its life. Small and public on purpose; the attempt
 * and socket bookkeeping behind it stays private.
 *
 * - `idle`: never started, or `reset()` was called.
 * - `connecting`: the attempt started by `connect()` (or by `acquire()` from
 *   a stopped state) is running: token, ticket, handshake. `connect()`
 *   promises settle when the state leaves it.
 * - `open`: a socket is open and subscriptions have been sent on it.
 * - `reconnecting`: an attempt failed or the socket was lost; the client is
 *   waiting out its backoff or running the next attempt.
 * - `unauthorized`: the ticket endpoint refused the token and recovery is
 *   exhausted or was declined. Nothing runs until `connect()`/`acquire()`.
 * - `closed`: `disconnect()` (or the last `release()`, or `dispose()`) stopped
 *   the client. Nothing runs until `connect()`/`acquire()`.
 */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

/**
 * Why the state changed.
 *
 * - `connect`: `connect()` (or `acquire()` from a stopped state) started an
 *   attempt, replacing any attempt in flight or open socket.
 * - `opened`: a socket opened.
 * - `socket_closed`: the open socket closed (server close, network drop); see `closeCode`.
 * - `pong_timeout`: the open socket went silent and was dropped.
 * - `attempt_failed`: an attempt failed before its socket opened; see `error`.
 * - `unauthorized`: authentication failed for good; see `error`.
 * - `disconnect`: `disconnect()`, or `release()` of the last hold.
 * - `reset`: `reset()`.
 * - `dispose`: `dispose()`.
 */
export type StateChangeReason =
  | 'connect'
  | 'opened'
  | 'socket_closed'
  | 'pong_timeout'
  | 'attempt_failed'
  | 'unauthorized'
  | 'disconnect'
  | 'reset'
  | 'dispose';

/** Any error the client emits through `onError` or puts on a {@link StateChange}. */
export type EventServiceClientError = EventServiceError | WebSocketAuthError | HandshakeTimeoutError | RequestDeadlineError;

/** One state transition, as delivered to `onStateChange` listeners. */
export interface StateChange {
  /** The new state. */
  readonly state: ConnectionState;
  /** The state before. */
  readonly previous: ConnectionState;
  /** Why it changed. */
  readonly reason: StateChangeReason;
  /** The failure behind `attempt_failed` and `unauthorized`. */
  readonly error?: EventServiceClientError;
  /** `socket_closed`: the close code (1006 when the connection ended without a close frame). */
  readonly closeCode?: number;
  /** `socket_closed`: the close reason text, possibly empty. */
  readonly closeReason?: string;
  /** `reconnecting`: milliseconds until the next attempt starts. */
  readonly retryInMs?: number;
}
