import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MARK_READ_RETRY_DELAY_MS,
  MARK_READ_RETRY_LIMIT,
  attemptMarkCurrentConversationRead,
  clearMarkReadRetry,
  createMarkReadRetryState,
  createMarkReadState,
  finishMarkReadAttempt,
  scheduleMarkReadRetry,
  shouldStartMarkReadAttempt,
  startMarkReadAttempt,
  succeedMarkReadAttempt,
  type MarkReadRetryState,
  type MarkReadState,
} from '../src/index';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A view with a current marker and an active flag, running attempts like the hooks do. */
function view(options: { marker: string; markRead: () => Promise<unknown> }) {
  const state: { marker: string | null; active: boolean; markReadState: MarkReadState; retryState: MarkReadRetryState } = {
    marker: options.marker,
    active: true,
    markReadState: createMarkReadState(),
    retryState: createMarkReadRetryState(),
  };
  const attempt = (): Promise<void> =>
    attemptMarkCurrentConversationRead({
      marker: options.marker,
      markReadState: state.markReadState,
      retryState: state.retryState,
      currentMarker: () => state.marker,
      isActive: () => state.active,
      markRead: options.markRead,
      retry: () => void attempt(),
    });
  return { state, attempt };
}

describe('mark-read markers', () => {
  it('constants: 3 retries, 250 ms base delay', () => {
    expect(MARK_READ_RETRY_LIMIT).toBe(3);
    expect(MARK_READ_RETRY_DELAY_MS).toBe(250);
  });

  it('F75: a marker already succeeded or in flight is not re-attempted', async () => {
    const state = createMarkReadState();
    expect(shouldStartMarkReadAttempt(state, 'c:1')).toBe(true);
    startMarkReadAttempt(state, 'c:1');
    expect(shouldStartMarkReadAttempt(state, 'c:1')).toBe(false);
    expect(shouldStartMarkReadAttempt(state, 'c:2')).toBe(true);
    finishMarkReadAttempt(state, 'c:2');
    expect(state.inFlightMarker).toBe('c:1');
    succeedMarkReadAttempt(state, 'c:1');
    finishMarkReadAttempt(state, 'c:1');
    expect(state).toEqual({ lastSucceededMarker: 'c:1', inFlightMarker: null });
    expect(shouldStartMarkReadAttempt(state, 'c:1')).toBe(false);

    let resolve!: () => void;
    const markRead = vi.fn(() => new Promise<void>((r) => (resolve = r)));
    const { attempt } = view({ marker: 'c:9', markRead });
    const first = attempt();
    await attempt(); // in flight: skipped
    expect(markRead).toHaveBeenCalledTimes(1);
    resolve();
    await first;
    await attempt(); // succeeded: skipped
    expect(markRead).toHaveBeenCalledTimes(1);
  });
});

describe('mark-read retries (fake timers)', () => {
  it('F72: a rejected first attempt is retried after 250 ms for the same active marker', async () => {
    const markRead = vi.fn().mockRejectedValueOnce(new Error('503')).mockResolvedValue({ ok: true });
    const { state, attempt } = view({ marker: 'c:1', markRead });
    await attempt();
    expect(markRead).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(249);
    expect(markRead).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(markRead).toHaveBeenCalledTimes(2);
    expect(state.markReadState.lastSucceededMarker).toBe('c:1');
    expect(state.retryState).toEqual({ marker: null, attempts: 0, timer: null });
  });

  it('F73: a marker that keeps failing is retried at most 3 times, after 250, 500 and 750 ms', async () => {
    const markRead = vi.fn().mockRejectedValue(new Error('down'));
    const { attempt } = view({ marker: 'c:1', markRead });
    await attempt();
    const calls = () => markRead.mock.calls.length;
    await vi.advanceTimersByTimeAsync(250);
    expect(calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(749);
    expect(calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls()).toBe(4);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls()).toBe(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('F74: no retry fires once the view marker changed', async () => {
    const markRead = vi.fn().mockRejectedValue(new Error('down'));
    const { state, attempt } = view({ marker: 'c:1', markRead });
    await attempt();
    state.marker = 'c:2';
    await vi.advanceTimersByTimeAsync(5_000);
    expect(markRead).toHaveBeenCalledTimes(1);
  });

  it('F74: no retry fires once the view became inactive', async () => {
    const markRead = vi.fn().mockRejectedValue(new Error('down'));
    const { state, attempt } = view({ marker: 'c:1', markRead });
    await attempt();
    state.active = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(markRead).toHaveBeenCalledTimes(1);
  });

  it('scheduling: a succeeded marker clears the retry state, a new marker restarts the count, a pending timer is replaced', () => {
    const retryState = createMarkReadRetryState();
    const retry = vi.fn();
    const base = { currentMarker: () => 'c:1', isActive: () => true, retry };
    scheduleMarkReadRetry(retryState, { ...base, marker: 'c:1', lastSucceededMarker: () => null });
    scheduleMarkReadRetry(retryState, { ...base, marker: 'c:1', lastSucceededMarker: () => null });
    expect(retryState.attempts).toBe(2);
    expect(vi.getTimerCount()).toBe(1);
    scheduleMarkReadRetry(retryState, { ...base, marker: 'c:2', lastSucceededMarker: () => null });
    expect(retryState).toMatchObject({ marker: 'c:2', attempts: 1 });
    scheduleMarkReadRetry(retryState, { ...base, marker: 'c:2', lastSucceededMarker: () => 'c:2' });
    expect(retryState).toEqual({ marker: null, attempts: 0, timer: null });
    expect(vi.getTimerCount()).toBe(0);
    scheduleMarkReadRetry(retryState, { ...base, marker: 'c:1', lastSucceededMarker: () => null });
    clearMarkReadRetry(retryState);
    vi.advanceTimersByTime(10_000);
    expect(retry).not.toHaveBeenCalled();
  });

  it("the success of an older marker does not cancel a newer marker's pending retry", async () => {
    let resolveOld!: () => void;
    const state = createMarkReadState();
    const retryState = createMarkReadRetryState();
    let current = 'c:1';
    const retried: string[] = [];
    const run = (marker: string, markRead: () => Promise<unknown>) =>
      attemptMarkCurrentConversationRead({
        marker,
        markReadState: state,
        retryState,
        currentMarker: () => current,
        isActive: () => true,
        markRead,
        retry: () => retried.push(marker),
      });
    const old = run('c:1', () => new Promise<void>((r) => (resolveOld = r)));
    current = 'c:2';
    await run('c:2', () => Promise.reject(new Error('down')));
    resolveOld();
    await old;
    await vi.advanceTimersByTimeAsync(250);
    expect(retried).toEqual(['c:2']);
  });
});
