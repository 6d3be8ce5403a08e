import * as z from 'zod';
import { nonEmptyStringSchema, nonNegativeIntegerSchema, ulidSchema } from './primitives.js';

/**
 * Prefix of every bot member id: a bot is `bot:kiloclaw:<sandboxId>`. A
 * conversation's sandbox is the suffix of its first bot member's id.
 */
export const BOT_MEMBER_ID_PREFIX = 'bot:kiloclaw:';

/** Whether a member is a person (`user`) or a sandbox's bot (`bot`). */
export const memberKindSchema = z.enum(['user', 'bot']);

/** A member of a conversation: a Kilo user id or `bot:kiloclaw:<sandboxId>`, and its kind. */
export const conversationMemberSchema = z.object({
  id: nonEmptyStringSchema,
  kind: memberKindSchema,
});

/**
 * A member as the conversation detail lists it. `displayName` and `avatarUrl`
 * come from the user's profile; bots and unknown users have null (or omit them).
 */
export const conversationDetailMemberSchema = conversationMemberSchema.extend({
  displayName: z.string().nullish(),
  avatarUrl: z.string().nullish(),
});

/**
 * A member as the bot routes list it: like {@link conversationDetailMemberSchema},
 * but `kind` is any string.
 */
export const enrichedConversationMemberSchema = z.object({
  id: nonEmptyStringSchema,
  kind: z.string(),
  displayName: z.string().nullish(),
  avatarUrl: z.string().nullish(),
});

/**
 * One row of the caller's conversation list, from the caller's own membership
 * record. Times are Unix ms. A new conversation has `lastActivityAt` and
 * `lastReadAt` null; `joinedAt` is always set. The list is ordered by
 * `lastActivityAt ?? joinedAt` descending, then `conversationId` descending.
 */
export const conversationListItemSchema = z.object({
  conversationId: nonEmptyStringSchema,
  title: z.string().nullable(),
  lastActivityAt: nonNegativeIntegerSchema.nullable(),
  lastReadAt: nonNegativeIntegerSchema.nullable(),
  joinedAt: nonNegativeIntegerSchema,
});

/**
 * The position after the last row of a conversation page: `t` is that row's
 * sort key (`lastActivityAt ?? joinedAt`, Unix ms) and `c` its conversation id.
 * On the wire it travels encoded; see `encodeConversationCursor`.
 */
export const conversationCursorSchema = z.object({
  t: nonNegativeIntegerSchema,
  c: ulidSchema,
});

/**
 * A conversation's details. `members` lists **active** members only; members
 * who left are left out. `createdAt` is Unix ms; `createdBy` the creator's
 * member id.
 */
export const conversationDetailSchema = z.object({
  id: nonEmptyStringSchema,
  title: z.string().nullable(),
  createdBy: nonEmptyStringSchema,
  createdAt: nonNegativeIntegerSchema,
  members: z.array(conversationDetailMemberSchema),
});

/** `'user' | 'bot'`; see {@link memberKindSchema}. */
export type MemberKind = z.infer<typeof memberKindSchema>;
/** A conversation member; see {@link conversationMemberSchema}. */
export type ConversationMember = z.infer<typeof conversationMemberSchema>;
/** A member with profile fields; see {@link conversationDetailMemberSchema}. */
export type ConversationDetailMember = z.infer<typeof conversationDetailMemberSchema>;
/** A member as bot routes list it; see {@link enrichedConversationMemberSchema}. */
export type EnrichedConversationMember = z.infer<typeof enrichedConversationMemberSchema>;
/** One row of the conversation list; see {@link conversationListItemSchema}. */
export type ConversationListItem = z.infer<typeof conversationListItemSchema>;
/** A decoded conversation-list cursor; see {@link conversationCursorSchema}. */
export type ConversationCursor = z.infer<typeof conversationCursorSchema>;
/** A conversation's details; see {@link conversationDetailSchema}. */
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;
