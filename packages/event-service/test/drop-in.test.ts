/**
 * Drop-in behaviour an app and its tests can observe, written from the
 * reference client (event-service.md §5, api-surface.md §1.1) and driven the
 * way apps' own tests drive it: a stubbed global `WebSocket` whose socket
 * opens on a microtask, a stubbed global `fetch`, fake timers, and a client
 * built with nothing but `url` and `getToken`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventServiceClient } from '../src/client';
import type { EventServiceClientError } from '../src/connection-state';
import { EventServiceError } from '../src/event-service-error';
import { AppStyleWebSocket, drainMicrotasks } from './support/app-style-socket';
import { startFixtureServer } from './support/fixture-server';

const URL_BASE = 'https://events.test';

/** A stubbed ticket endpoint, as an app's test writes one: a fresh ticket per call, or a network failure. */
function stubTicketFetch() {
  const state = { calls: 0, down: false };
  const fetchStub = vi.fn(async () => {
    state.calls++;
    if (state.down) throw new TypeError('fetch failed');
    return { ok: true, status: 200, json: async () => ({ ticket: `ticket-${state.calls}` }) };
  });
  vi.stubGlobal('fetch', fetchStub);
  return state;
}

function appClient() {
  const client = new EventServiceClient({ url: URL_BASE, getToken: async () => 'token-1' });
  const errors: EventServiceClientError[] = [];
  client.onError((error) => errors.push(error));
  return { client, errors };
}

/** Tracks whether a promise has settled, and how. */
function track<T>(promise: Promise<T>) {
  const result: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(result, { settled: true, value }),
    (error: unknown) => Object.assign(result, { settled: true, error }),
  );
  return result;
}

describe('with a stubbed global WebSocket and fake timers', () => {
  let clients: EventServiceClient[] = [];
  let ticket: ReturnType<typeof stubTicketFetch>;

  beforeEach(() => {
    vi.useFakeTimers();
    AppStyleWebSocket.reset();
    ticket = stubTicketFetch();
    clients = [];
  });
  afterEach(() => {
    for (const client of clients) client.dispose();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function build() {
    const built = appClient();
    clients.push(built.client);
    return built;
  }

  describe('which WebSocket the client uses', () => {
    it('dials the global WebSocket as it is when the socket is made, even one stubbed after the client was built', async () => {
      const { client } = build();
      vi.stubGlobal('WebSocket', AppStyleWebSocket);
      await client.connect();
      expect(AppStyleWebSocket.made).toHaveLength(1);
      const [socket] = AppStyleWebSocket.made;
      expect(socket!.url).toBe('wss://events.test/connect?ticket=ticket-1');
      expect(socket!.protocols).toEqual(['kilo.events.v1']);
      expect(client.isConnected()).toBe(true);
    });

    it('uses the WebSocket option over the global', async () => {
      class Injected extends AppStyleWebSocket {}
      vi.stubGlobal('WebSocket', AppStyleWebSocket);
      const client = new EventServiceClient({ url: URL_BASE, getToken: async () => 'token-1', WebSocket: Injected });
      clients.push(client);
      await client.connect();
      expect(AppStyleWebSocket.made).toHaveLength(1);
      expect(AppStyleWebSocket.made[0]).toBeInstanceOf(Injected);
    });
  });

  describe('connect() runs one attempt and settles', () => {
    beforeEach(() => {
      vi.stubGlobal('WebSocket', AppStyleWebSocket);
    });

    it('is fulfilled once the socket opens, with the client connected', async () => {
      const { client } = build();
      await expect(client.connect()).resolves.toBeUndefined();
      expect(client.isConnected()).toBe(true);
      expect(client.state).toBe('open');
    });

    it('is fulfilled when the attempt fails (the server is down): the failure is reported and a reconnect is scheduled', async () => {
      const { client, errors } = build();
      ticket.down = true;
      const connecting = track(client.connect());
      await drainMicrotasks();
      expect(connecting).toEqual({ settled: true, value: undefined });
      expect(errors.map((error) => error.code)).toEqual(['ticket_failed']);
      expect(client.state).toBe('reconnecting');
      expect(vi.getTimerCount()).toBe(1);
      // The scheduled reconnect connects once the server is back.
      ticket.down = false;
      await vi.advanceTimersByTimeAsync(1_000);
      expect(client.isConnected()).toBe(true);
    });

    it('is fulfilled when the socket fails before opening, and a reconnect follows', async () => {
      const { client, errors } = build();
      AppStyleWebSocket.mode = 'fail';
      await client.connect();
      expect(errors.map((error) => error.code)).toEqual(['socket_error']);
      expect(client.state).toBe('reconnecting');
      AppStyleWebSocket.mode = 'open';
      await vi.advanceTimersByTimeAsync(1_000);
      expect(client.isConnected()).toBe(true);
      expect(AppStyleWebSocket.made).toHaveLength(2);
    });

    it('closes a handshake that does not open within 10 s with 1000 handshake-timeout, and is fulfilled', async () => {
      const { client, errors } = build();
      AppStyleWebSocket.mode = 'stall';
      const connecting = track(client.connect());
      await drainMicrotasks();
      expect(AppStyleWebSocket.made).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(9_999);
      expect(connecting.settled).toBe(false);
      expect(AppStyleWebSocket.made[0]!.closeCalls).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await drainMicrotasks();
      expect(connecting).toEqual({ settled: true, value: undefined });
      expect(AppStyleWebSocket.made[0]!.closeCalls).toEqual([{ code: 1000, reason: 'handshake-timeout' }]);
      expect(errors.map((error) => error.code)).toEqual(['handshake_timeout']);
      expect(client.isConnected()).toBe(false);
      expect(client.state).toBe('reconnecting');
    });

    it('on a connected client starts a fresh connection: the old socket is closed first and exactly one is left open', async () => {
      const { client } = build();
      const reconnected = vi.fn();
      const resynced = vi.fn();
      client.onReconnect(reconnected);
      client.onResync(resynced);
      await client.connect();
      await client.connect();
      expect(AppStyleWebSocket.made).toHaveLength(2);
      const log = AppStyleWebSocket.log;
      expect(log.findIndex((line) => line.startsWith('close #0'))).toBeLessThan(log.indexOf('new #1'));
      expect(AppStyleWebSocket.made[0]!.readyState).toBe(AppStyleWebSocket.CLOSED);
      expect(AppStyleWebSocket.openCount()).toBe(1);
      expect(client.isConnected()).toBe(true);
      // A fresh socket may have missed events: the app hears it as a reconnect.
      expect([reconnected.mock.calls.length, resynced.mock.calls.length]).toEqual([1, 1]);
    });

    it('concurrent calls are all fulfilled, with exactly one socket open and every other closed', async () => {
      const { client } = build();
      await Promise.all([client.connect(), client.connect(), client.connect()]);
      await drainMicrotasks();
      expect(AppStyleWebSocket.openCount()).toBe(1);
      for (const socket of AppStyleWebSocket.made) {
        if (socket.readyState !== AppStyleWebSocket.OPEN) expect(socket.readyState).toBe(AppStyleWebSocket.CLOSED);
      }
      expect(client.isConnected()).toBe(true);
    });

    it('concurrent calls on a connected client are both fulfilled, with one socket left open', async () => {
      const { client } = build();
      await client.connect();
      await Promise.all([client.connect(), client.connect()]);
      await drainMicrotasks();
      expect(AppStyleWebSocket.openCount()).toBe(1);
      expect(AppStyleWebSocket.made[0]!.readyState).toBe(AppStyleWebSocket.CLOSED);
    });

    it('acquire() is fulfilled as connect() is: also when its attempt fails', async () => {
      const { client } = build();
      ticket.down = true;
      const acquiring = track(client.acquire());
      await drainMicrotasks();
      expect(acquiring).toEqual({ settled: true, value: undefined });
      expect(client.state).toBe('reconnecting');
      // A second hold joins; it starts nothing new.
      const again = track(client.acquire());
      await drainMicrotasks();
      expect(again.settled).toBe(true);
      expect(ticket.calls).toBe(1);
    });
  });

  describe('waitForOpen() waits for an open socket', () => {
    beforeEach(() => {
      vi.stubGlobal('WebSocket', AppStyleWebSocket);
    });

    it('resolves when a socket opens, across failed attempts, and at once while open', async () => {
      const { client } = build();
      ticket.down = true;
      await client.connect();
      const waiting = track(client.waitForOpen());
      await vi.advanceTimersByTimeAsync(1_000);
      expect(waiting.settled).toBe(false);
      ticket.down = false;
      // The next retry falls somewhere in its jitter window.
      for (let second = 0; second < 30 && !waiting.settled; second++) await vi.advanceTimersByTimeAsync(1_000);
      expect(waiting).toEqual({ settled: true, value: undefined });
      expect(client.isConnected()).toBe(true);
      const again = track(client.waitForOpen());
      await drainMicrotasks(5);
      expect(again.settled).toBe(true);
    });

    it('rejects with code open_timeout after timeoutMs', async () => {
      const { client } = build();
      ticket.down = true;
      void client.connect();
      const waiting = track(client.waitForOpen({ timeoutMs: 5_000 }));
      await vi.advanceTimersByTimeAsync(4_999);
      expect(waiting.settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(waiting.error).toBeInstanceOf(EventServiceError);
      expect(waiting.error).toMatchObject({ code: 'open_timeout' });
    });

    it('rejects with code aborted when its signal aborts, at once for a signal already aborted', async () => {
      const { client } = build();
      AppStyleWebSocket.mode = 'stall';
      void client.connect();
      const controller = new AbortController();
      const waiting = track(client.waitForOpen({ signal: controller.signal }));
      controller.abort(new Error('screen closed'));
      await drainMicrotasks(5);
      expect(waiting.error).toMatchObject({ code: 'aborted', cause: expect.objectContaining({ message: 'screen closed' }) });
      await expect(client.waitForOpen({ signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    });

    it('rejects with code disposed when the client is disposed, and at once after', async () => {
      const { client } = build();
      AppStyleWebSocket.mode = 'stall';
      void client.connect();
      const waiting = track(client.waitForOpen());
      client.dispose();
      await drainMicrotasks(5);
      expect(waiting.error).toMatchObject({ code: 'disposed' });
      await expect(client.waitForOpen()).rejects.toMatchObject({ code: 'disposed' });
      expect(vi.getTimerCount()).toBe(0);
    });

    it('leaves no timer behind once settled', async () => {
      const { client } = build();
      void client.connect();
      await client.waitForOpen({ timeoutMs: 5_000 });
      // Only the ping interval is left.
      expect(vi.getTimerCount()).toBe(1);
    });
  });

  // Apps may wrap the client (a Proxy that scopes it to the signed-in user, an
  // object that inherits from it and overrides a few methods), so its methods
  // must work with such a `this`. ECMAScript `#private` members on
  // EventServiceClient would make every call throw (the internal classes may
  // have them: no wrapper reaches those).
  describe.each([
    ['a Proxy', (client: EventServiceClient) => new Proxy(client, {})],
    ['an object inheriting from it', (client: EventServiceClient) => Object.create(client) as EventServiceClient],
  ])('called through %s', (_label, wrap) => {
    it('connects, subscribes, delivers events and disconnects', async () => {
      vi.stubGlobal('WebSocket', AppStyleWebSocket);
      const { client: raw, errors } = build();
      const client = wrap(raw);
      const received: unknown[] = [];
      client.on('message.created', (context, payload) => received.push([context, payload]));
      client.subscribe(['/a']);
      await client.connect();
      await client.waitForOpen({ timeoutMs: 1_000 });
      expect(client.isConnected()).toBe(true);
      expect(client.state).toBe('open');
      const [socket] = AppStyleWebSocket.made;
      expect(socket!.sent).toContain(JSON.stringify({ type: 'context.subscribe', contexts: ['/a'] }));
      socket!.serverSends(JSON.stringify({ type: 'event', context: '/a', event: 'message.created', payload: { n: 1 }, seq: 1 }));
      expect(received).toEqual([['/a', { n: 1 }]]);
      expect(client.activeContexts()).toEqual(['/a']);
      client.disconnect();
      expect(client.state).toBe('closed');
      expect(errors).toEqual([]);
    });
  });
});

describe('without a global WebSocket (Node 20)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('uses ws, and connects to a real server', async () => {
    vi.stubGlobal('WebSocket', undefined);
    const server = await startFixtureServer();
    const client = new EventServiceClient({ url: server.url, getToken: () => 'token-1', platform: null });
    try {
      await client.connect();
      expect(client.state).toBe('open');
      expect(server.upgrades.map((upgrade) => upgrade.status)).toEqual([101]);
    } finally {
      client.dispose();
      await server.stop();
    }
  });
});
