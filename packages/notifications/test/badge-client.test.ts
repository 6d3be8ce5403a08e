import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestDeadlineError } from '@kilocode/event-service';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BadgeClient, NotificationsApiError, NotificationsError } from '../src/index';

/**
 * A loopback stand-in for the notifications service's badge routes: one
 * bucket map per user, users identified by their bearer token.
 */
interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

const users: Record<string, string> = { 'token-alice': 'alice', 'token-bob': 'bob' };
let buckets: Record<string, Map<string, number>>;
let requests: Recorded[];
let mode: 'normal' | 'malformed' | 'crash' | 'slow';

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  for await (const chunk of req) body += chunk;
  requests.push({
    method: req.method ?? '',
    url: req.url ?? '',
    authorization: req.headers.authorization,
    contentType: req.headers['content-type'],
    body,
  });
  if (mode === 'slow') return; // never answers
  if (mode === 'crash') {
    res.writeHead(503, { 'Content-Type': 'text/plain' });
    res.end('upstream down');
    return;
  }
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const userId = token === undefined ? undefined : users[token];
  if (userId === undefined) return send(res, 401, { error: 'Unauthorized' });
  const own = (buckets[userId] ??= new Map());
  const total = () => [...own.values()].reduce((sum, n) => sum + n, 0);
  if (req.method === 'GET' && req.url === '/v1/badges') {
    if (mode === 'malformed') return send(res, 200, { buckets: [{ badgeBucket: 'kiloclaw:sb', badgeCount: 'three' }] });
    return send(res, 200, { buckets: [...own].filter(([, n]) => n > 0).map(([badgeBucket, badgeCount]) => ({ badgeBucket, badgeCount })) });
  }
  if (req.method === 'POST' && req.url === '/v1/badges/mark-read') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = null;
    }
    const bucket = (parsed as { badgeBucket?: unknown } | null)?.badgeBucket;
    if (typeof bucket !== 'string' || bucket === '') return send(res, 400, { error: 'badgeBucket required' });
    own.delete(bucket);
    return send(res, 200, { badgeCount: total() });
  }
  send(res, 404, { error: 'Not found' });
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  mode = 'normal';
  requests = [];
  buckets = {
    alice: new Map([
      ['kiloclaw:sb1:c1', 2],
      ['kiloclaw:sb1:c2', 1],
      ['kiloclaw:sb2', 4],
    ]),
    bob: new Map([['kiloclaw:sb9:c9', 7]]),
  };
});

const client = (token = 'token-alice', extra: Partial<ConstructorParameters<typeof BadgeClient>[0]> = {}) =>
  new BadgeClient({ baseUrl, getToken: () => token, ...extra });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('BadgeClient against a loopback server', () => {
  it('lists the caller’s non-zero buckets with a bearer token that never appears in the URL', async () => {
    const { buckets: rows } = await client().listBadges();
    expect(rows).toEqual(
      expect.arrayContaining([
        { badgeBucket: 'kiloclaw:sb1:c1', badgeCount: 2 },
        { badgeBucket: 'kiloclaw:sb1:c2', badgeCount: 1 },
        { badgeBucket: 'kiloclaw:sb2', badgeCount: 4 },
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(requests).toEqual([
      { method: 'GET', url: '/v1/badges', authorization: 'Bearer token-alice', contentType: undefined, body: '' },
    ]);
  });

  it('only ever sees the caller’s own buckets', async () => {
    expect((await client('token-bob').listBadges()).buckets).toEqual([{ badgeBucket: 'kiloclaw:sb9:c9', badgeCount: 7 }]);
  });

  it('marks a bucket read and returns the remaining total; repeating it or an unknown bucket returns the same total', async () => {
    const badges = client();
    expect(await badges.markBadgeRead('kiloclaw:sb1:c1')).toEqual({ badgeCount: 5 });
    expect(await badges.markBadgeRead('kiloclaw:sb1:c1')).toEqual({ badgeCount: 5 });
    expect(await badges.markBadgeRead('kiloclaw:sb7:never')).toEqual({ badgeCount: 5 });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/v1/badges/mark-read',
      contentType: 'application/json',
      body: JSON.stringify({ badgeBucket: 'kiloclaw:sb1:c1' }),
    });
    expect((await badges.listBadges()).buckets.map((row) => row.badgeBucket)).not.toContain('kiloclaw:sb1:c1');
  });

  it('rejects a malformed bucket before sending anything', async () => {
    const error = await rejection(client().markBadgeRead('kiloclaw:sb:a:b'));
    expect(error).toBeInstanceOf(NotificationsError);
    expect(error).not.toBeInstanceOf(NotificationsApiError);
    expect((error as NotificationsError).code).toBe('invalid_input');
    expect((error as NotificationsError).issues[0]?.path).toEqual(['badgeBucket']);
    expect(requests).toHaveLength(0);
  });

  it('turns a 401 into NotificationsApiError with status, body and code, without the token in the message', async () => {
    const error = await rejection(client('token-stolen').listBadges());
    expect(error).toBeInstanceOf(NotificationsApiError);
    expect(error).toBeInstanceOf(NotificationsError);
    const apiError = error as NotificationsApiError;
    expect(apiError).toMatchObject({ status: 401, body: { error: 'Unauthorized' }, code: 'unauthorized', name: 'NotificationsApiError' });
    expect(apiError.message).toBe('Notifications API error: 401');
    expect(JSON.stringify({ ...apiError, message: apiError.message, stack: apiError.stack })).not.toContain('token-stolen');
  });

  it('retries exactly once with a fresh token when onUnauthorized answers retry', async () => {
    const tokens = ['token-expired', 'token-alice'];
    const getToken = vi.fn(() => tokens.shift() ?? 'token-none');
    const onUnauthorized = vi.fn(() => 'retry' as const);
    const result = await new BadgeClient({ baseUrl, getToken, onUnauthorized }).listBadges();
    expect(result.buckets).toHaveLength(3);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(requests.map((r) => r.authorization)).toEqual(['Bearer token-expired', 'Bearer token-alice']);
  });

  it('does not loop when the retry is rejected too', async () => {
    const onUnauthorized = vi.fn(() => 'retry' as const);
    const error = await rejection(client('token-bad', { onUnauthorized }).listBadges());
    expect((error as NotificationsApiError).status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(requests).toHaveLength(2);
  });

  it('throws without retrying when onUnauthorized answers stop', async () => {
    const error = await rejection(client('token-bad', { onUnauthorized: () => 'stop' }).listBadges());
    expect((error as NotificationsApiError).code).toBe('unauthorized');
    expect(requests).toHaveLength(1);
  });

  it('rejects a malformed 2xx body as invalid_response with the issue paths', async () => {
    mode = 'malformed';
    const error = (await rejection(client().listBadges())) as NotificationsApiError;
    expect(error).toBeInstanceOf(NotificationsApiError);
    expect(error.code).toBe('invalid_response');
    expect(error.status).toBe(200);
    expect(error.issues.map((issue) => issue.path)).toEqual([['buckets', 0, 'badgeCount']]);
  });

  it('keeps a non-JSON error body as text and maps 503 to unavailable and other 5xx to server_error', async () => {
    mode = 'crash';
    const error = (await rejection(client().listBadges())) as NotificationsApiError;
    expect(error).toMatchObject({ status: 503, body: 'upstream down', code: 'unavailable' });
    expect(new NotificationsApiError(500, null).code).toBe('server_error');
    expect(new NotificationsApiError(400, null).code).toBe('invalid_request');
    expect(new NotificationsApiError(418, null).code).toBe('http_error');
  });

  it('rejects with the caller’s reason when the signal aborts mid-request', async () => {
    mode = 'slow';
    const controller = new AbortController();
    const pending = client().listBadges({ signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    const reason = new Error('user left the screen');
    controller.abort(reason);
    expect(await rejection(pending)).toBe(reason);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await rejection(client().markBadgeRead('kiloclaw:sb1', { signal: controller.signal }));
    expect(requests).toHaveLength(0);
  });

  it('rejects with RequestDeadlineError when the server does not answer in time', async () => {
    mode = 'slow';
    const error = await rejection(client('token-alice', { deadlineMs: 100 }).listBadges());
    expect(error).toBeInstanceOf(RequestDeadlineError);
  });

  it('uses an injected fetch and ignores a trailing slash in baseUrl', async () => {
    const seen: string[] = [];
    const badges = new BadgeClient({
      baseUrl: `${baseUrl}/`,
      getToken: async () => 'token-bob',
      fetch: (input, init) => {
        seen.push(input);
        return fetch(input, init);
      },
    });
    await badges.listBadges();
    expect(seen).toEqual([`${baseUrl}/v1/badges`]);
  });
});
