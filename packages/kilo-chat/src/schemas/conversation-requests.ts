import * as z from 'zod';
import { conversationDetailSchema, conversationListItemSchema } from './conversation.js';
import { okResponseSchema } from './ok-response.js';
import {
  conversationTitleSchema,
  nonEmptyStringSchema,
  nonNegativeIntegerSchema,
  sandboxIdSchema,
  ulidSchema,
} from './primitives.js';

/** Body of `POST /v1/conversations` (H1): the sandbox whose bot joins, and an optional title. */
export const createConversationRequestSchema = z.object({
  sandboxId: sandboxIdSchema,
  title: conversationTitleSchema.optional(),
});

/**
 * Response (201) of conversation create, for humans (H1) and bots (B12): the
 * new ULID and the creator's list row for it.
 */
export const createConversationResponseSchema = z.object({
  conversationId: ulidSchema,
  conversation: conversationListItemSchema,
});

/**
 * Response of `GET /v1/conversations` (H2): one page of list rows, newest
 * activity first. `nextCursor` is set only when `hasMore` is true.
 */
export const conversationListResponseSchema = z.object({
  conversations: z.array(conversationListItemSchema),
  hasMore: z.boolean(),
  nextCursor: nonEmptyStringSchema.nullable(),
});

/** Response of `GET /v1/conversations/:id` (H3); the same shape as {@link conversationDetailSchema}. */
export const conversationDetailResponseSchema = conversationDetailSchema;

/** Body of a rename (H4, B10). Any active member may rename; the stored title is trimmed. */
export const renameConversationRequestSchema = z.object({
  title: conversationTitleSchema,
});

/**
 * Response of `POST /v1/conversations/:id/leave` (H5): `{ ok: true }`. (Older
 * servers answered 204 with no body; the HTTP client maps that for you.)
 */
export const leaveConversationResponseSchema = okResponseSchema;

/**
 * Body of `POST /v1/conversations/:id/mark-read` (H6): the newest message the
 * user has seen. Its ULID time becomes the read marker, which only ever moves
 * forward.
 */
export const markConversationReadRequestSchema = z.object({
  lastSeenMessageId: ulidSchema,
});

/** The badge that mark-read cleared: its bucket key and the count left (usually 0). */
export const badgeClearResponseSchema = z.object({
  badgeBucket: nonEmptyStringSchema,
  badgeCount: nonNegativeIntegerSchema,
});

/**
 * Response of mark-read. `applied` is false when the stored marker was already
 * at or past the message; `lastReadAt` (Unix ms) is then the stored value.
 * `badgeClear` is null when the message was not the latest one, so no badge
 * changed.
 */
export const markConversationReadResponseSchema = z.object({
  ok: z.literal(true),
  applied: z.boolean(),
  lastReadAt: nonNegativeIntegerSchema,
  badgeClear: badgeClearResponseSchema.nullable(),
});

/** Identifies the conversation of a typing signal (the route takes it from the path). */
export const typingRequestSchema = z.object({
  conversationId: nonEmptyStringSchema,
});

/**
 * Response of typing and typing-stop (H15, H16, B4, B5): `{ ok: true }`.
 * (Older servers answered `{}` to typing; the HTTP client maps that for you.)
 */
export const typingResponseSchema = okResponseSchema;

/** Body of conversation create; see {@link createConversationRequestSchema}. */
export type CreateConversationRequest = z.infer<typeof createConversationRequestSchema>;
/** Response of conversation create; see {@link createConversationResponseSchema}. */
export type CreateConversationResponse = z.infer<typeof createConversationResponseSchema>;
/** One page of the conversation list; see {@link conversationListResponseSchema}. */
export type ConversationListResponse = z.infer<typeof conversationListResponseSchema>;
/** Response of conversation detail; see {@link conversationDetailResponseSchema}. */
export type ConversationDetailResponse = z.infer<typeof conversationDetailResponseSchema>;
/** Body of a rename; see {@link renameConversationRequestSchema}. */
export type RenameConversationRequest = z.infer<typeof renameConversationRequestSchema>;
/** Response of leave; see {@link leaveConversationResponseSchema}. */
export type LeaveConversationResponse = z.infer<typeof leaveConversationResponseSchema>;
/** Body of mark-read; see {@link markConversationReadRequestSchema}. */
export type MarkConversationReadRequest = z.infer<typeof markConversationReadRequestSchema>;
/** The badge cleared by mark-read; see {@link badgeClearResponseSchema}. */
export type BadgeClearResponse = z.infer<typeof badgeClearResponseSchema>;
/** Response of mark-read; see {@link markConversationReadResponseSchema}. */
export type MarkConversationReadResponse = z.infer<typeof markConversationReadResponseSchema>;
/** The conversation of a typing signal; see {@link typingRequestSchema}. */
export type TypingRequest = z.infer<typeof typingRequestSchema>;
/** Response of typing and typing-stop; see {@link typingResponseSchema}. */
export type TypingResponse = z.infer<typeof typingResponseSchema>;
