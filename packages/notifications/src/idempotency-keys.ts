import { assertMessageId, assertUserId, isValidMessageId, isValidUserId } from './identifiers.js';

/** The dedupe key of one chat push to one recipient: `chat:<messageId>:<userId>`. */
export type ChatIdempotencyKey<M extends string = string, U extends string = string> = `chat:${M}:${U}`;

/**
 * What {@link parseIdempotencyKey} found: a chat push key with its parts, or
 * `unknown` for any other producer's key (low balance, security, spend alerts…)
 * and for malformed keys.
 */
export type ParsedIdempotencyKey =
  | { kind: 'chat'; messageId: string; userId: string }
  | { kind: 'unknown'; idempotencyKey: string };

/**
 * The idempotency key of a chat push: one per message and recipient, so a
 * retried fan-out never pushes the same message to the same user twice.
 * The message id may not contain `:`; the user id is everything after the
 * second `:` and may contain anything printable.
 *
 * @throws NotificationsError `invalid_message_id` or `invalid_user_id`.
 */
export function chatIdempotencyKey<M extends string, U extends string>(messageId: M, userId: U): ChatIdempotencyKey<M, U> {
  assertMessageId(messageId);
  assertUserId(userId);
  return `chat:${messageId}:${userId}`;
}

/** Splits an idempotency key. Never throws; keys it cannot read are `unknown`. */
export function parseIdempotencyKey(idempotencyKey: string): ParsedIdempotencyKey {
  const unknown: ParsedIdempotencyKey = { kind: 'unknown', idempotencyKey };
  if (typeof idempotencyKey !== 'string' || !idempotencyKey.startsWith('chat:')) return unknown;
  const rest = idempotencyKey.slice('chat:'.length);
  const separator = rest.indexOf(':');
  if (separator < 0) return unknown;
  const messageId = rest.slice(0, separator);
  const userId = rest.slice(separator + 1);
  return isValidMessageId(messageId) && isValidUserId(userId) ? { kind: 'chat', messageId, userId } : unknown;
}
