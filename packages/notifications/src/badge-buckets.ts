import { assertConversationId, assertSandboxId, isValidConversationId, isValidSandboxId } from './identifiers.js';

/** The namespace every Kilo Chat badge bucket starts with. */
export const KILOCLAW_BADGE_NAMESPACE = 'kiloclaw';

/**
 * The full grammar of the badge buckets this package builds:
 * `kiloclaw:<sandboxId>` or `kiloclaw:<sandboxId>:<conversationId>`.
 * It is the pattern `badgeBucketSchema` enforces.
 */
export const BADGE_BUCKET_PATTERN = /^kiloclaw:[A-Za-z0-9_-]{1,64}(?::[\x21-\x2E\x30-\x39\x3B-\x7E]{1,128})?$/;

/** The bucket counting unread pushes for a whole instance: `kiloclaw:<sandboxId>`. */
export type InstanceBadgeBucket<S extends string = string> = `kiloclaw:${S}`;

/** The bucket counting unread pushes for one conversation: `kiloclaw:<sandboxId>:<conversationId>`. */
export type ConversationBadgeBucket<S extends string = string, C extends string = string> = `kiloclaw:${S}:${C}`;

/**
 * What {@link parseBadgeBucket} found. A bucket from another namespace, or one
 * that breaks the grammar, is `unknown` rather than an error, so an app can
 * keep counting it without understanding it.
 */
export type ParsedBadgeBucket =
  | { kind: 'kiloclaw-instance'; sandboxId: string }
  | { kind: 'kiloclaw-conversation'; sandboxId: string; conversationId: string }
  | { kind: 'unknown'; badgeBucket: string };

/**
 * The badge bucket a chat push for this conversation increments.
 *
 * @throws NotificationsError `invalid_sandbox_id` or `invalid_conversation_id`.
 */
export function badgeBucketForConversation<S extends string, C extends string>(
  sandboxId: S,
  conversationId: C,
): ConversationBadgeBucket<S, C> {
  assertSandboxId(sandboxId);
  assertConversationId(conversationId);
  return `${KILOCLAW_BADGE_NAMESPACE}:${sandboxId}:${conversationId}`;
}

/**
 * The instance-wide badge bucket of a sandbox.
 *
 * @throws NotificationsError `invalid_sandbox_id`.
 */
export function badgeBucketForInstance<S extends string>(sandboxId: S): InstanceBadgeBucket<S> {
  assertSandboxId(sandboxId);
  return `${KILOCLAW_BADGE_NAMESPACE}:${sandboxId}`;
}

/**
 * Splits a badge bucket into its parts. Never throws: anything that is not a
 * well-formed `kiloclaw` bucket comes back as `{ kind: 'unknown', badgeBucket }`.
 */
export function parseBadgeBucket(badgeBucket: string): ParsedBadgeBucket {
  if (typeof badgeBucket !== 'string') return { kind: 'unknown', badgeBucket };
  const parts = badgeBucket.split(':');
  if (parts[0] !== KILOCLAW_BADGE_NAMESPACE || !isValidSandboxId(parts[1])) {
    return { kind: 'unknown', badgeBucket };
  }
  const sandboxId = parts[1];
  if (parts.length === 2) return { kind: 'kiloclaw-instance', sandboxId };
  if (parts.length === 3 && isValidConversationId(parts[2])) {
    return { kind: 'kiloclaw-conversation', sandboxId, conversationId: parts[2] };
  }
  return { kind: 'unknown', badgeBucket };
}

/**
 * The instance bucket that contains a conversation bucket. Anything else (an
 * instance bucket, an unknown bucket) is returned unchanged.
 */
export function parentBadgeBucketFor(badgeBucket: string): string {
  const parsed = parseBadgeBucket(badgeBucket);
  return parsed.kind === 'kiloclaw-conversation' ? badgeBucketForInstance(parsed.sandboxId) : badgeBucket;
}
