import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lifetime of upload URLs: 900 s, like the real presigned PUT URLs. */
export const PUT_URL_TTL_SECONDS = 900;

/** Lifetime of download URLs: 3600 s. */
export const GET_URL_TTL_SECONDS = 3600;

/** Query parameter that carries the signature; the only one not signed. */
const SIGNATURE_PARAM = 'sig';

/**
 * Every query parameter but the signature, sorted and re-encoded, so the
 * signature covers `expires` and each response-shaping parameter (and any
 * other parameter) exactly as the blob route will read it. Repeated names
 * keep every value.
 */
function canonicalQuery(params: URLSearchParams): string {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of params) if (key !== SIGNATURE_PARAM) pairs.push([key, value]);
  pairs.sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1));
  return pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}

function signature(secret: string, method: 'GET' | 'PUT', id: string, params: URLSearchParams): string {
  return createHmac('sha256', secret).update(`${method}\n${id}\n${canonicalQuery(params)}`).digest('hex');
}

/** What to sign into a blob URL; see {@link signBlobUrl}. */
export interface SignBlobUrlInput {
  /** HMAC key. */
  secret: string;
  /** Origin the URL points at (the server's own). */
  origin: string;
  /** Attachment id (the blob key). */
  id: string;
  /** The only method the URL works for. */
  method: 'GET' | 'PUT';
  /** Expiry, Unix seconds; the URL works while now < expires. */
  expires: number;
  /**
   * Extra query parameters, signed with the rest: the response-shaping
   * `response-content-disposition` / `response-content-type` of a download.
   */
  extra?: Readonly<Record<string, string>>;
}

/**
 * A signed URL of the mock's blob store: `<origin>/_blob/<id>?expires=<s>&…&sig=<hmac>`.
 * The HMAC covers the method, the id and every query parameter, so changing,
 * adding or removing any of them (a `response-content-disposition` above
 * all) makes the URL fail with 403.
 */
export function signBlobUrl(input: SignBlobUrlInput): string {
  const url = new URL(`/_blob/${encodeURIComponent(input.id)}`, input.origin);
  url.searchParams.set('expires', String(input.expires));
  for (const [key, value] of Object.entries(input.extra ?? {})) url.searchParams.set(key, value);
  url.searchParams.set(SIGNATURE_PARAM, signature(input.secret, input.method, input.id, url.searchParams));
  return url.toString();
}

/** Outcome of {@link verifyBlobUrl}. */
export type BlobUrlCheck = 'ok' | 'bad-signature' | 'expired';

/** A blob request to check; see {@link verifyBlobUrl}. */
export interface VerifyBlobUrlInput {
  /** HMAC key. */
  secret: string;
  /** The id from the path, decoded. */
  id: string;
  /** The request's method (HEAD is checked as GET). */
  method: 'GET' | 'PUT';
  /** The request's query parameters, all of them. */
  params: URLSearchParams;
  /** Current time, Unix seconds. */
  nowSeconds: number;
}

/**
 * Checks a blob URL: the signature over method, id and every query
 * parameter first (`bad-signature`), then the expiry (`expired` once
 * now ≥ `expires`).
 */
export function verifyBlobUrl(input: VerifyBlobUrlInput): BlobUrlCheck {
  const sig = input.params.get(SIGNATURE_PARAM);
  const expires = input.params.get('expires');
  if (!sig || !expires || !/^\d+$/.test(expires) || input.params.getAll(SIGNATURE_PARAM).length !== 1) return 'bad-signature';
  const expected = Buffer.from(signature(input.secret, input.method, input.id, input.params));
  const actual = Buffer.from(sig);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'bad-signature';
  return input.nowSeconds < Number(expires) ? 'ok' : 'expired';
}
