import type { Context } from 'hono';
import { CoreError } from '../core/core-error.js';

/**
 * Most bytes any JSON route reads (1 MiB). The largest valid request is a
 * message of 20 content blocks of 8,000 UTF-16 code units each, every one
 * written as a 6-byte `\uXXXX` escape (960,000 bytes), plus its structure;
 * anything longer is refused with 413 before more is buffered.
 */
export const JSON_BODY_LIMIT_BYTES = 1_048_576;

/** The 413 every over-long body gets. */
export function payloadTooLarge(limit: number): CoreError {
  return new CoreError(413, 'Payload Too Large', { limit });
}

/**
 * Reads the request body, at most `limit` bytes: a `content-length` above the
 * limit is refused before reading, and a body that streams past it is
 * refused as soon as it does (the rest is never buffered). 413 either way.
 */
export async function readBodyLimited(c: Context, limit: number): Promise<Uint8Array> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > limit) throw payloadTooLarge(limit);
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading; the 413 closes the connection, dropping the rest unread.
      reader.releaseLock();
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
