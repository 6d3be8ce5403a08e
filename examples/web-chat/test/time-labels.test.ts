import { describe, expect, it } from 'vitest';
import { listTimeLabel, messageTimeLabel } from '../src/components/time-labels';

// Local times, so the test holds in any time zone.
const now = new Date(2026, 11, 3, 15, 30);
const hour = (d: Date) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(d);

describe('time labels', () => {
  it('today: the hour only', () => {
    const t = new Date(2026, 11, 3, 9, 5);
    expect(listTimeLabel(t.getTime(), now)).toBe(hour(t));
    expect(messageTimeLabel(t.getTime(), now)).toBe(hour(t));
  });

  it('earlier this year: the day without a year', () => {
    const t = new Date(2026, 2, 3, 9, 5);
    expect(listTimeLabel(t.getTime(), now)).not.toMatch(/2026/);
    expect(listTimeLabel(t.getTime(), now)).toMatch(/3/);
    expect(messageTimeLabel(t.getTime(), now)).toBe(`${listTimeLabel(t.getTime(), now)}, ${hour(t)}`);
  });

  it('another year (the demo data): the day with its year, so "Jan 1" is not read as this year', () => {
    const t = new Date(2025, 0, 1, 0, 1);
    expect(listTimeLabel(t.getTime(), now)).toMatch(/2025/);
    expect(messageTimeLabel(t.getTime(), now)).toMatch(/2025.*\d\d:\d\d|\d\d:\d\d.*2025/);
  });

  it('no time: an empty label', () => {
    expect(listTimeLabel(null, now)).toBe('');
  });
});
