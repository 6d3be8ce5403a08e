/**
 * Shared shape and assertions of the route-by-route wire tests of
 * `KiloChatClient` (H1–H21) and `KiloChatBotClient` (B1–B18).
 */
import { expect } from 'vitest';
import { KiloChatApiError, kiloChatRoutes } from '../../src/index';
import type { KiloChatRouteId } from '../../src/index';
import type { LoopbackServer } from './loopback-server';

/** One route driven through a client `C`. */
export interface RouteCase<C> {
  id: KiloChatRouteId;
  title: string;
  invoke: (client: C) => Promise<unknown>;
  method: string;
  /** The path on the wire (for bot routes: after `/bot/v1/sandboxes/<sandboxId>`). */
  path: string;
  /** Expected query pairs in wire order (empty → no `?` at all). */
  query?: [string, string][];
  /** Expected JSON body; undefined → no body and no Content-Type. */
  body?: unknown;
  status: number;
  json?: unknown;
  result: unknown;
  /** The error case: status and body the server sends, and the code expected. */
  error: { status: number; json: unknown; code: string };
}

/** The common 403 error case. */
export const forbidden = { status: 403, json: { error: 'Forbidden' }, code: 'forbidden' };

/**
 * Asserts the one request the server received is `route` as documented:
 * method and `fullPath` (also checked against the route table), query in
 * order, bearer `token` (never in the URL), and a JSON body only when there is one.
 */
export function expectWireRequest<C>(server: LoopbackServer, route: RouteCase<C>, fullPath: string, token: string): void {
  expect(server.requests).toHaveLength(1);
  const request = server.requests[0]!;
  expect(request.method).toBe(route.method);
  expect(request.path).toBe(fullPath);
  // The route table agrees with what went out.
  expect(kiloChatRoutes[route.id].method).toBe(route.method);
  expect(fullPath).toMatch(new RegExp(`^${kiloChatRoutes[route.id].path.replace(/\{\w+\}/g, '[^/]+')}$`));

  expect(request.query).toEqual(route.query ?? []);
  if (route.query === undefined) expect(request.url).not.toContain('?');

  expect(request.headers.authorization).toBe(`Bearer ${token}`);
  if (route.body === undefined) {
    expect(request.bodyText).toBe('');
    expect(request.headers['content-type']).toBeUndefined();
  } else {
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual(route.body);
  }
  expect(request.url).not.toContain(token);
}

/** Asserts `error` is the `KiloChatApiError` of `route.error`, with no token in its message. */
export function expectRouteApiError<C>(error: unknown, route: RouteCase<C>, token: string): KiloChatApiError {
  expect(error).toBeInstanceOf(KiloChatApiError);
  const apiError = error as KiloChatApiError;
  expect(apiError.status).toBe(route.error.status);
  expect(apiError.body).toEqual(route.error.json);
  expect(apiError.code).toBe(route.error.code);
  expect(apiError.message).not.toContain(token);
  return apiError;
}
