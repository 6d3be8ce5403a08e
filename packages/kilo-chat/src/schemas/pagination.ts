import * as z from 'zod';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, nonEmptyStringSchema, sandboxIdSchema, ulidSchema } from './primitives.js';

/** `limit` as it arrives in a query string: coerced to an integer 1–100, default 50. */
const pageLimitSchema = z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT);

/**
 * Offset pagination of older servers: `limit` 1–100 (default 50) and `offset`
 * ≥ 0 (default 0), both coerced from query-string text. Current list routes
 * use cursors instead.
 */
export const paginationQuerySchema = z.object({
  limit: pageLimitSchema,
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * Cursor pagination: `limit` 1–100 (default 50, coerced from text) and an
 * optional opaque `cursor` taken from the previous page's `nextCursor`.
 */
export const cursorPaginationQuerySchema = z.object({
  limit: pageLimitSchema,
  cursor: nonEmptyStringSchema.optional(),
});

/**
 * Query of `GET /v1/conversations` (H2): cursor pagination, optionally
 * narrowed to one sandbox. A cursor that does not decode is a 400
 * `Invalid cursor`.
 */
export const listConversationsQuerySchema = cursorPaginationQuerySchema.extend({
  sandboxId: sandboxIdSchema.optional(),
});

/**
 * Query of `GET …/conversations/:id/messages` (H8, B8): `limit` 1–100
 * (default 50) and `before`, an exclusive message-id bound (pass the previous
 * page's `nextCursor`).
 */
export const listMessagesQuerySchema = z.object({
  limit: pageLimitSchema,
  before: ulidSchema.optional(),
});

/** Parsed offset-pagination query; see {@link paginationQuerySchema}. */
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;
/** Parsed cursor-pagination query; see {@link cursorPaginationQuerySchema}. */
export type CursorPaginationQuery = z.infer<typeof cursorPaginationQuerySchema>;
/** Parsed conversation-list query; see {@link listConversationsQuerySchema}. */
export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;
/** Parsed message-list query; see {@link listMessagesQuerySchema}. */
export type ListMessagesQuery = z.infer<typeof listMessagesQuerySchema>;
