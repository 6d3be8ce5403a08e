import type { HttpCall, HttpInterceptor } from './deviation.js';

/** @internal Reads a response's JSON body (null when it has none). */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** @internal A JSON response. */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  const out = new Headers(headers);
  out.set('content-type', 'application/json');
  out.delete('content-length');
  return new Response(JSON.stringify(body), { status, headers: out });
}

/** @internal A copy of `request` with a new JSON body. */
export function withJsonBody(request: Request, body: unknown): Request {
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  headers.set('content-type', 'application/json');
  return new Request(request.url, { method: request.method, headers, body: JSON.stringify(body) });
}

type Json = Record<string, unknown>;

/**
 * @internal An interceptor for requests whose method is `method` and whose
 * path matches `pattern`; `handler` gets the match groups too.
 */
export function route(
  method: string,
  pattern: RegExp,
  handler: (call: HttpCall, next: (request?: Request) => Promise<Response>, match: RegExpMatchArray) => Promise<Response>,
): HttpInterceptor {
  return (call, next) => {
    const match = call.method === method ? call.path.match(pattern) : null;
    return match ? handler(call, next, match) : next();
  };
}

/**
 * @internal Rewrites the JSON body (and status) of matching responses; `edit`
 * returns the new body, or `[status, body]`, or undefined to keep it.
 */
export function rewriteResponse(
  method: string,
  pattern: RegExp,
  edit: (body: Json, status: number, call: HttpCall, match: RegExpMatchArray) => Json | unknown[] | [number, unknown] | undefined | Promise<Json | [number, unknown] | undefined>,
): HttpInterceptor {
  return route(method, pattern, async (call, next, match) => {
    const response = await next();
    if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
    const body = (await readJson(response)) as Json;
    const edited = await edit(body, response.status, call, match);
    if (edited === undefined) return jsonResponse(response.status, body, response.headers);
    if (Array.isArray(edited) && edited.length === 2 && typeof edited[0] === 'number') return jsonResponse(edited[0], edited[1], response.headers);
    return jsonResponse(response.status, edited, response.headers);
  });
}

/** @internal Rewrites the JSON body of matching requests; `edit` returns the new body or undefined to keep it. */
export function rewriteRequest(method: string, pattern: RegExp, edit: (body: Json, call: HttpCall) => Json | undefined): HttpInterceptor {
  return route(method, pattern, async (call, next) => {
    const body = await call.json();
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return next();
    const edited = edit(body as Json, call);
    return edited === undefined ? next() : next(withJsonBody(call.request, edited));
  });
}

/** @internal Reads the user id of a bearer JWT without verifying it. */
export function bearerUserId(request: Request): string | null {
  const match = /^Bearer ([^.\s]+)\.([^.\s]+)\.[^.\s]*$/.exec(request.headers.get('authorization') ?? '');
  if (!match) return null;
  try {
    const claims = JSON.parse(Buffer.from(match[2] as string, 'base64url').toString('utf8')) as { sub?: unknown; kiloUserId?: unknown };
    const id = claims.sub ?? claims.kiloUserId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
