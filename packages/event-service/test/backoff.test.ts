import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../src/backoff';

describe('backoffDelay (full jitter)', () => {
  it('defaults to a 1 s base, 30 s cap and 10 s stability window', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 1_000, maxMs: 30_000, stableAfterMs: 10_000 });
  });

  it('is an integer in [0, min(cap, base·2^n)) for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 120_000 }),
        (attempt, r, baseMs, maxMs) => {
          const delay = backoffDelay(attempt, { baseMs, maxMs }, () => r);
          const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 31));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.max(ceiling, 1));
        },
      ),
    );
  });

  it('spreads over the whole window (full jitter, not half)', () => {
    expect(backoffDelay(0, {}, () => 0)).toBe(0);
    expect(backoffDelay(2, {}, () => 0.5)).toBe(2_000);
    expect(backoffDelay(50, {}, () => 0.5)).toBe(15_000);
  });

  it('tolerates a random source that strays outside [0, 1)', () => {
    expect(backoffDelay(0, {}, () => -1)).toBe(0);
    expect(backoffDelay(0, {}, () => 7)).toBe(1_000);
  });
});
