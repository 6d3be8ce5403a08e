import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createWorld, openSocket, startTestServer, ticketFor, tryUpgrade, type World } from './helpers';

describe('event service face', () => {
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

  const push = (userId: string, context: string, n = 1) => {
    for (let i = 0; i < n; i += 1) server.core.realtime.pushEvent(userId, context, 'test.event', { i });
  };

  describe('tickets', () => {
    it('mints an opaque UUID ticket that works once, and echoes the subprotocol', async () => {
      const ticket = await ticketFor(server, world.u1);
      expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
      expect(ticket.split('.')).toHaveLength(1);
      const first = await tryUpgrade(`${server.eventsUrl}/connect?ticket=${ticket}`, ['other', 'kilo.events.v1']);
      expect(first).toMatchObject({ status: 101, protocol: 'kilo.events.v1' });
      first.ws!.close();
      expect((await tryUpgrade(`${server.eventsUrl}/connect?ticket=${ticket}`, ['kilo.events.v1'])).status).toBe(401);
    });

    it('upgrades without a subprotocol when none is offered', async () => {
      const res = await tryUpgrade(`${server.eventsUrl}/connect?ticket=${await ticketFor(server, world.u1)}`);
      expect(res).toMatchObject({ status: 101, protocol: '' });
      res.ws!.close();
    });

    it('refuses unknown, missing and expired tickets with 401', async () => {
      expect((await tryUpgrade(`${server.eventsUrl}/connect?ticket=nope`)).status).toBe(401);
      expect((await tryUpgrade(`${server.eventsUrl}/connect`)).status).toBe(401);
      const start = Date.now();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(start);
      const ticket = await ticketFor(server, world.u1);
      vi.setSystemTime(start + 29_999);
      const inTime = await tryUpgrade(`${server.eventsUrl}/connect?ticket=${ticket}`);
      expect(inTime.status).toBe(101);
      inTime.ws!.close();
      const late = await ticketFor(server, world.u1);
      vi.setSystemTime(start + 29_999 + 30_000);
      expect((await tryUpgrade(`${server.eventsUrl}/connect?ticket=${late}`)).status).toBe(401);
    });

    it('answers 426 for a non-upgrade GET and a wrongly cased Upgrade header, without consuming the ticket', async () => {
      const ticket = await ticketFor(server, world.u1);
      expect((await call(server, 'GET', `/connect?ticket=${ticket}`)).status).toBe(426);
      const raw = await new Promise<string>((resolve) => {
        import('node:net').then(({ connect }) => {
          const socket = connect(server.port, '127.0.0.1', () => {
            socket.write(
              `GET /connect?ticket=${ticket} HTTP/1.1\r\nHost: x\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n` +
                'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
            );
          });
          let data = '';
          socket.on('data', (chunk) => (data += chunk.toString()));
          socket.on('close', () => resolve(data));
        });
      });
      expect(raw.startsWith('HTTP/1.1 426')).toBe(true);
      const ok = await tryUpgrade(`${server.eventsUrl}/connect?ticket=${ticket}`);
      expect(ok.status).toBe(101);
      ok.ws!.close();
    });

    it('answers CORS preflights on /connect-ticket for allowed origins only', async () => {
      const allowed = await fetch(`${server.url}/connect-ticket`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const denied = await fetch(`${server.url}/connect-ticket`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('frames', () => {
    it('delivers only subscribed contexts, exactly, with seq from 1 per socket', async () => {
      const a = await openSocket(server, world.u1, ['/a']);
      const b = await openSocket(server, world.u1, ['/a', '/b']);
      push('u1', '/a');
      push('u1', '/b');
      push('u1', '/a/child');
      await b.waitFor(() => b.events().length === 2);
      await a.roundTrip();
      expect(a.events().map((f) => [f.context, f.seq])).toEqual([['/a', 1]]);
      expect(b.events().map((f) => [f.context, f.seq])).toEqual([
        ['/a', 1],
        ['/b', 2],
      ]);
      expect(server.core.realtime.pushEvent('u1', '/none', 'x', {})).toBe(false);
      expect(server.core.realtime.pushEvent('u2', '/a', 'x', {})).toBe(false);
      a.close();
      b.close();
    });

    it('stops delivering after unsubscribe and answers text ping with pong', async () => {
      const s = await openSocket(server, world.u1, ['/a']);
      s.send({ type: 'context.unsubscribe', contexts: ['/a'] });
      await s.roundTrip();
      push('u1', '/a');
      await s.roundTrip();
      expect(s.events()).toEqual([]);
      expect(s.frames.filter((f) => f === 'pong').length).toBeGreaterThanOrEqual(2);
      s.close();
    });

    it('drops invalid frames silently; one bad context poisons the whole message', async () => {
      const s = await openSocket(server, world.u1);
      for (const frame of [
        'not json',
        { type: 'presence.ping' },
        { type: 'context.subscribe', contexts: ['/ok', ''] },
        { type: 'context.subscribe', contexts: ['/ok', 'x'.repeat(257)] },
        { type: 'context.subscribe', contexts: Array.from({ length: 201 }, (_, i) => `/c${i}`) },
        { type: 'ack', seq: -1 },
        { type: 'ack', seq: 1.5 },
      ]) {
        s.send(frame);
      }
      await s.roundTrip();
      expect(s.frames.filter((f) => f !== 'pong')).toEqual([]);
      expect(server.core.realtime.isUserInContext('u1', '/ok')).toBe(false);
      expect(server.core.realtime.isUserInContext('u1', '/c200')).toBe(false);
      s.close();
    });

    it('caps a socket at 200 contexts cumulatively and reports too_many_contexts once per overflowing frame', async () => {
      const s = await openSocket(server, world.u1);
      await s.subscribe(Array.from({ length: 150 }, (_, i) => `/a${i}`));
      await s.subscribe(Array.from({ length: 100 }, (_, i) => `/b${i}`));
      expect(s.frames.filter((f) => f !== 'pong')).toEqual([{ type: 'error', code: 'too_many_contexts', max: 200 }]);
      expect(server.core.realtime.isUserInContext('u1', '/b49')).toBe(true);
      expect(server.core.realtime.isUserInContext('u1', '/b50')).toBe(false);
      await s.subscribe(['/a0']);
      expect(s.frames.filter((f) => f !== 'pong')).toHaveLength(1);
      expect(s.closeCode).toBeNull();
      s.close();
    });

    it('closes with 4002 when more than 50 events are unacked after a first ack', async () => {
      const s = await openSocket(server, world.u1, ['/z']);
      s.send({ type: 'ack', seq: 0 });
      await s.roundTrip();
      push('u1', '/z', 50);
      await s.roundTrip();
      expect(s.closeCode).toBeNull();
      push('u1', '/z', 1);
      expect(await s.closed()).toBe(4002);
    });

    it('keeps acking sockets open and never closes one that never acked', async () => {
      const acking = await openSocket(server, world.u1, ['/z']);
      const silent = await openSocket(server, world.u2, ['/z']);
      push('u1', '/z', 40);
      await acking.waitFor(() => acking.events().length === 40);
      acking.send({ type: 'ack', seq: 40 });
      await acking.roundTrip();
      push('u1', '/z', 40);
      push('u2', '/z', 60);
      await acking.waitFor(() => acking.events().length === 80);
      await silent.waitFor(() => silent.events().length === 60);
      expect(acking.closeCode).toBeNull();
      expect(silent.closeCode).toBeNull();
      expect(acking.events().at(-1)!.seq).toBe(80);
      acking.close();
      silent.close();
    });

    it('answers presence queries from open sockets only', async () => {
      const s = await openSocket(server, world.u1, ['/presence/web']);
      expect(server.core.realtime.isUserInContext('u1', '/presence/web')).toBe(true);
      expect(server.core.realtime.isUserInContext('u1', '/presence')).toBe(false);
      s.close();
      await s.closed();
      await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', '/presence/web')).toBe(false));
    });
  });
});
