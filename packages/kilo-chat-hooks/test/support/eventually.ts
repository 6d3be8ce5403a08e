import { waitFor } from '@testing-library/react';

/**
 * Waits until `predicate` holds, re-checking every 5 ms inside Testing
 * Library's `waitFor`, so React updates are flushed on React 18 as well as 19
 * (polling `result.current` inside one `act` scope sees nothing on React 18,
 * which flushes only when the scope ends).
 */
export function eventually(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  return waitFor(
    () => {
      if (!predicate()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 5 },
  );
}
