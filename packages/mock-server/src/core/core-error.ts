/** The JSON body of every error response: `{ error }` plus route-specific fields. */
export interface ErrorBody {
  /** Human-readable reason, exactly as the reference service words it. */
  error: string;
  /** Extra fields some errors carry (`issues`, `messageId`, `invalidMembers`). */
  [key: string]: unknown;
}

/**
 * A refusal from the domain core. It carries the HTTP status and body the
 * reference service answers with, so every face (HTTP, msw) reports the same
 * thing. Throwing it never leaves a partial change behind: operations check
 * everything before they write.
 */
export class CoreError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** JSON body to answer with. */
  readonly body: ErrorBody;

  constructor(status: number, error: string, extra: Record<string, unknown> = {}) {
    super(error);
    this.name = 'CoreError';
    this.status = status;
    this.body = { error, ...extra };
  }
}

/** True when `value` is a {@link CoreError}. */
export function isCoreError(value: unknown): value is CoreError {
  return value instanceof CoreError;
}
