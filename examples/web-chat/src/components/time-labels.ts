/**
 * How the app writes a time: the hour for today, the day for this year, and
 * the day with its year for anything older (the demo data is dated
 * 2025-01-01, and "Jan 1" alone would read as this year's).
 *
 * Formatters are made once: `toLocale…String` with options builds a new one
 * per call, which costs more than a message row.
 */
const HOUR = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const DAY_OF_YEAR = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

function sameDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString();
}

function dayLabel(date: Date, now: Date): string {
  return (date.getFullYear() === now.getFullYear() ? DAY : DAY_OF_YEAR).format(date);
}

/** A conversation row's time (Unix ms): `14:05` today, `Mar 3` this year, `Jan 1, 2025` before. Empty for null. */
export function listTimeLabel(ms: number | null, now: Date = new Date()): string {
  if (ms === null) return '';
  const date = new Date(ms);
  return sameDay(date, now) ? HOUR.format(date) : dayLabel(date, now);
}

/** A message's time (Unix ms): `14:05` today, else the day before it: `Mar 3, 14:05`, `Jan 1, 2025, 14:05`. */
export function messageTimeLabel(ms: number, now: Date = new Date()): string {
  const date = new Date(ms);
  return sameDay(date, now) ? HOUR.format(date) : `${dayLabel(date, now)}, ${HOUR.format(date)}`;
}
