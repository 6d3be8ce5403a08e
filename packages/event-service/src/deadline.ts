import { onAbort } from './abort-fanout.js';
import { RequestDeadlineError } from './errors.js';
import { globalTimers, type TimerHandle, type Timers } from './timers.js';

/** Deadline for control-plane calls (ticket mint, every non-send chat call), in milliseconds: 15 000. */
export const CONTROL_PLANE_DEADLINE_MS = 15_000;

/** Deadline for a chat message send, in milliseconds: 30 000. */
export const SEND_DEADLINE_MS = 30_000;

/**
 * Runs `fn` under a deadline.
 *
 * `fn` receives a fresh `AbortSignal` that is aborted when the deadline passes
 * or the caller aborts. The returned promise settles first and aborts second,
 * so an `AbortError` raised by the inner work can never replace the real
 * reason:
 *
 * - deadline passed → rejects with {@link RequestDeadlineError};
 * - `callerSignal` aborted → rejects with `callerSignal.reason` (at once, without
 *   calling `fn`, when it is already aborted);
 * - a result or rejection from `fn` that arrives after settling is ignored.
 *
 * Uses `setTimeout` and a plain `AbortController` only (no `AbortSignal.timeout`
 * or `AbortSignal.any`), so it runs on Hermes and under fake timers.
 *
 * @param timeoutMs - deadline in milliseconds.
 * @param fn - the work; should pass the signal on to `fetch` or similar.
 * @param callerSignal - optional caller cancellation.
 * @param timers - where the deadline timer lives; defaults to the host's
 *   global timers (looked up at call time). Clients pass their injected
 *   {@link Timers} so a test clock drives the deadline too.
 */
export function withDeadline<T>(
  timeoutMs: number,
  fn: (signal: AbortSignal) => Promise<T>,
  callerSignal?: AbortSignal,
  timers: Timers = globalTimers,
): Promise<T> {
  if (callerSignal?.aborted) {
    return Promise.reject(callerSignal.reason);
  }
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: TimerHandle;
    let unsubscribe = () => {};
    const finish = () => {
      settled = true;
      timers.clearTimeout(timer);
      unsubscribe();
    };
    const onCallerAbort = () => {
      if (settled) return;
      finish();
      reject(callerSignal?.reason);
      controller.abort(callerSignal?.reason);
    };
    timer = timers.setTimeout(() => {
      if (settled) return;
      finish();
      const error = new RequestDeadlineError(timeoutMs);
      reject(error);
      controller.abort(error);
    }, timeoutMs);
    // One shared listener per signal, so a signal passed to many calls never collects listeners.
    if (callerSignal !== undefined) unsubscribe = onAbort(callerSignal, onCallerAbort);

    let work: Promise<T>;
    try {
      work = Promise.resolve(fn(controller.signal));
    } catch (error) {
      work = Promise.reject(error);
    }
    work.then(
      (value) => {
        if (settled) return;
        finish();
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        finish();
        reject(error);
      },
    );
  });
}
