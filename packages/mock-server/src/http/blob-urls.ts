import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lifetime of upload URLs: 900 s, like the real presigned PUT URLs. */
export const PUT_URL_TTL_SECONDS = 900;

/** Lifetime of download URLs: 3600 s. */
export const GET_URL_TTL_SECONDS = 3600;

function signature(secret: string, method: 'GET' | 'PUT', id: string, expires: number): string {
  return createHmac('sha256', secret).update(`${method}\n${id}\n${expires}`).digest('hex');
}

/**
 * A signed URL of the mock's blob store: `<origin>/_blob/<id>?expires=<s>&sig=<hmac>`,
 * plus any extra query parameters (for example `response-content-disposition`).
 */
export function signBlobUrl(
  secret: string,
  origin: string,
  id: string,
  method: 'GET' | 'PUT',
  expires: number,
  extra: Record<string, string> = {},
): string {
  const url = new URL(`/_blob/${encodeURIComponent(id)}`, origin);
  url.searchParams.set('expires', String(expires));
  url.searchParams.set('sig', signature(secret, method, id, expires));
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  return url.toString();
}

/** Checks a blob URL's signature and expiry (`nowSeconds` < `expires`). */
export function verifyBlobUrl(
  secret: string,
  id: string,
  method: 'GET' | 'PUT',
  expires: string | undefined,
  sig: string | undefined,
  nowSeconds: number,
): boolean {
  if (!expires || !sig || !/^\d+$/.test(expires)) return false;
  const expected = Buffer.from(signature(secret, method, id, Number(expires)));
  const actual = Buffer.from(sig);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return false;
  return nowSeconds < Number(expires);
}

/** An RFC 6266 `attachment` disposition with an ASCII fallback and a UTF-8 `filename*`. */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
