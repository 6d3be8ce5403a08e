/** Reconnect backoff settings. Every duration is in milliseconds. */
export interface BackoffOptions {
  /**
   * Upper bound of the first retry delay; each later retry doubles it.
   * @default 1000
   */
  baseMs?: number;
  /**
   * The largest upper bound a retry delay can have.
   * @default 30000
   */
  maxMs?: number;
  /**
   * A connection that stayed open at least this long counts as stable: when
   * it drops, the retry count starts again from zero. A connection that drops
   * sooner keeps growing the delay, so a server that accepts and then closes
   * at once cannot cause a reconnect storm.
   * @default 10000
   */
  stableAfterMs?: number;
}

/** The defaults of {@link BackoffOptions}: 1 s base, 30 s cap, stable after 10 s. */
export const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>> = Object.freeze({
  baseMs: 1_000,
  maxMs: 30_000,
  stableAfterMs: 10_000,
});

/**
 * The "full jitter" delay for retry number `attempt` (0 for the first retry):
 * uniform in `[0, min(maxMs, baseMs · 2^attempt))`. Spreading retries over the
 * whole window keeps many clients that lost the same server from coming back
 * in step.
 *
 * @param attempt - how many retries were already scheduled since the last
 *   stable connection (0 or more).
 * @param options - base and cap; missing fields use {@link DEFAULT_BACKOFF}.
 * @param random - a source of numbers in `[0, 1)`; defaults to `Math.random`.
 * @returns the delay in milliseconds, an integer.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const cap = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  // 2^31 is far past any cap; clamping the exponent avoids Infinity.
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(attempt, 0), 31));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
