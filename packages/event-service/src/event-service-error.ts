import type { EventServiceErrorCode } from './codes.js';

/** Optional detail an {@link EventServiceError} can carry beside its code. */
export interface EventServiceErrorOptions {
  /** The underlying error or thrown value. */
  cause?: unknown;
  /** `too_many_contexts`: the contexts that are not subscribed on the current socket. */
  contexts?: readonly string[];
  /** `too_many_contexts`: the per-socket limit that applied. */
  max?: number;
  /** `ticket_failed`, `socket_error`: the HTTP status, when the runtime exposes it. */
  status?: number;
  /** `server_error`: the `code` field of the server's `error` frame. */
  serverCode?: string;
}

/**
 * The error class for failure modes the reference package had no class for
 * (an invalid context, a server `error` frame, a throwing listener, …).
 * Switch on {@link EventServiceError.code}; the message is for humans and
 * never contains a token.
 */
export class EventServiceError extends Error {
  /** Machine-readable code; see `EVENT_SERVICE_ERROR_CODES`. */
  readonly code: EventServiceErrorCode;
  /** `too_many_contexts`: the contexts that are not subscribed on the current socket. */
  readonly contexts: readonly string[] | undefined;
  /** `too_many_contexts`: the per-socket limit that applied. */
  readonly max: number | undefined;
  /** `ticket_failed`, `socket_error`: the HTTP status, when known. */
  readonly status: number | undefined;
  /** `server_error`: the code the server sent. */
  readonly serverCode: string | undefined;

  /**
   * @param code - machine-readable code.
   * @param message - human-readable description; never contains a token.
   * @param options - standard `cause`, plus the detail fields above.
   */
  constructor(code: EventServiceErrorCode, message: string, options: EventServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EventServiceError';
    this.code = code;
    this.contexts = options.contexts;
    this.max = options.max;
    this.status = options.status;
    this.serverCode = options.serverCode;
  }
}
