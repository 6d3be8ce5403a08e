import * as z from 'zod';
import { contentBlockSchema } from './content.js';
import { nonEmptyStringSchema, nonNegativeIntegerSchema } from './primitives.js';

/**
 * The live reactions with one emoji on one message: how many, and which
 * members. Removed reactions are never listed.
 */
export const reactionSummarySchema = z.object({
  emoji: nonEmptyStringSchema,
  count: nonNegativeIntegerSchema,
  memberIds: z.array(nonEmptyStringSchema),
});

/**
 * What a reply shows of its parent. A missing parent has `senderId: null`,
 * `deleted: true` and `previewText: null`; a deleted one keeps `senderId` but
 * has `deleted: true` and `previewText: null`. Otherwise `previewText` is the
 * parent's text (or attachment labels, or `Message`), cut to 160 UTF-16 code
 * units.
 */
export const replyToMessageSnapshotSchema = z.object({
  messageId: nonEmptyStringSchema,
  senderId: nonEmptyStringSchema.nullable(),
  deleted: z.boolean(),
  previewText: z.string().nullable(),
});

/**
 * A message as the list and create routes return it.
 *
 * - `id` is a ULID from the server (clients may hold optimistic rows whose id
 *   starts with `pending-`); its time part is the send time.
 * - `content` is `[]` once the message is deleted.
 * - `replyTo` is null exactly when `inReplyToMessageId` is null.
 * - `updatedAt` is server time in Unix ms of the last edit, delete, action
 *   resolution or revert; null on a fresh message.
 * - `clientUpdatedAt` is the `timestamp` of the last accepted edit; null if
 *   never edited.
 * - `deliveryFailed` is true after delivery to the bot failed for good, until
 *   a redeliver clears it.
 * - `reactions` groups live reactions by emoji; always present.
 */
export const messageSchema = z.object({
  id: nonEmptyStringSchema,
  senderId: nonEmptyStringSchema,
  content: z.array(contentBlockSchema),
  inReplyToMessageId: nonEmptyStringSchema.nullable(),
  replyTo: replyToMessageSnapshotSchema.nullable(),
  updatedAt: nonNegativeIntegerSchema.nullable(),
  clientUpdatedAt: nonNegativeIntegerSchema.nullable(),
  deleted: z.boolean(),
  deliveryFailed: z.boolean(),
  reactions: z.array(reactionSummarySchema),
});

/** Reactions grouped by emoji; see {@link reactionSummarySchema}. */
export type ReactionSummary = z.infer<typeof reactionSummarySchema>;
/** A reply's view of its parent; see {@link replyToMessageSnapshotSchema}. */
export type ReplyToMessageSnapshot = z.infer<typeof replyToMessageSnapshotSchema>;
/** A message read model; see {@link messageSchema}. */
export type Message = z.infer<typeof messageSchema>;
