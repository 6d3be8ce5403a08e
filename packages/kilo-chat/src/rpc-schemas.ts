// Server-to-server contracts: post a message as a user (worker RPC and the
// internal HTTP route share it) and wipe a sandbox's chat data.
import * as z from 'zod';
import { maxCodeUnits, messageTextSchema, nonEmptyStringSchema, nonNegativeIntegerSchema } from './schemas/primitives.js';

/** Longest `userId` and `sandboxId` of a post-as-user call, in characters: 200. */
const ID_MAX_CHARS = 200;

/** Longest correlation field, in characters: 200. */
const CORRELATION_FIELD_MAX_CHARS = 200;

/**
 * Free-form ids that tie a post-as-user call to what triggered it, for logs.
 * Each field is optional and at most 200 characters.
 */
export const postMessageAsUserCorrelationSchema = z.object({
  triggerId: maxCodeUnits(z.string(), CORRELATION_FIELD_MAX_CHARS).optional(),
  webhookRequestId: maxCodeUnits(z.string(), CORRELATION_FIELD_MAX_CHARS).optional(),
  reason: maxCodeUnits(z.string(), CORRELATION_FIELD_MAX_CHARS).optional(),
});

/**
 * Parameters of `postMessageAsUser` (worker RPC, and the body of
 * `POST /internal/v1/post-message-as-user`). The message goes to the user's
 * most recently active conversation with the sandbox.
 *
 * - `message` follows {@link messageTextSchema} (≤ 8000 before trim, not blank).
 * - `source` names the caller (1–64 characters).
 * - `autoCreateConversation` (default `true`): create a conversation when the
 *   user has none with this sandbox; when false the result is `no_conversation`.
 * - `forceNewConversation` (default `false`): always start a new conversation.
 */
export const postMessageAsUserParamsSchema = z.object({
  userId: maxCodeUnits(z.string().min(1), ID_MAX_CHARS),
  sandboxId: maxCodeUnits(z.string().min(1), ID_MAX_CHARS),
  message: messageTextSchema,
  source: maxCodeUnits(z.string().min(1), 64),
  autoCreateConversation: z.boolean().optional(),
  forceNewConversation: z.boolean().optional(),
  correlation: postMessageAsUserCorrelationSchema.optional(),
});

/** Success of post-as-user: where the message went and whether the conversation was created for it. */
export const postMessageAsUserOkSchema = z.object({
  ok: z.literal(true),
  conversationId: nonEmptyStringSchema,
  messageId: nonEmptyStringSchema,
  conversationCreated: z.boolean(),
});

/**
 * Why post-as-user failed: `invalid_request` (HTTP 400), `forbidden` (403, the
 * user does not own the sandbox), `no_conversation` (404) or `internal` (500).
 */
export const postMessageAsUserErrorCodeSchema = z.enum(['invalid_request', 'no_conversation', 'forbidden', 'internal']);

/** Failure of post-as-user: a code and a human-readable `error`. */
export const postMessageAsUserErrSchema = z.object({
  ok: z.literal(false),
  code: postMessageAsUserErrorCodeSchema,
  error: z.string(),
});

/** Result of post-as-user, discriminated on `ok`. */
export const postMessageAsUserResultSchema = z.discriminatedUnion('ok', [
  postMessageAsUserOkSchema,
  postMessageAsUserErrSchema,
]);

/**
 * Result of the `destroySandboxData(sandboxId)` worker RPC: how many
 * conversations were wiped and which failed. Safe to call again.
 */
export const destroySandboxDataResultSchema = z.object({
  ok: z.boolean(),
  conversationsDeleted: nonNegativeIntegerSchema,
  failedConversations: z.array(z.string()),
});

/** Correlation ids of post-as-user; see {@link postMessageAsUserCorrelationSchema}. */
export type PostMessageAsUserCorrelation = z.infer<typeof postMessageAsUserCorrelationSchema>;
/** Parameters of post-as-user; see {@link postMessageAsUserParamsSchema}. */
export type PostMessageAsUserParams = z.infer<typeof postMessageAsUserParamsSchema>;
/** Success of post-as-user; see {@link postMessageAsUserOkSchema}. */
export type PostMessageAsUserOk = z.infer<typeof postMessageAsUserOkSchema>;
/** Failure code of post-as-user; see {@link postMessageAsUserErrorCodeSchema}. */
export type PostMessageAsUserErrorCode = z.infer<typeof postMessageAsUserErrorCodeSchema>;
/** Failure of post-as-user; see {@link postMessageAsUserErrSchema}. */
export type PostMessageAsUserErr = z.infer<typeof postMessageAsUserErrSchema>;
/** Result of post-as-user; see {@link postMessageAsUserResultSchema}. */
export type PostMessageAsUserResult = z.infer<typeof postMessageAsUserResultSchema>;
/** Result of destroy-sandbox-data; see {@link destroySandboxDataResultSchema}. */
export type DestroySandboxDataResult = z.infer<typeof destroySandboxDataResultSchema>;
