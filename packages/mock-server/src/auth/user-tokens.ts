import { SignJWT, jwtVerify } from 'jose';

/** Options of {@link mintUserToken}. */
export interface MintUserTokenOptions {
  /** Lifetime in seconds. Default 3600. Negative values mint an already-expired token. */
  expiresInSeconds?: number;
  /** Which claim carries the user id: `sub` (default) or the legacy `kiloUserId`. */
  claim?: 'sub' | 'kiloUserId';
  /** Extra claims to include (for example `env` or `aud`). */
  extraClaims?: Record<string, unknown>;
  /** Issued-at override in Unix seconds. Default: now. */
  issuedAt?: number;
}

const encoder = new TextEncoder();

/** Mints an HS256 user JWT the mock accepts, like the Kilo web app's tokens. */
export async function mintUserToken(secret: string, userId: string, options: MintUserTokenOptions = {}): Promise<string> {
  const now = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { ...options.extraClaims };
  if (options.claim === 'kiloUserId') claims.kiloUserId = userId;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600));
  if (options.claim !== 'kiloUserId') jwt.setSubject(userId);
  return jwt.sign(encoder.encode(secret));
}

/**
 * Verifies a user JWT (HS256, signature and expiry) and returns the user id
 * from `sub` or `kiloUserId`, or null for anything invalid.
 */
export async function verifyUserToken(secret: string, token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'], requiredClaims: ['exp'] });
    const id = typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : payload.kiloUserId;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or null. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
