import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createConversation, createWorld, openSocket, startTestServer, storeSnapshot, ticketFor, tryUpgrade, type World } from './helpers';

describe('fault injection', () => {
  let server: MockServer;
  let world: World;
  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await server.close();
  });

  it('fails the next N calls of a route with a status and changes nothing', async () => {
    const C = await createConversation(world);
    server.faults.failNext('POST /v1/messages', { status: 503, times: 2, body: { error: 'Try later' } });
    const body = { conversationId: C, content: [{ type: 'text', text: 'x' }] };
    const before = storeSnapshot(server);
    expect(await call(server, 'POST', '/v1/messages', { token: world.u1, body })).toMatchObject({ status: 503, body: { error: 'Try later' } });
    expect((await call(server, 'POST', '/v1/messages', { token: world.u1, body })).status).toBe(503);
    expect(storeSnapshot(server)).toBe(before);
    expect((await call(server, 'GET', `/v1/conversations/${C}/messages`, { token: world.u1 })).status).toBe(200);
    expect((await call(server, 'POST', '/v1/messages', { token: world.u1, body })).status).toBe(201);
  });

  it('matches path parameters and method-less patterns', async () => {
    const C = await createConversation(world);
    server.faults.failNext('/v1/conversations/:id/messages');
    expect((await call(server, 'GET', `/v1/conversations/${C}/messages`, { token: world.u1 })).status).toBe(500);
    server.faults.failNext('/bot/v1/*', { status: 502 });
    expect((await call(server, 'GET', '/bot/v1/sandboxes/sb1/conversations', { token: world.bot1 })).status).toBe(502);
    expect((await call(server, 'GET', '/bot/v1/sandboxes/sb1/conversations', { token: world.bot1 })).status).toBe(200);
  });

  it('adds latency to matching calls (fake timers, through app.fetch)', async () => {
    vi.useFakeTimers();
    server.faults.addLatency(5_000, 'GET /health');
    let settled = false;
    const pending = Promise.resolve(server.app.fetch(new Request(`${server.url}/health`))).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
    server.faults.clearLatency();
    expect((await server.app.fetch(new Request(`${server.url}/health`))).status).toBe(200);
  });

  it('drops every socket without a close frame', async () => {
    const s = await openSocket(server, world.u1, ['/x']);
    server.faults.dropAllSockets();
    expect(await s.closed()).toBe(1006);
    expect(server.core.realtime.sessions()).toHaveLength(0);
  });

  it('closes every socket with a code', async () => {
    const a = await openSocket(server, world.u1);
    const b = await openSocket(server, world.u2);
    server.faults.closeAllSockets(4001, 'maintenance');
    expect(await a.closed()).toBe(4001);
    expect(await b.closed()).toBe(4001);
  });

  it('stops answering pings while still delivering events, then resumes', async () => {
    const s = await openSocket(server, world.u1);
    server.faults.stopAnsweringPings();
    s.send('ping');
    s.send({ type: 'context.subscribe', contexts: ['/x'] });
    await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', '/x')).toBe(true));
    server.core.realtime.pushEvent('u1', '/x', 'probe', {});
    await s.waitFor(() => s.events('probe').length === 1);
    expect(s.frames.includes('pong')).toBe(false);
    server.faults.resumeAnsweringPings();
    await s.roundTrip();
    s.close();
  });

  it('goes half-open: frames are ignored and nothing is sent, yet the socket stays open', async () => {
    const s = await openSocket(server, world.u1, ['/x']);
    server.faults.setHalfOpen(true);
    s.send('ping');
    s.send({ type: 'context.subscribe', contexts: ['/y'] });
    const [session] = server.core.realtime.sessions();
    await vi.waitFor(() => expect(session!.framesReceived).toBeGreaterThanOrEqual(4));
    expect(server.core.realtime.pushEvent('u1', '/x', 'lost', {})).toBe(true);
    server.faults.setHalfOpen(false);
    await s.subscribe(['/z']);
    expect(s.events('lost')).toEqual([]);
    expect(s.frames.filter((f) => f === 'pong')).toHaveLength(2);
    expect(server.core.realtime.isUserInContext('u1', '/y')).toBe(false);
    expect(s.closeCode).toBeNull();
    s.close();
  });

  it('expires outstanding tickets early and shortens new ones', async () => {
    const ticket = await ticketFor(server, world.u1);
    server.faults.expireTickets();
    expect((await tryUpgrade(`${server.eventsUrl}/connect?ticket=${ticket}`)).status).toBe(401);
    server.faults.setTicketTtl(0);
    const instant = await ticketFor(server, world.u1);
    expect((await tryUpgrade(`${server.eventsUrl}/connect?ticket=${instant}`)).status).toBe(401);
  });

  it('refuses upgrades without consuming the ticket', async () => {
    const ticket = await ticketFor(server, world.u1);
    server.faults.refuseUpgrades(1, 503);
    expect((await tryUpgrade(`${server.eventsUrl}/connect?ticket=${ticket}`)).status).toBe(503);
    const ok = await tryUpgrade(`${server.eventsUrl}/connect?ticket=${ticket}`);
    expect(ok.status).toBe(101);
    ok.ws!.close();
  });

  it('resets everything', async () => {
    server.faults.failNext('GET /health', { times: 5 });
    server.faults.refuseUpgrades();
    server.faults.stopAnsweringPings();
    server.faults.reset();
    expect((await call(server, 'GET', '/health')).status).toBe(200);
    const s = await openSocket(server, world.u1);
    await s.roundTrip();
    s.close();
  });

  describe('over HTTP (/_control)', () => {
    const control = (path: string, body?: unknown) => call(server, 'POST', `/_control/${path}`, body === undefined ? {} : { body });

    it('scripts failures and is never failed itself', async () => {
      expect((await control('fail', { route: '*', status: 418, times: 1 })).body).toEqual({ ok: true });
      expect((await control('reset')).status).toBe(200);
      expect((await control('fail', { route: 'GET /health', status: 418 })).status).toBe(200);
      expect((await call(server, 'GET', '/health')).status).toBe(418);
      expect((await control('fail', { route: '' })).status).toBe(400);
    });

    it('drives sockets, pings, tickets and upgrades', async () => {
      const s = await openSocket(server, world.u1);
      expect((await control('sockets/close', { code: 4003, reason: 'bye' })).status).toBe(200);
      expect(await s.closed()).toBe(4003);
      const t = await openSocket(server, world.u1);
      await control('sockets/drop');
      expect(await t.closed()).toBe(1006);
      await control('pings', { enabled: false });
      expect(server.core.realtime.answerPings).toBe(false);
      await control('pings', { enabled: true });
      await control('half-open', { enabled: true });
      expect(server.core.realtime.halfOpen).toBe(true);
      await control('half-open', { enabled: false });
      const ticket = await ticketFor(server, world.u1);
      await control('tickets/expire');
      expect((await tryUpgrade(`${server.eventsUrl}/connect?ticket=${ticket}`)).status).toBe(401);
      await control('tickets/ttl', { ms: 30_000 });
      await control('upgrades/refuse', { times: 1, status: 502 });
      expect((await tryUpgrade(`${server.eventsUrl}/connect?ticket=${await ticketFor(server, world.u1)}`)).status).toBe(502);
      await control('badge-clear/fail', { times: 1 });
      expect(server.faults.takeBadgeClearFailure()).toBe(true);
      expect((await control('latency', { ms: 0 })).status).toBe(200);
      expect((await call(server, 'DELETE', '/_control/latency')).status).toBe(200);
    });

    it('is absent when dev routes are off', async () => {
      const prod = await startTestServer({ devRoutes: false });
      expect((await call(prod, 'POST', '/_control/reset')).status).toBe(404);
      expect((await call(prod, 'POST', '/_dev/token', { body: { userId: 'x' } })).status).toBe(404);
      await prod.close();
    });
  });
});
