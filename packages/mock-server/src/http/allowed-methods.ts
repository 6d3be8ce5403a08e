import type { RouterRoute } from 'hono/types';

/** The body of every 405. */
export const METHOD_NOT_ALLOWED_BODY = { error: 'Method Not Allowed' } as const;

/** Methods listed in the order an `Allow` header names them. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

interface CompiledRoute {
  pattern: RegExp;
  method: string;
}

/** `/v1/conversations/:conversationId/messages` → a RegExp matching one path of it. */
function compile(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * Which methods each path of an app answers, from its route table (taken
 * once every route is registered; middleware, registered for all methods,
 * does not count). A GET route answers HEAD too, as Hono does.
 */
export class AllowedMethods {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly RouterRoute[]) {
    this.routes = routes
      .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
      .map((route) => ({ pattern: compile(route.path), method: route.method.toUpperCase() }));
  }

  /** The methods `path` answers, in `Allow` order; empty for a path no route has. */
  forPath(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) {
      if (!route.pattern.test(path)) continue;
      methods.add(route.method);
      if (route.method === 'GET') methods.add('HEAD');
    }
    return METHOD_ORDER.filter((method) => methods.has(method));
  }
}
