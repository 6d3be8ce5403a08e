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
  const onFirst = () => controller.abort(first.reason);
  const onSecond = () => controller.abort(second.reason);
  first.addEventListener('abort', onFirst, { once: true });
  second.addEventListener('abort', onSecond, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      first.removeEventListener('abort', onFirst);
      second.removeEventListener('abort', onSecond);
    },
  };
}
