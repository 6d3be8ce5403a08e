import { decodeTime, monotonicFactory, ulid } from 'ulid';
import type { Clock } from './clock.js';

const ULID_RE = /^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$/;

/** A source of strictly increasing ULIDs whose time part follows `clock`. */
export type IdFactory = () => string;

/**
 * A monotonic ULID factory, as each conversation of the real service has:
 * ids increase strictly in call order, even within one millisecond.
 */
export function createMonotonicIds(clock: Clock): IdFactory {
  const next = monotonicFactory();
  return () => next(clock.now());
}

/** A fresh, non-monotonic ULID at the clock's time (conversation ids). */
export function newUlid(clock: Clock): string {
  return ulid(clock.now());
}

/** True for 26 Crockford base-32 characters, either case (the zod `.ulid()` rule). */
export function isUlidString(value: unknown): value is string {
  return typeof value === 'string' && ULID_RE.test(value);
}

/** Canonical (uppercase) form of a ULID, so ids sent in lowercase still match stored ones. */
export function canonicalUlid(value: string): string {
  return value.toUpperCase();
}

/**
 * The Unix-ms time inside a ULID. Returns 0 for a string whose time part is
 * out of range, which zod's `.ulid()` still accepts.
 */
export function ulidTime(id: string): number {
  try {
    return decodeTime(id.toUpperCase());
  } catch {
    return 0;
  }
}
