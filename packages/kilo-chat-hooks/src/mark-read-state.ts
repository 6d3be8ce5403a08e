/**
 * The mark-read state machine: which read marker already succeeded, which is
 * in flight, and the retry of a failed one. Plain objects and functions, no
 * React; `useMarkConversationReadWhenSeen` runs it for a view.
 *
 * A *marker* is any string naming "this conversation up to this message";
 * the hooks use `<conversationId>:<latestMessageId>`.
 */

/** What was marked: the last marker that succeeded and the one in flight. */
export interface MarkReadState {
  /** The last marker whose mark-read succeeded, or null. */
  lastSucceededMarker: string | null;
  /** The marker whose mark-read is in flight, or null. */
  inFlightMarker: string | null;
}

/** A fresh {@link MarkReadState}: nothing succeeded, nothing in flight. */
export function createMarkReadState(): MarkReadState {
  return { lastSucceededMarker: null, inFlightMarker: null };
}

/** False when `marker` already succeeded or is in flight (so no second request goes out). */
export function shouldStartMarkReadAttempt(state: MarkReadState, marker: string): boolean {
  return state.lastSucceededMarker !== marker && state.inFlightMarker !== marker;
}

/** Records `marker` as in flight. */
export function startMarkReadAttempt(state: MarkReadState, marker: string): void {
  state.inFlightMarker = marker;
}

/** Records that `marker` succeeded. */
export function succeedMarkReadAttempt(state: MarkReadState, marker: string): void {
  state.lastSucceededMarker = marker;
}

/** Clears the in-flight marker, only if it is still `marker`. */
export function finishMarkReadAttempt(state: MarkReadState, marker: string): void {
  if (state.inFlightMarker === marker) state.inFlightMarker = null;
}

/** Retries after a failed mark-read, per marker: 3. */
export const MARK_READ_RETRY_LIMIT = 3;

/** Base retry delay in milliseconds: 250. The n-th retry waits `250 · n` ms (250, 500, 750). */
export const MARK_READ_RETRY_DELAY_MS = 250;

/** The retry of one marker: how many retries were scheduled for it, and the pending timer. */
export interface MarkReadRetryState {
  /** The marker being retried, or null. */
  marker: string | null;
  /** Retries scheduled for `marker` so far. */
  attempts: number;
  /** The pending retry timer, or null. */
  timer: ReturnType<typeof setTimeout> | null;
}

/** A fresh {@link MarkReadRetryState}. */
export function createMarkReadRetryState(): MarkReadRetryState {
  return { marker: null, attempts: 0, timer: null };
}

/** Cancels any pending retry and forgets the marker and its count. */
export function clearMarkReadRetry(state: MarkReadRetryState): void {
  if (state.timer !== null) clearTimeout(state.timer);
  state.timer = null;
  state.marker = null;
  state.attempts = 0;
}

/** What {@link scheduleMarkReadRetry} needs to know about the view when the timer fires. */
export interface ScheduleMarkReadRetryOptions {
  /** The marker that failed. */
  marker: string;
  /** The view's marker now (null when it has none). */
  currentMarker: () => string | null;
  /** Whether the view is active (visible / focused) now. */
  isActive: () => boolean;
  /** The last marker that succeeded now. */
  lastSucceededMarker: () => string | null;
  /** Runs the retry. */
  retry: () => void;
}

/**
 * Schedules the next retry of a failed marker, with linear backoff (250,
 * 500, 750 ms), at most {@link MARK_READ_RETRY_LIMIT} times per marker.
 * A marker that already succeeded clears the retry state; a new marker
 * restarts the count; a pending timer is replaced. When the timer fires it
 * retries only if the retry state still targets this marker, the view's
 * current marker is still this marker, the view is active, and the marker
 * has not succeeded meanwhile.
 */
export function scheduleMarkReadRetry(state: MarkReadRetryState, options: ScheduleMarkReadRetryOptions): void {
  const { marker } = options;
  if (options.lastSucceededMarker() === marker) {
    clearMarkReadRetry(state);
    return;
  }
  if (state.marker !== marker) {
    state.marker = marker;
    state.attempts = 0;
  }
  if (state.timer !== null) {
    clearTimeout(state.timer);
    state.timer = null;
  }
  if (state.attempts >= MARK_READ_RETRY_LIMIT) return;
  state.attempts += 1;
  state.timer = setTimeout(() => {
    state.timer = null;
    if (state.marker !== marker) return;
    if (options.currentMarker() !== marker) return;
    if (!options.isActive()) return;
    if (options.lastSucceededMarker() === marker) return;
    options.retry();
  }, MARK_READ_RETRY_DELAY_MS * state.attempts);
}

/** What {@link attemptMarkCurrentConversationRead} runs. */
export interface AttemptMarkCurrentConversationReadOptions {
  /** The marker to mark. */
  marker: string;
  /** The view's success / in-flight state. */
  markReadState: MarkReadState;
  /** The view's retry state. */
  retryState: MarkReadRetryState;
  /** The view's marker now. */
  currentMarker: () => string | null;
  /** Whether the view is active now. */
  isActive: () => boolean;
  /** Sends the mark-read; rejects on failure. */
  markRead: () => Promise<unknown>;
  /** Runs a new attempt (called by the retry timer). */
  retry: () => void;
}

/**
 * One mark-read attempt: skipped when the marker already succeeded or is in
 * flight; otherwise marks it in flight, awaits `markRead()`, records success
 * and clears this marker's retry state (a newer marker's retry is kept), or — on failure, which is swallowed — schedules
 * a retry with {@link scheduleMarkReadRetry}. Never rejects.
 */
export async function attemptMarkCurrentConversationRead(options: AttemptMarkCurrentConversationReadOptions): Promise<void> {
  const { marker, markReadState, retryState } = options;
  if (!shouldStartMarkReadAttempt(markReadState, marker)) return;
  startMarkReadAttempt(markReadState, marker);
  try {
    await options.markRead();
    succeedMarkReadAttempt(markReadState, marker);
    // A newer marker's pending retry is not ours to cancel.
    if (retryState.marker === null || retryState.marker === marker) clearMarkReadRetry(retryState);
  } catch {
    // Swallowed: the retry below (or the next marker) recovers.
  } finally {
    finishMarkReadAttempt(markReadState, marker);
    if (markReadState.lastSucceededMarker !== marker) {
      scheduleMarkReadRetry(retryState, {
        marker,
        currentMarker: options.currentMarker,
        isActive: options.isActive,
        lastSucceededMarker: () => markReadState.lastSucceededMarker,
        retry: options.retry,
      });
    }
  }
}
