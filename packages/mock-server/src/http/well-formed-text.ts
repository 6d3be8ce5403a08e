/** A UTF-16 surrogate code unit without its partner. */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `value` with every lone surrogate replaced by U+FFFD, as a Worker's
 * `TextEncoder` (and SQLite's UTF-8 storage behind a Durable Object) does
 * when the real service stores a string. Everything else, NUL and other
 * control characters included, is kept. The length in code units does not
 * change, and neither does the UTF-8 byte count (both are 3 bytes).
 */
export function toWellFormedText(value: string): string {
  return value.replace(LONE_SURROGATE_RE, '\uFFFD');
}

/**
 * A `JSON.parse` reviver applying {@link toWellFormedText} to every string
 * value, so what the mock stores, answers and pushes never holds a lone
 * surrogate.
 */
export function wellFormedStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? toWellFormedText(value) : value;
}
