import { decodeTime } from 'ulid';

/**
 * The time part of a ULID, in Unix milliseconds. For a message id this is its
 * send time; read markers and activity times are derived the same way.
 *
 * @throws an `Error` from the `ulid` package when `ulid` is not a valid ULID.
 */
export function ulidToTimestamp(ulid: string): number {
  return decodeTime(ulid);
}
