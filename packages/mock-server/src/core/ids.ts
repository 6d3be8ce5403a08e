import { createHash } from 'node:crypto';
import { decodeTime, encodeTime, incrementBase32, ulid } from 'ulid';
import type { Clock } from './clock.js';

const ULID_RE = /^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A source of strictly increasing ULIDs whose time part follows a clock. Call
 * it for the next id; {@link IdFactory.advance} moves its position past an id
 * issued earlier (replay after a restart), so the next id sorts after it.
 */
export interface IdFactory {
  /** The next id: greater than every id issued or advanced past. */
  (): string;
  /** Makes the next id sort after `id` (no-op when the factory is already past it). */
  advance(id: string): void;
  /** The greatest id issued or advanced past, or null. */
  readonly last: string | null;
}

/**
 * A monotonic ULID factory, as each conversation of the real service has:
 * ids increase strictly in call order, even within one millisecond or when
 * the clock is behind the last id (the random part is then incremented).
 */
export function createMonotonicIds(clock: Clock): IdFactory {
  let last: string | null = null;
  const next = (() => {
    const now = clock.now();
    if (last === null || now > decodeTime(last)) {
      last = ulid(now);
    } else {
      last = last.slice(0, 10) + incrementBase32(last.slice(10));
    }
    return last;
  }) as IdFactory;
  next.advance = (id: string) => {
    const canonical = id.toUpperCase();
    if (last === null || canonical > last) last = canonical;
  };
  Object.defineProperty(next, 'last', { get: () => last });
  return next;
}

/** A fresh, non-monotonic ULID at the clock's time (conversation ids). */
export function newUlid(clock: Clock): string {
  return ulid(clock.now());
}

/**
 * A ULID that is the same on every call with the same arguments: the time
 * part encodes `timeMs`, the random part is derived from a SHA-256 of
 * `label`. The demo seed uses it so its ids are stable across starts.
 */
export function deterministicUlid(timeMs: number, label: string): string {
  const digest = createHash('sha256').update(label).digest();
  let random = '';
  for (let i = 0; i < 16; i += 1) random += CROCKFORD[(digest[i] as number) & 31];
  return encodeTime(timeMs, 10) + random;
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
