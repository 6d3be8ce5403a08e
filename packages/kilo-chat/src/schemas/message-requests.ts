import * as z from 'zod';
import { actionResolutionSchema, contentBlockSchema, inputContentBlockSchema } from './content.js';
import { messageSchema } from './message.js';
import { okResponseSchema } from './ok-response.js';
import {
  MAX_CONTENT_BLOCKS_PER_MESSAGE,
  actionGroupIdSchema,
  emojiSchema,
  execApprovalDecisionSchema,
  nonEmptyStringSchema,
  ulidSchema,
} from './primitives.js';

/** 1–20 input content blocks: the body of a create or edit. */
const inputContentSchema = z.array(inputContentBlockSchema).min(1).max(MAX_CONTENT_BLOCKS_PER_MESSAGE);

/**
 * Body of `POST /v1/messages` (H7, B1).
 *
 * - `content`: 1–20 input blocks (the server also allows at most 10 attachment
 *   blocks and answers 400 `At most 10 attachments per message` beyond that).
 * - `inReplyToMessageId`: a message of the same conversation (deleted allowed).
 * - `clientId`: a ULID the server echoes in the response and in
 *   `message.created` so a sender can match its optimistic row. The server
 *   does **not** deduplicate on it: a retried POST creates a second message.
 */
export const createMessageRequestSchema = z.object({
  conversationId: ulidSchema,
  content: inputContentSchema,
  inReplyToMessageId: ulidSchema.optional(),
  clientId: ulidSchema.optional(),
});

/**
 * Response (201) of message create: the new id, the request's `clientId`
 * (absent when none was sent) and the canonical message, whose text is trimmed
 * and whose attachment metadata comes from the server.
 */
export const createMessageResponseSchema = z.object({
  messageId: nonEmptyStringSchema,
  clientId: z.string().optional(),
  message: messageSchema,
});

/**
 * Body of `PATCH /v1/messages/:id` (H9, B2). `content` replaces the whole
 * message; it may drop attachments but never add one. `timestamp` is the
 * editor's clock in Unix ms (integer > 0): an edit whose timestamp is not
 * greater than the last accepted one is a 409 `Edit conflict`.
 */
export const editMessageRequestSchema = z.object({
  conversationId: ulidSchema,
  content: inputContentSchema,
  timestamp: z.number().int().positive(),
});

/** Response of an edit: `{ messageId }`. */
export const editMessageResponseSchema = z.object({
  messageId: z.string().optional(),
});

/** The conversation of a message to delete (H10, B3); it travels in the query string. */
export const deleteMessageRequestSchema = z.object({
  conversationId: ulidSchema,
});

/** Query of `DELETE /v1/messages/:id`: `?conversationId=<ULID>`. */
export const deleteMessageQuerySchema = deleteMessageRequestSchema;

/**
 * Response of a delete: `{ ok: true }`; a repeated delete by the sender
 * succeeds again. (Older servers answered 204 with no body; the HTTP client
 * maps that for you.)
 */
export const deleteMessageResponseSchema = okResponseSchema;

/**
 * Response of `GET …/conversations/:id/messages` (H8, B8): a page, newest
 * first. `nextCursor` is the id of the page's oldest message when `hasMore`;
 * pass it back as `before`. Older servers omitted both fields; they default
 * to `false` and `null`.
 */
export const messageListResponseSchema = z.object({
  messages: z.array(messageSchema),
  hasMore: z.boolean().default(false),
  nextCursor: ulidSchema.nullable().default(null),
});

/** Body of execute-action (H11): which group to answer, and with which offered value. */
export const executeActionRequestSchema = z.object({
  groupId: actionGroupIdSchema,
  value: execApprovalDecisionSchema,
});

/**
 * Response of execute-action: the message's full new content and the
 * resolution written into the group (`resolvedBy` is the caller,
 * `resolvedAt` server Unix ms).
 */
export const executeActionResponseSchema = z.object({
  ok: z.literal(true),
  messageId: ulidSchema,
  content: z.array(contentBlockSchema),
  resolved: z.object({
    groupId: actionGroupIdSchema,
    ...actionResolutionSchema.shape,
  }),
});

/**
 * Body of `POST /v1/messages/:id/reactions` (H13, B6), and the query of the
 * matching DELETE: the message's conversation and the emoji.
 */
export const reactionRequestBodySchema = z.object({
  conversationId: ulidSchema,
  emoji: emojiSchema,
});

/** Query of `DELETE /v1/messages/:id/reactions` (H14, B7); the same fields as {@link reactionRequestBodySchema}. */
export const removeReactionQuerySchema = reactionRequestBodySchema;

/**
 * Response of an add: the operation id (a ULID). Status 201 when the reaction
 * was added or re-activated; 200 with the same id when it was already live.
 */
export const addReactionResponseSchema = z.object({
  id: nonEmptyStringSchema,
});

/**
 * Response of a remove. `{ removed: true, id }` when this call removed it (the
 * id is the remove operation's); `{ removed: false, id }` when it was already
 * removed (the first remove's id); `{ removed: false, id: null }` when it never
 * existed.
 */
export const removeReactionResponseSchema = z.discriminatedUnion('removed', [
  z.object({ removed: z.literal(true), id: nonEmptyStringSchema }),
  z.object({ removed: z.literal(false), id: nonEmptyStringSchema.nullable() }),
]);

/** Body of message create; see {@link createMessageRequestSchema}. */
export type CreateMessageRequest = z.infer<typeof createMessageRequestSchema>;
/** Response of message create; see {@link createMessageResponseSchema}. */
export type CreateMessageResponse = z.infer<typeof createMessageResponseSchema>;
/** Body of an edit; see {@link editMessageRequestSchema}. */
export type EditMessageRequest = z.infer<typeof editMessageRequestSchema>;
/** Response of an edit; see {@link editMessageResponseSchema}. */
export type EditMessageResponse = z.infer<typeof editMessageResponseSchema>;
/** The conversation of a delete; see {@link deleteMessageRequestSchema}. */
export type DeleteMessageRequest = z.infer<typeof deleteMessageRequestSchema>;
/** Query of a delete; see {@link deleteMessageQuerySchema}. */
export type DeleteMessageQuery = z.infer<typeof deleteMessageQuerySchema>;
/** Response of a delete; see {@link deleteMessageResponseSchema}. */
export type DeleteMessageResponse = z.infer<typeof deleteMessageResponseSchema>;
/** One page of messages; see {@link messageListResponseSchema}. */
export type MessageListResponse = z.infer<typeof messageListResponseSchema>;
/** Body of execute-action; see {@link executeActionRequestSchema}. */
export type ExecuteActionRequest = z.infer<typeof executeActionRequestSchema>;
/** Response of execute-action; see {@link executeActionResponseSchema}. */
export type ExecuteActionResponse = z.infer<typeof executeActionResponseSchema>;
/** Body (or query) of a reaction add or remove; see {@link reactionRequestBodySchema}. */
export type ReactionRequestBody = z.infer<typeof reactionRequestBodySchema>;
/** Query of a reaction remove; see {@link removeReactionQuerySchema}. */
export type RemoveReactionQuery = z.infer<typeof removeReactionQuerySchema>;
/** Response of a reaction add; see {@link addReactionResponseSchema}. */
export type AddReactionResponse = z.infer<typeof addReactionResponseSchema>;
/** Response of a reaction remove; see {@link removeReactionResponseSchema}. */
export type RemoveReactionResponse = z.infer<typeof removeReactionResponseSchema>;
