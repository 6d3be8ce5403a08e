import * as z from 'zod';
import {
  ATTACHMENT_FILENAME_MAX_CHARS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MIME_TYPE_MAX_CHARS,
  maxCodeUnits,
  nonNegativeIntegerSchema,
  ulidSchema,
} from './primitives.js';

/** Longest attachment-init `idempotencyKey`, in UTF-16 code units: 128. */
export const ATTACHMENT_IDEMPOTENCY_KEY_MAX_CHARS = 128;

const mimeTypeSchema = maxCodeUnits(z.string().min(1), ATTACHMENT_MIME_TYPE_MAX_CHARS);
const filenameSchema = maxCodeUnits(z.string().min(1), ATTACHMENT_FILENAME_MAX_CHARS);

/**
 * What is known about an uploaded file: its ULID id, MIME type (1–255
 * characters), size in bytes (integer ≥ 0) and filename (1–512 characters).
 */
export const attachmentMetadataSchema = z.object({
  attachmentId: ulidSchema,
  mimeType: mimeTypeSchema,
  size: nonNegativeIntegerSchema,
  filename: filenameSchema,
});

/**
 * Body of `POST /v1/attachments/init` (H17, B17). `size` is in bytes, 0 to
 * 100 MiB. With the same `idempotencyKey` (1–128 characters) and uploader, a
 * repeat within 30 s returns the same still-pending attachment; without a key
 * every call creates a new one.
 */
export const attachmentInitRequestSchema = z.object({
  conversationId: ulidSchema,
  mimeType: mimeTypeSchema,
  size: nonNegativeIntegerSchema.max(ATTACHMENT_MAX_BYTES),
  filename: filenameSchema,
  idempotencyKey: maxCodeUnits(z.string().min(1), ATTACHMENT_IDEMPOTENCY_KEY_MAX_CHARS).optional(),
});

/**
 * Response of attachment init: the new id and a presigned PUT URL valid for
 * 15 minutes. Send every `putHeaders` entry (at least `Content-Type`) with the
 * PUT. `putUrlExpiresAt` is in Unix **seconds**.
 */
export const attachmentInitResponseSchema = z.object({
  attachmentId: ulidSchema,
  putUrl: z.url(),
  putHeaders: z.record(z.string(), z.string()),
  putUrlExpiresAt: nonNegativeIntegerSchema,
});

/** What a client needs to ask for a download URL (H18, B18): both ids are ULIDs. */
export const attachmentGetUrlRequestSchema = z.object({
  attachmentId: ulidSchema,
  conversationId: ulidSchema,
});

/** Query of `GET /v1/attachments/:id/url`: the conversation the attachment belongs to. */
export const attachmentGetUrlQuerySchema = z.object({
  conversationId: ulidSchema,
});

/**
 * Response of the download-URL route: a presigned GET URL valid for 60 minutes
 * plus the stored metadata. `expiresAt` is in Unix **seconds**. (Old servers
 * sent milliseconds; the HTTP client converts those.) Images are served
 * inline; other types download as a file.
 */
export const attachmentGetUrlResponseSchema = z.object({
  url: z.string().min(1),
  mimeType: z.string(),
  size: nonNegativeIntegerSchema,
  filename: z.string(),
  expiresAt: nonNegativeIntegerSchema,
});

/** Attachment metadata; see {@link attachmentMetadataSchema}. */
export type AttachmentMetadata = z.infer<typeof attachmentMetadataSchema>;
/** Body of attachment init; see {@link attachmentInitRequestSchema}. */
export type AttachmentInitRequest = z.infer<typeof attachmentInitRequestSchema>;
/** Response of attachment init; see {@link attachmentInitResponseSchema}. */
export type AttachmentInitResponse = z.infer<typeof attachmentInitResponseSchema>;
/** Ids needed to fetch a download URL; see {@link attachmentGetUrlRequestSchema}. */
export type AttachmentGetUrlRequest = z.infer<typeof attachmentGetUrlRequestSchema>;
/** Query of the download-URL route; see {@link attachmentGetUrlQuerySchema}. */
export type AttachmentGetUrlQuery = z.infer<typeof attachmentGetUrlQuerySchema>;
/** Response of the download-URL route; see {@link attachmentGetUrlResponseSchema}. */
export type AttachmentGetUrlResponse = z.infer<typeof attachmentGetUrlResponseSchema>;
