import * as z from 'zod';
import { BADGE_BUCKET_PATTERN } from '../badge-buckets.js';

/**
 * A badge bucket a producer or an app names: `kiloclaw:<sandboxId>` or
 * `kiloclaw:<sandboxId>:<conversationId>` (see `BADGE_BUCKET_PATTERN`).
 * Stricter than the reference, which took any non-empty string: foreign or
 * malformed keys are rejected where they are written.
 */
export const badgeBucketSchema = z
  .string()
  .regex(BADGE_BUCKET_PATTERN, 'Expected kiloclaw:<sandboxId> or kiloclaw:<sandboxId>:<conversationId>');
/** A validated badge bucket key. */
export type BadgeBucket = z.infer<typeof badgeBucketSchema>;

/**
 * One non-zero bucket of `GET /v1/badges`. The bucket is read leniently (any
 * non-empty string), so a namespace added by a newer server does not break an
 * older app; use `parseBadgeBucket` to recognise it.
 */
export const badgeCountRowSchema = z.object({
  badgeBucket: z.string().min(1),
  badgeCount: z.number().int().nonnegative(),
});
/** A bucket and its unread count. */
export type BadgeCountRow = z.infer<typeof badgeCountRowSchema>;

/** `GET /v1/badges` → `{ buckets }`: every bucket of the caller with a count above zero, in no particular order. */
export const listBadgesResponseSchema = z.object({ buckets: z.array(badgeCountRowSchema) });
/** Response of `GET /v1/badges`. */
export type ListBadgesResponse = z.infer<typeof listBadgesResponseSchema>;

/** Body of `POST /v1/badges/mark-read`. */
export const markBadgeReadInputSchema = z.object({ badgeBucket: badgeBucketSchema });
/** Body of `POST /v1/badges/mark-read`. */
export type MarkBadgeReadInput = z.infer<typeof markBadgeReadInputSchema>;

/** `POST /v1/badges/mark-read` → `{ badgeCount }`: the caller's new total over all buckets. */
export const markBadgeReadResponseSchema = z.object({ badgeCount: z.number().int().nonnegative() });
/** Response of `POST /v1/badges/mark-read`. */
export type MarkBadgeReadResponse = z.infer<typeof markBadgeReadResponseSchema>;

/** RPC `clearBadgeBucketForUser`: mark-read on behalf of `userId` (a trusted service call). */
export const clearBadgeBucketForUserInputSchema = z.object({
  userId: z.string().min(1),
  badgeBucket: badgeBucketSchema,
});
/** Input of `clearBadgeBucketForUser`. */
export type ClearBadgeBucketForUserInput = z.infer<typeof clearBadgeBucketForUserInputSchema>;

/** Result of `clearBadgeBucketForUser`: the user's new total, as mark-read returns. */
export const clearBadgeBucketForUserOutputSchema = markBadgeReadResponseSchema;
/** Result of `clearBadgeBucketForUser`. */
export type ClearBadgeBucketForUserOutput = z.infer<typeof clearBadgeBucketForUserOutputSchema>;
