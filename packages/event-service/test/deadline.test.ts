/** The deadline helper: catalogue section L (77–89). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTROL_PLANE_DEADLINE_MS, SEND_DEADLINE_MS, withDeadline } from '../src/deadline';
import { RequestDeadlineError } from '../src/errors';
import { ManualClock } from './support/manual-clock';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function abortError() {
  return Object.assign(new Error('aborted'), { name: 'AbortError' });
}

describe('withDeadline', () => {
  it('L77: resolves with the value when fn finishes in time', async () => {
    await expect(withDeadline(100, async () => 42)).resolves.toBe(42);
  });

  it('L78: rejects with RequestDeadlineError "timed out after 100ms" when the deadline passes', async () => {
    const result = withDeadline(100, () => new Promise(() => {}));
    const assertion = expect(result).rejects.toThrow(/timed out after 100ms/);
    await vi.advanceTimersByTimeAsync(100);
    await assertion;
    await expect(result).rejects.toBeInstanceOf(RequestDeadlineError);
  });

  it('L79: fn receives a signal that is not aborted', async () => {
    let seen: AbortSignal | undefined;
    await withDeadline(100, async (signal) => {
      seen = signal;
    });
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen!.aborted).toBe(false);
  });

  it('L80: the timer is cleared after success: fn runs once and nothing rejects later', async () => {
    const fn = vi.fn(async () => 'ok');
    await expect(withDeadline(100, fn)).resolves.toBe('ok');
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('L81: a caller abort wins and rejects with the caller reason', async () => {
    const caller = new AbortController();
    const result = withDeadline(100, () => new Promise(() => {}), caller.signal);
    caller.abort('left the page');
    await expect(result).rejects.toBe('left the page');
  });

  it('L82: an already-aborted caller signal rejects at once without calling fn', async () => {
    const caller = new AbortController();
    caller.abort('gone');
    const fn = vi.fn(async () => 1);
    await expect(withDeadline(100, fn, caller.signal)).rejects.toBe('gone');
    expect(fn).not.toHaveBeenCalled();
  });

  it('L83: the caller abort listener is removed after settling', async () => {
    const caller = new AbortController();
    const remove = vi.spyOn(caller.signal, 'removeEventListener');
    await withDeadline(100, async () => 1, caller.signal);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('L84: without a caller signal no abort listener is added or removed', async () => {
    const add = vi.spyOn(AbortSignal.prototype, 'addEventListener');
    const remove = vi.spyOn(AbortSignal.prototype, 'removeEventListener');
    await withDeadline(100, async () => 1);
    expect(add).not.toHaveBeenCalledWith('abort', expect.anything());
    expect(remove).not.toHaveBeenCalledWith('abort', expect.anything());
  });

  it('L85: a generic AbortError from fn after the deadline still yields RequestDeadlineError', async () => {
    const result = withDeadline(100, (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortError()))));
    const assertion = expect(result).rejects.toBeInstanceOf(RequestDeadlineError);
    await vi.advanceTimersByTimeAsync(100);
    await assertion;
  });

  it('L86: a generic AbortError from fn after a caller abort still yields the caller reason', async () => {
    const caller = new AbortController();
    const result = withDeadline(
      100,
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortError()))),
      caller.signal,
    );
    caller.abort('mine');
    await expect(result).rejects.toBe('mine');
  });

  it('L87: clearTimeout is called even when the timer already fired', async () => {
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    const result = withDeadline(100, () => new Promise(() => {})).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    await result;
    expect(clear).toHaveBeenCalled();
  });

  it('L88: RequestDeadlineError is an Error named RequestDeadlineError with the milliseconds in its message', () => {
    const error = new RequestDeadlineError(250);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RequestDeadlineError');
    expect(error.message).toContain('250');
    expect(error.deadlineMs).toBe(250);
    expect(error.code).toBe('request_deadline');
  });

  it('L89: the constants are 15 000 and 30 000, and AbortSignal.timeout/any are never used', async () => {
    expect([CONTROL_PLANE_DEADLINE_MS, SEND_DEADLINE_MS]).toEqual([15_000, 30_000]);
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const any = vi.spyOn(AbortSignal, 'any');
    const caller = new AbortController();
    await withDeadline(100, async () => 1);
    await withDeadline(100, async () => 1, caller.signal);
    expect(timeout).not.toHaveBeenCalled();
    expect(any).not.toHaveBeenCalled();
  });

  it('runs on injected timers when given them', async () => {
    vi.useRealTimers();
    const clock = new ManualClock();
    const result = withDeadline(1_000, () => new Promise(() => {}), undefined, clock);
    expect(clock.pendingDelays()).toEqual([1_000]);
    const assertion = expect(result).rejects.toBeInstanceOf(RequestDeadlineError);
    await clock.advance(1_000);
    await assertion;
    expect(clock.pending()).toBe(0);
  });
});
