import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockKiloChatServer, type MockServer, setupMockKiloChat } from '../../src/index';
import { call, createConversation, createWorld, startTestServer, tryUpgrade, type World } from '../helpers';

/** Escapes `decodeURIComponent` refuses: truncated, not hex, overlong, a surrogate, a stray byte. */
const MALFORMED = ['%E0%A4%A', '%', '%%%', '%G0', 'a%2', '%C0%AF', '%ED%A0%80', '%FF', '%80abc'];

/**
 * A path segment that does not percent-decode used to throw a URIError in
 * the bot auth and answer 500. Every route that reads a path segment must
 * answer a 4xx instead: the request is the client's mistake.
 */
describe('malformed percent-escapes in the path', () => {
  let server: MockServer;
  let world: World;
  let C: string;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world, 'escapes');
  });
  afterAll(() => server.close());

  it('answers 400 Invalid sandboxId on the bot surface, before any token check', async () => {
    for (const bad of MALFORMED) {
      const res = await call(server, 'GET', `/bot/v1/sandboxes/${bad}/conversations`, { token: world.bot1 });
      expect(res, bad).toMatchObject({ status: 400, body: { error: 'Invalid sandboxId' } });
      const noToken = await call(server, 'POST', `/bot/v1/sandboxes/${bad}/messages`, { body: {} });
      expect(noToken.status, bad).toBe(400);
    }
  });

  it('answers a 4xx, never a 5xx, on human, bot, blob, event and unknown routes', async () => {
    const routes = (bad: string): Array<[string, string, string | undefined]> => [
      ['GET', `/v1/conversations/${bad}`, world.u1],
      ['PATCH', `/v1/conversations/${bad}`, world.u1],
      ['GET', `/v1/conversations/${bad}/messages`, world.u1],
      ['GET', `/v1/sandboxes/${bad}/bot-status`, world.u1],
      ['GET', `/v1/attachments/${bad}/url?conversationId=${C}`, world.u1],
      ['DELETE', `/v1/messages/${bad}?conversationId=${bad}`, world.u1],
      ['DELETE', `/v1/messages/${bad}/reactions?conversationId=${C}&emoji=${bad}`, world.u1],
      ['GET', `/bot/v1/sandboxes/sb1/conversations/${bad}/members`, world.bot1],
      ['POST', `/bot/v1/sandboxes/sb1/conversations/${C}/actions/${bad}/delivery-failed`, world.bot1],
      ['GET', `/_blob/${bad}?expires=${bad}&sig=${bad}`, undefined],
      ['PUT', `/_blob/${bad}?expires=1&sig=00`, undefined],
      ['GET', `/connect?ticket=${bad}`, undefined],
      ['POST', `/connect-ticket/${bad}`, world.u1],
      ['GET', `/_dev/gateway-token?sandboxId=${bad}`, undefined],
      ['GET', `/${bad}`, undefined],
    ];
    for (const bad of MALFORMED) {
      for (const [method, path, token] of routes(bad)) {
        const res = await call(server, method, path, token ? { token } : {});
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });

  it('refuses an event-socket upgrade whose ticket does not percent-decode with 401', async () => {
    for (const bad of MALFORMED) {
      const attempt = await tryUpgrade(`${server.eventsUrl}/connect?ticket=${bad}`, ['kilo.events.v1']);
      expect(attempt.status, bad).toBe(401);
    }
  });
});

describe('malformed percent-escapes on the msw face', () => {
  let mock: MockKiloChatServer;
  let token: string;
  beforeAll(async () => {
    mock = setupMockKiloChat({ seed: 'demo' });
    mock.server.listen({ onUnhandledRequest: 'error' });
    token = await mock.mintUserToken('alice');
  });
  afterAll(() => mock.server.close());

  it('answers the same 4xx as the Node server', async () => {
    for (const bad of MALFORMED) {
      const botRoute = await fetch(`${mock.baseUrl}/bot/v1/sandboxes/${bad}/conversations`, {
        headers: { authorization: `Bearer ${mock.gatewayToken('demo-sandbox')}` },
      });
      expect(botRoute.status, bad).toBe(400);
      for (const path of [`/v1/conversations/${bad}`, `/_blob/${bad}?expires=1&sig=00`, `/${bad}`]) {
        const res = await fetch(`${mock.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
      }
    }
  });
});
