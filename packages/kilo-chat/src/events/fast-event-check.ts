// Hand-written checks for the event payloads a client receives most often.
//
// Running the zod schema costs close to a microsecond per `message.created`
// frame, more than the JSON.parse that produced the payload. These checks
// answer a narrower question, fast: "is this payload already exactly in schema
// shape, so that zod would accept it and return an equal value?" They may
// answer "don't know" (false) for anything unusual; the caller then runs zod,
// which stays the authority (it strips, trims and reports issues). A property
// test holds every check to its schema on random valid and invalid input.
//
// Only text content blocks are checked here. Actions and attachment blocks
// are rarer and would cost this module about a third more code in every app
// bundle, so a message carrying one goes to zod.
//
// The checks look at what JSON can carry: string keys of plain objects and the
// elements of plain arrays. Symbol-keyed properties and extra named
// properties on an array, which no frame can produce, are not looked at.
//
// Length limits compare UTF-16 code units (`.length`), as the schemas do
// (`maxCodeUnits` in primitives.ts), whatever the installed zod counts.
import { EMOJI_MAX_BYTES, MESSAGE_TEXT_MAX_CHARS, utf8ByteLength } from '../schemas/primitives.js';
import type { KiloChatEventName } from './kilo-chat-event-registry.js';

/**
 * @internal A fast check of one event's payload. `true` means the payload is
 * valid **and** the event schema's `safeParse(payload).data` would deep-equal
 * it, so the payload itself may be handed on. `false` means "not sure": run
 * the schema. Never throws.
 */
export type FastEventCheck = (payload: unknown) => boolean;

/** Crockford base-32 (either case) by char code; `1` marks an allowed character. */
const ULID_CHARS = new Uint8Array(128);
for (const c of '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz') ULID_CHARS[c.charCodeAt(0)] = 1;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * True for an object whose prototype is `Object.prototype`, as `JSON.parse`
 * makes them. zod accepts any non-array object (class instances,
 * null-prototype objects, proxies) but returns a plain copy, which would not
 * equal such an input.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * True when `value`'s own enumerable keys are exactly `keys` (in any order)
 * and nothing enumerable is inherited. zod strips unknown keys, so any extra
 * key would make its output differ from the input.
 */
function hasExactKeys(value: object, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in value) {
    // The server sends keys in schema order, so comparing with the key
    // expected at this position nearly always settles it without a search.
    if (!hasOwn.call(value, key) || (key !== keys[count] && !keys.includes(key))) return false;
    count++;
  }
  return count === keys.length;
}

/**
 * `ulidSchema`: 26 Crockford base-32 characters in either case, the first
 * `0`–`7`, as the pattern of the zod version we ship. (Older zod 4 releases
 * also accepted a first character above `7`; refusing those is still safe.)
 */
function isUlid(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 26) return false;
  const first = value.charCodeAt(0);
  if (first < 0x30 || first > 0x37) return false;
  for (let i = 1; i < 26; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || ULID_CHARS[code] === 0) return false;
  }
  return true;
}

/** `nonEmptyStringSchema`. */
function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** `nonNegativeIntegerSchema`: a safe integer ≥ 0. */
function isNonNegativeInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * `messageTextSchema`, limited to text its trim leaves unchanged: trimmed
 * text would reach the handler different from the frame.
 */
function isTrimmedMessageText(value: unknown): boolean {
  // Equal length means nothing was cut: trim only removes.
  return isNonEmptyString(value) && value.length <= MESSAGE_TEXT_MAX_CHARS && value.trim().length === value.length;
}

/** `emojiSchema`: 1–64 code units, at most 64 UTF-8 bytes, no C0/C1 control code unit. */
function isEmoji(value: unknown): boolean {
  if (!isNonEmptyString(value) || value.length > EMOJI_MAX_BYTES) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return utf8ByteLength(value) <= EMOJI_MAX_BYTES;
}

const TEXT_BLOCK_KEYS = ['type', 'text'];
const REPLY_SNAPSHOT_KEYS = ['messageId', 'senderId', 'deleted', 'previewText'];
const MESSAGE_CREATED_KEYS = ['messageId', 'senderId', 'content', 'inReplyToMessageId', 'replyTo', 'clientId'];
const MESSAGE_UPDATED_KEYS = ['messageId', 'content', 'clientUpdatedAt'];
const MESSAGE_ID_KEYS = ['messageId'];
const MEMBER_ID_KEYS = ['memberId'];
const REACTION_KEYS = ['messageId', 'operationId', 'memberId', 'emoji'];
const CONVERSATION_READ_KEYS = ['conversationId', 'memberId', 'lastReadAt'];
const CONVERSATION_ACTIVITY_KEYS = ['conversationId', 'lastActivityAt'];

/** `z.array(contentBlockSchema)` when every block is a text block. */
function isTextContent(value: unknown): boolean {
  // A subclass of Array would come back from zod as a plain array.
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
  for (let i = 0; i < value.length; i++) {
    const block: unknown = value[i];
    if (!isPlainObject(block) || block.type !== 'text' || !hasExactKeys(block, TEXT_BLOCK_KEYS)) return false;
    if (!isTrimmedMessageText(block.text)) return false;
  }
  return true;
}

/** `replyToMessageSnapshotSchema.nullable()`. */
function isReplySnapshotOrNull(value: unknown): boolean {
  if (value === null) return true;
  if (!isPlainObject(value) || !hasExactKeys(value, REPLY_SNAPSHOT_KEYS)) return false;
  const senderId = value.senderId;
  const previewText = value.previewText;
  return (
    isNonEmptyString(value.messageId) &&
    (senderId === null || isNonEmptyString(senderId)) &&
    typeof value.deleted === 'boolean' &&
    (previewText === null || typeof previewText === 'string')
  );
}

function checkMessageCreated(payload: unknown): boolean {
  if (!isPlainObject(payload) || !hasExactKeys(payload, MESSAGE_CREATED_KEYS)) return false;
  const inReplyTo = payload.inReplyToMessageId;
  const clientId = payload.clientId;
  return (
    isUlid(payload.messageId) &&
    isNonEmptyString(payload.senderId) &&
    (inReplyTo === null || isUlid(inReplyTo)) &&
    (clientId === null || isUlid(clientId)) &&
    isReplySnapshotOrNull(payload.replyTo) &&
    isTextContent(payload.content)
  );
}

function checkMessageUpdated(payload: unknown): boolean {
  if (!isPlainObject(payload) || !hasExactKeys(payload, MESSAGE_UPDATED_KEYS)) return false;
  const clientUpdatedAt = payload.clientUpdatedAt;
  return (
    isUlid(payload.messageId) &&
    (clientUpdatedAt === null || isNonNegativeInteger(clientUpdatedAt)) &&
    isTextContent(payload.content)
  );
}

/** `{ messageId }`: `message.deleted`, `message.delivery_failed`, `message.redelivered`. */
function checkMessageId(payload: unknown): boolean {
  return isPlainObject(payload) && hasExactKeys(payload, MESSAGE_ID_KEYS) && isUlid(payload.messageId);
}

/** `{ memberId }`: `typing`, `typing.stop`. */
function checkMemberId(payload: unknown): boolean {
  return isPlainObject(payload) && hasExactKeys(payload, MEMBER_ID_KEYS) && isNonEmptyString(payload.memberId);
}

/** `reaction.added`, `reaction.removed`. */
function checkReaction(payload: unknown): boolean {
  return (
    isPlainObject(payload) &&
    hasExactKeys(payload, REACTION_KEYS) &&
    isUlid(payload.messageId) &&
    isUlid(payload.operationId) &&
    isNonEmptyString(payload.memberId) &&
    isEmoji(payload.emoji)
  );
}

function checkConversationRead(payload: unknown): boolean {
  return (
    isPlainObject(payload) &&
    hasExactKeys(payload, CONVERSATION_READ_KEYS) &&
    isUlid(payload.conversationId) &&
    isNonEmptyString(payload.memberId) &&
    isNonNegativeInteger(payload.lastReadAt)
  );
}

function checkConversationActivity(payload: unknown): boolean {
  return (
    isPlainObject(payload) &&
    hasExactKeys(payload, CONVERSATION_ACTIVITY_KEYS) &&
    isUlid(payload.conversationId) &&
    isNonNegativeInteger(payload.lastActivityAt)
  );
}

/**
 * Makes `check` answer "not sure" instead of throwing: a getter or proxy trap
 * that throws is left for zod and its caller to deal with, as before.
 */
function neverThrowing(check: FastEventCheck): FastEventCheck {
  return (payload) => {
    try {
      return check(payload);
    } catch {
      return false;
    }
  };
}

// Events without an entry (rare ones, or ones whose schema transforms or
// refines in ways not worth copying) always go to zod. Each check is guarded
// once, here, so a lookup hands out the same function every time.
const FAST_EVENT_CHECKS = new Map<string, FastEventCheck>(
  Object.entries({
    'message.created': checkMessageCreated,
    'message.updated': checkMessageUpdated,
    'message.deleted': checkMessageId,
    'message.delivery_failed': checkMessageId,
    'message.redelivered': checkMessageId,
    typing: checkMemberId,
    'typing.stop': checkMemberId,
    'reaction.added': checkReaction,
    'reaction.removed': checkReaction,
    'conversation.read': checkConversationRead,
    'conversation.activity': checkConversationActivity,
  } satisfies Partial<Record<KiloChatEventName, FastEventCheck>>).map(([name, check]) => [name, neverThrowing(check)]),
);

/**
 * @internal The fast check of event `name`'s payload, or `undefined` when the
 * event has none (its payloads always go through zod). Look it up once per
 * subscription, not per frame.
 */
export function fastEventCheck(name: KiloChatEventName): FastEventCheck | undefined {
  return FAST_EVENT_CHECKS.get(name);
}
