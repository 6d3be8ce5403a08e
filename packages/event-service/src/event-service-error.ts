import type { EventServiceErrorCode } from './errors';

/**
 * The error class for failure modes the reference package had no class for
 * (an invalid context, a server `error` frame, a throwing listener, …).
 * Switch on {@link EventServiceError.code}; the message is for humans.
 */
export class EventServiceError extends Error {
  /** Machine-readable code. */
  readonly code: EventServiceErrorCode;

  /**
   * @param code - machine-readable code.
   * @param message - human-readable description; never contains a token.
   * @param options - standard `cause`.
   */
  constructor(code: EventServiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventServiceError';
    this.code = code;
  }
}
