import type { MiddlewareHandler } from 'hono';
import type { MockAppEnv } from './app-env.js';

/** Whether `host` (an interface or a host name) is a loopback one. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** Whether `host` is a wildcard interface (any address), whose names are not known. */
function isWildcardHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '0.0.0.0' || bare === '::' || bare === '';
}

/** The host name of a `Host` header, without port or IPv6 brackets, lower case. */
function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']'));
  return value.replace(/:\d*$/, '');
}

/**
 * Guards `/_dev/*` and `/_control/*`:
 *
 * - the `Host` header must name the bound interface (any loopback name when
 *   bound to loopback), so a page on another name that resolves to this
 *   server (DNS rebinding) gets 403 `Host not allowed`; a wildcard bind
 *   (`0.0.0.0`, `::`) checks nothing;
 * - a request with a body, or any `content-type`, must be
 *   `application/json`, else 415 `Unsupported Media Type` — a cross-site form
 *   or `text/plain` post (no CORS preflight) never reaches a dev route.
 *
 * `boundHost` undefined (msw) skips the Host check.
 */
export function devRouteGuard(boundHost: string | undefined): MiddlewareHandler<MockAppEnv> {
  const check = boundHost !== undefined && !isWildcardHost(boundHost);
  const loopback = boundHost !== undefined && isLoopbackHost(boundHost);
  const bound = boundHost === undefined ? '' : hostName(boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost);
  return async (c, next) => {
    if (check) {
      const name = hostName(c.req.header('host') ?? '');
      const allowed = name === bound || (loopback && isLoopbackHost(name));
      if (!allowed) return c.json({ error: 'Host not allowed' }, 403);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const type = c.req.header('content-type');
      const length = c.req.header('content-length');
      const hasBody = c.req.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
      if (type !== undefined || hasBody) {
        const mediaType = (type ?? '').split(';')[0]!.trim().toLowerCase();
        if (mediaType !== 'application/json') return c.json({ error: 'Unsupported Media Type' }, 415);
      }
    }
    return next();
  };
}
