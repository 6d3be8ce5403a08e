import { onAbort } from '@kilocode/event-service';

/**
 * @internal Combines up to two abort signals into one without
 * `AbortSignal.any` (absent on Hermes and older runtimes).
 *
 * Returns the combined signal and a `release` that removes the listeners it
 * added; call it once the work is done so long-lived signals (a client's
 * lifetime signal) do not collect listeners.
 */
export function linkSignals(
  first: AbortSignal | undefined,
  second: AbortSignal | undefined,
): { signal: AbortSignal | undefined; release: () => void } {
  if (first === undefined) return { signal: second, release: () => {} };
  if (second === undefined) return { signal: first, release: () => {} };
  const controller = new AbortController();
  if (first.aborted || second.aborted) {
    controller.abort(first.aborted ? first.reason : second.reason);
    return { signal: controller.signal, release: () => {} };
  }
  // One shared listener per parent signal, fanning out to every linked child,
  // so 1,000 calls in flight add no listeners to the client's lifetime signal.
  const offFirst = onAbort(first, () => controller.abort(first.reason));
  const offSecond = onAbort(second, () => controller.abort(second.reason));
  return {
    signal: controller.signal,
    release: () => {
      offFirst();
      offSecond();
    },
  };
}
