import type { MiddlewareHandler } from 'hono';
import { attachmentDisposition, inlineDisposition } from './content-disposition.js';

/**
 * The `Content-Security-Policy` of every blob-route response: nothing may
 * load, and the document is sandboxed (no scripts, no same-origin access),
 * so even a file a browser did render could not act as the mock's origin.
 */
export const BLOB_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

/**
 * The only types the blob store serves inline: raster images, which a
 * browser shows as a picture and never runs. The reference serves every
 * `image/*` inline, but from R2's own origin; the mock's blobs share the
 * API's origin (and `/_dev/token`), so `image/svg+xml` (a script-capable
 * document), every other `image/*` and all other types are attachments.
 */
export const INLINE_MIME_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/apng',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE_RE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;[\\x20-\\x7E]*)?$`);

/** The bare `type/subtype` of a media type, lowercased (`Image/PNG; x=y` → `image/png`). */
export function essenceOf(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** True when a file of this media type may be shown inline (see {@link INLINE_MIME_TYPES}). */
export function isInlineSafe(mediaType: string): boolean {
  return INLINE_MIME_TYPES.has(essenceOf(mediaType));
}

/**
 * The `Content-Type` to send for a declared media type: the declared one when
 * it is a well-formed header value (`type/subtype` with optional parameters),
 * else `application/octet-stream` (a declared type may be any 1–255 character
 * string, and one with a newline must never reach a header).
 */
export function servedContentType(declared: string): string {
  return MEDIA_TYPE_RE.test(declared) ? declared : 'application/octet-stream';
}

/** What the blob GET needs to pick its headers; see {@link downloadHeaders}. */
export interface DownloadHeadersInput {
  /** The type declared at attachment init. */
  mimeType: string;
  /** The file name declared at attachment init. */
  filename: string;
  /** The signed `response-content-type`, if the URL carries one. */
  responseContentType?: string | undefined;
  /** The signed `response-content-disposition`, if the URL carries one. */
  responseContentDisposition?: string | undefined;
}

/**
 * `Content-Type` and `Content-Disposition` of a download. Only signed
 * parameters get here, but the policy holds whatever they say: a type that
 * is not inline-safe is always an `attachment` with the stored file name;
 * an inline-safe one is `inline` unless the URL asked for a disposition.
 */
export function downloadHeaders(input: DownloadHeadersInput): Record<string, string> {
  const contentType = servedContentType(input.responseContentType ?? input.mimeType);
  let disposition: string;
  if (!isInlineSafe(contentType)) disposition = attachmentDisposition(input.filename);
  else if (input.responseContentDisposition && /^[\x20-\x7E]+$/.test(input.responseContentDisposition)) {
    disposition = input.responseContentDisposition;
  } else disposition = inlineDisposition(input.filename);
  return { 'content-type': contentType, 'content-disposition': disposition };
}

/**
 * Middleware for `/_blob/*`: every answer, the file and every error alike,
 * carries `X-Content-Type-Options: nosniff` and
 * {@link BLOB_CONTENT_SECURITY_POLICY}.
 */
export function blobSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('content-security-policy', BLOB_CONTENT_SECURITY_POLICY);
  };
}
