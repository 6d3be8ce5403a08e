/**
 * Where the core reads the time. The default calls `Date.now()` on every read,
 * so tests that fake `Date` (for example `vi.useFakeTimers({ toFake: ['Date'] })`)
 * move the mock's clock too.
 */
export interface Clock {
  /** Current time in Unix milliseconds. */
  now(): number;
}

/** The wall clock, read through `Date.now()` at call time. */
export const systemClock: Clock = {
  now: () => Date.now(),
};
