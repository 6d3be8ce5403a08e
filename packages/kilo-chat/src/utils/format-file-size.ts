const UNITS = ['B', 'KB', 'MB', 'GB'] as const;
const STEP = 1024;

/**
 * A byte count for people, in base 1024: whole bytes below 1 KB (`"512 B"`),
 * otherwise at most two decimals with trailing zeros dropped (`"1.5 KB"`,
 * `"2 MB"`). GB is the largest unit. A value that would round up to 1024 of a
 * unit is shown in the next one (`"1 MB"`, not `"1024 KB"`). Negative or
 * non-finite input is shown as `"0 B"`.
 */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let unit = 0;
  let value = bytes;
  const rounded = (v: number, u: number): number => (u === 0 ? Math.round(v) : Math.round(v * 100) / 100);
  while (unit < UNITS.length - 1 && rounded(value, unit) >= STEP) {
    value /= STEP;
    unit++;
  }
  return `${rounded(value, unit)} ${UNITS[unit]}`;
}
