import type { MiddlewareHandler } from 'hono';
import { verifyGatewayToken } from '../auth/gateway-token.js';
import { bearerToken, verifyUserToken } from '../auth/user-tokens.js';
import { SANDBOX_ID_RE, botIdForSandbox } from '../core/bot-identity.js';
import type { ChatCore } from '../core/chat-core.js';
import { CoreError } from '../core/core-error.js';
import type { MockAppEnv } from './app-env.js';

/** Resolves the user id of a request's bearer JWT, or throws 401 `Unauthorized`. */
export async function requireUser(authorization: string | undefined, jwtSecret: string): Promise<string> {
  const token = bearerToken(authorization);
  const userId = token ? await verifyUserToken(jwtSecret, token) : null;
  if (!userId) throw new CoreError(401, 'Unauthorized');
  return userId;
}

/** `/v1/*`: a valid user JWT is required; the caller becomes that user. */
export function userAuth(jwtSecret: string): MiddlewareHandler<MockAppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const userId = await requireUser(c.req.header('authorization'), jwtSecret);
    c.set('caller', { id: userId, kind: 'user' });
    await next();
  };
}

/**
 * A path segment percent-decoded, or null when it holds a malformed escape
 * (`%`, `%G0`, `%E0%A4%A`, an invalid UTF-8 sequence) that
 * `decodeURIComponent` refuses with a URIError.
 */
function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * `/bot/v1/sandboxes/:sandboxId/*`: the sandbox id is checked first (400,
 * also for a segment that does not percent-decode),
 * then the gateway bearer (401); the caller becomes `bot:kiloclaw:<sandboxId>`.
 */
export function botAuth(core: ChatCore): MiddlewareHandler<MockAppEnv> {
  return async (c, next) => {
    const segments = new URL(c.req.url).pathname.split('/');
    const sandboxId = decodePathSegment(segments[4] ?? '');
    if (sandboxId === null || !SANDBOX_ID_RE.test(sandboxId)) throw new CoreError(400, 'Invalid sandboxId');
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new CoreError(401, 'Unauthorized');
    if (!core.gatewaySecret) throw new CoreError(503, 'Configuration error');
    if (!verifyGatewayToken(core.gatewaySecret, sandboxId, token)) throw new CoreError(401, 'Unauthorized');
    c.set('caller', { id: botIdForSandbox(sandboxId), kind: 'bot' });
    c.set('sandboxId', sandboxId);
    await next();
  };
}
