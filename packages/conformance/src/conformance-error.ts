/** Machine-readable codes of the conformance suite's own errors. */
export type ConformanceErrorCode = 'assertion_failed' | 'skipped' | 'timeout' | 'invalid_target';

/**
 * Thrown by scenario assertions (`assertion_failed`), by `ctx.skip` (`skipped`),
 * by event waits (`timeout`) and by target validation (`invalid_target`).
 */
export class ConformanceError extends Error {
  /** Machine-readable code. */
  readonly code: ConformanceErrorCode;

  /**
   * @param code - machine-readable code.
   * @param message - what was expected and what happened; never contains a token.
   */
  constructor(code: ConformanceErrorCode, message: string) {
    super(message);
    this.name = 'ConformanceError';
    this.code = code;
  }
}
