/** An opaque timer handle, as returned by the host's `setTimeout`/`setInterval`. */
export type TimerHandle = unknown;

/**
 * The timer functions the clients use. Inject them to drive a client from a
 * test clock; the default is the host's global timers.
 */
export interface Timers {
  /** Schedules `callback` once after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a handle from {@link Timers.setTimeout}. */
  clearTimeout(handle: TimerHandle): void;
  /** Schedules `callback` every `ms` milliseconds. */
  setInterval(callback: () => void, ms: number): TimerHandle;
  /** Cancels a handle from {@link Timers.setInterval}. */
  clearInterval(handle: TimerHandle): void;
  /** The current time in Unix milliseconds. */
  now(): number;
}

/**
 * The host's global timers, looked up at call time (so Vitest fake timers
 * installed after construction still apply).
 */
export const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};
