import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockKiloChatServer, type MockServer, setupMockKiloChat } from '../src/index';
import { createConversation, createWorld, startTestServer, type World } from './helpers';

interface Answer {
  status: number;
  allow: string | null;
  body: unknown;
  headers: Headers;
}

async function ask(base: string, method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { method, headers });
  const text = await response.text();
  return { status: response.status, allow: response.headers.get('allow'), body: text === '' ? null : JSON.parse(text), headers: response.headers };
}

/** The same expectations on the Node server and on the msw face (both call one Hono app). */
function sharedCases(face: () => { base: string; userToken: string; botToken: string; conversationId: string }) {
  it('answers a wrong method on an existing path with 405, an Allow header and a JSON error', async () => {
    const { base, userToken, botToken, conversationId } = face();
    const auth = { authorization: `Bearer ${userToken}` };
    expect(await ask(base, 'DELETE', '/health')).toMatchObject({ status: 405, allow: 'GET, HEAD', body: { error: 'Method Not Allowed' } });
    expect(await ask(base, 'PUT', '/v1/conversations', auth)).toMatchObject({ status: 405, allow: 'GET, HEAD, POST' });
    expect(await ask(base, 'PUT', `/v1/conversations/${conversationId}`, auth)).toMatchObject({ status: 405, allow: 'GET, HEAD, PATCH' });
    expect(await ask(base, 'GET', '/v1/messages', auth)).toMatchObject({ status: 405, allow: 'POST' });
    expect(await ask(base, 'GET', '/connect-ticket', auth)).toMatchObject({ status: 405, allow: 'POST' });
    expect(await ask(base, 'DELETE', '/bot/v1/sandboxes/sb1/conversations', { authorization: `Bearer ${botToken}` })).toMatchObject({
      status: 405,
      allow: 'GET, HEAD, POST',
    });
    const blob = await ask(base, 'POST', '/_blob/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(blob).toMatchObject({ status: 405, allow: 'GET, HEAD, PUT' });
    expect(blob.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('still answers 404 for a path no route has, whatever the method', async () => {
    const { base, userToken } = face();
    const auth = { authorization: `Bearer ${userToken}` };
    for (const method of ['GET', 'POST', 'DELETE']) {
      expect(await ask(base, method, '/nope')).toMatchObject({ status: 404, allow: null, body: { error: 'Not found' } });
      expect(await ask(base, method, '/v1/nope', auth)).toMatchObject({ status: 404, allow: null });
    }
  });

  it('checks auth before the method on the authenticated surfaces', async () => {
    const { base } = face();
    expect((await ask(base, 'PUT', '/v1/conversations')).status).toBe(401);
  });

  it('keeps answering CORS preflights', async () => {
    const { base } = face();
    const preflight = await ask(base, 'OPTIONS', '/v1/conversations', {
      origin: 'https://app.kilo.ai',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.kilo.ai');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const ticket = await ask(base, 'OPTIONS', '/connect-ticket', { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' });
    expect(ticket.status).toBe(204);
    expect(ticket.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
}

describe('wrong methods on the Node server', () => {
  let server: MockServer;
  let world: World;
  let C: string;
  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world);
  });
  afterAll(() => server.close());

  sharedCases(() => ({ base: server.url, userToken: world.u1, botToken: world.bot1, conversationId: C }));

  it('answers 405 on a development route too', async () => {
    expect(await ask(server.url, 'GET', '/_dev/token')).toMatchObject({ status: 405, allow: 'POST' });
  });
});

describe('wrong methods on the msw face', () => {
  let mock: MockKiloChatServer;
  let userToken: string;
  let conversationId: string;
  beforeAll(async () => {
    mock = setupMockKiloChat({ seed: 'demo' });
    mock.core.createSandbox({ id: 'sb1', ownerId: 'alice' });
    mock.server.listen({ onUnhandledRequest: 'error' });
    userToken = await mock.mintUserToken('alice');
    conversationId = mock.demo!.welcomeConversationId;
  });
  afterAll(() => mock.server.close());

  sharedCases(() => ({ base: mock.baseUrl, userToken, botToken: mock.gatewayToken('sb1'), conversationId }));
});
