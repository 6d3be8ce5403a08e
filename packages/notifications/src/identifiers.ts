import { SANDBOX_ID_PATTERN } from '@kilocode/event-service';
import { NotificationsError } from './notifications-error.js';

/**
 * Conversation ids this package accepts: 1–128 visible ASCII characters with
 * no `:` (the bucket separator) and no `/` (the context separator). Every
 * ULID matches, and so does any other opaque id that cannot be confused
 * with a bucket or context boundary.
 */
export const CONVERSATION_ID_PATTERN = /^[\x21-\x2E\x30-\x39\x3B-\x7E]{1,128}$/;

/**
 * Message ids this package accepts in idempotency keys: 1–128 visible ASCII
 * characters with no `:`. Every ULID matches.
 */
export const MESSAGE_ID_PATTERN = /^[\x21-\x39\x3B-\x7E]{1,128}$/;

// Any C0/C1 control character; user ids are opaque but must stay printable.
const CONTROL_CHARACTER = /\p{Cc}/u;

/** True when `value` is a sandbox id (1–64 of `A-Z a-z 0-9 _ -`), the grammar of `@kilocode/event-service`. */
export function isValidSandboxId(value: unknown): value is string {
  return typeof value === 'string' && SANDBOX_ID_PATTERN.test(value);
}

/** True when `value` matches {@link CONVERSATION_ID_PATTERN}. */
export function isValidConversationId(value: unknown): value is string {
  return typeof value === 'string' && CONVERSATION_ID_PATTERN.test(value);
}

/** @internal */
export function isValidMessageId(value: unknown): value is string {
  return typeof value === 'string' && MESSAGE_ID_PATTERN.test(value);
}

/** @internal */
export function isValidUserId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && !CONTROL_CHARACTER.test(value);
}

/** @internal Throws `invalid_sandbox_id` unless the id is valid. */
export function assertSandboxId(sandboxId: unknown): asserts sandboxId is string {
  if (!isValidSandboxId(sandboxId)) {
    throw new NotificationsError(
      'invalid_sandbox_id',
      'Invalid sandboxId: expected 1-64 characters of A-Z, a-z, 0-9, _ or -',
    );
  }
}

/** @internal Throws `invalid_conversation_id` unless the id is valid. */
export function assertConversationId(conversationId: unknown): asserts conversationId is string {
  if (!isValidConversationId(conversationId)) {
    throw new NotificationsError(
      'invalid_conversation_id',
      'Invalid conversationId: expected 1-128 visible ASCII characters without ":" or "/"',
    );
  }
}

/** @internal Throws `invalid_message_id` unless the id is valid. */
export function assertMessageId(messageId: unknown): asserts messageId is string {
  if (!isValidMessageId(messageId)) {
    throw new NotificationsError(
      'invalid_message_id',
      'Invalid messageId: expected 1-128 visible ASCII characters without ":"',
    );
  }
}

/** @internal Throws `invalid_user_id` unless the id is valid. */
export function assertUserId(userId: unknown): asserts userId is string {
  if (!isValidUserId(userId)) {
    throw new NotificationsError('invalid_user_id', 'Invalid userId: expected a non-empty string without control characters');
  }
}
