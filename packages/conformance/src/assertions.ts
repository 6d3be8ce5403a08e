import { isDeepStrictEqual, inspect } from 'node:util';
import { KiloChatApiError } from '@kilocode/kilo-chat';
import { ConformanceError } from './conformance-error.js';

const show = (value: unknown) => inspect(value, { depth: 6, breakLength: Infinity });

/** Fails the scenario with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceError('assertion_failed', message);
}

/** Fails unless `actual` and `expected` are deeply equal. */
export function checkEqual<T>(actual: unknown, expected: T, what: string): asserts actual is T {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new ConformanceError('assertion_failed', `${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/**
 * Awaits `promise` and fails unless it rejects with a `KiloChatApiError` of
 * `status` (and, when given, an `error` string equal to `error`). Returns the
 * error for further checks.
 */
export async function checkApiError(
  promise: Promise<unknown>,
  status: number,
  what: string,
  error?: string,
): Promise<KiloChatApiError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (thrown) {
    if (!(thrown instanceof KiloChatApiError)) {
      throw new ConformanceError('assertion_failed', `${what}: expected HTTP ${status}, got ${String(thrown)}`);
    }
    if (thrown.status !== status) {
      throw new ConformanceError('assertion_failed', `${what}: expected HTTP ${status}, got ${thrown.status} ${show(thrown.body)}`);
    }
    if (error !== undefined) {
      const body = thrown.body as { error?: unknown } | null;
      checkEqual(body?.error, error, `${what}: error body`);
    }
    return thrown;
  }
  throw new ConformanceError('assertion_failed', `${what}: expected HTTP ${status}, but it succeeded with ${show(outcome)}`);
}

/** A ULID as the services emit it: 26 Crockford base-32 characters, upper case. */
export function checkUlid(value: unknown, what: string): asserts value is string {
  check(typeof value === 'string' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value), `${what}: expected an upper-case ULID, got ${show(value)}`);
}
