/**
 * The client behaviours of the reference catalogue (event-service.md §7,
 * sections A–K), each driven end to end against the fixture server. Test
 * names carry the catalogue number. Where this client deliberately behaves
 * differently (to fix a weakness of §8), the name says "changed" and the
 * weakness is tested again in weaknesses.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { EventServiceClient } from '../src/client';
import { EVENT_SERVICE_SUBPROTOCOL } from '../src/limits';
import { flushIo } from './support/manual-clock';
import { setup, waitUntil, setupSubscribed } from './support/harness';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('A. URL and ticket minting', () => {
  it('A1: a ws:// base mints at http://…/connect-ticket', async () => {
    const h = await setup();
    const wsBase = h.server.url.replace('http:', 'ws:');
    const client = new EventServiceClient({
      url: wsBase,
      getToken: () => 'token-1',
      WebSocket: h.tracker.WebSocket,
      fetch: (input, init) => {
        calls.push(input);
        return globalThis.fetch(input, init);
      },
      timers: h.clock,
      platform: null,
    });
    const calls: string[] = [];
    await client.connect();
    expect(calls).toEqual([`${h.server.url}/connect-ticket`]);
    client.dispose();
  });

  it('A2: wss:// maps to https:// for the ticket, https:// to wss:// for the socket (see url.test.ts for the pure mapping)', async () => {
    const { socketEndpoint, ticketEndpoint } = await import('../src/url');
    expect(ticketEndpoint('wss://h')).toBe('https://h/connect-ticket');
    expect(socketEndpoint('https://h', 't')).toBe('wss://h/connect?ticket=t');
  });

  it('A3: a path prefix in the base is kept, with or without a trailing slash', async () => {
    for (const suffix of ['', '/']) {
      const h = await setup({ server: { prefix: '/events' } });
      const client = new EventServiceClient({
        url: `${h.server.url}${suffix}`,
        getToken: () => 'token-1',
        WebSocket: h.tracker.WebSocket,
        timers: h.clock,
        platform: null,
      });
      await client.connect();
      expect(client.state).toBe('open');
      expect(h.server.ticketRequests).toHaveLength(1);
      expect(h.tracker.urls.at(-1)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/events\/connect\?ticket=/);
      client.dispose();
    }
  });

  it('A4: the ticket POST carries only `authorization: Bearer <token>` and no body', async () => {
    const h = await setup();
    await h.client.connect();
    expect(h.http.calls).toHaveLength(1);
    const { init } = h.http.calls[0]!;
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ authorization: 'Bearer token-1' });
    expect(init).not.toHaveProperty('body');
    const seen = h.server.ticketRequests[0]!;
    expect(seen.headers.authorization).toBe('Bearer token-1');
    expect(seen.headers['content-type']).toBeUndefined();
    expect(seen.body).toBe('');
  });

  it('A5: the socket URL is <base>/connect?ticket=<ticket>', async () => {
    const h = await setup();
    await h.client.connect();
    const ticket = h.server.upgrades[0]!.ticket!;
    expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.tracker.urls[0]).toBe(`${h.server.url.replace('http:', 'ws:')}/connect?ticket=${ticket}`);
  });

  it('A6: the socket offers exactly kilo.events.v1, and the token is in neither the protocols nor the URL', async () => {
    const h = await setup();
    h.token.value = 'token-1';
    await h.client.connect();
    expect(h.tracker.protocols[0]).toEqual([EVENT_SERVICE_SUBPROTOCOL]);
    expect(h.server.upgrades[0]!.offeredProtocols).toEqual([EVENT_SERVICE_SUBPROTOCOL]);
    expect(h.server.latest()!.protocol).toBe(EVENT_SERVICE_SUBPROTOCOL);
    expect(h.tracker.urls[0]).not.toContain('token-1');
    const offered = JSON.stringify(h.tracker.protocols);
    expect(offered).not.toContain('token-1');
    expect(offered).not.toContain('kilo.jwt.');
    expect(offered).not.toMatch(/[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/);
  });

  it('A7: getToken runs on every attempt, so a rotated token is used after a reconnect', async () => {
    const h = await setup({ server: { tokens: { 'token-1': 'user-1', 'token-2': 'user-1' } } });
    await h.client.connect();
    h.token.value = 'token-2';
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(h.token.calls).toBe(2);
    expect(h.server.ticketRequests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('A8: a ticket 500 is retried with backoff and never reaches onUnauthorized', async () => {
    const onUnauthorized = vi.fn();
    const h = await setup({ client: { onUnauthorized } });
    h.server.scriptTickets({ status: 500 });
    void h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    expect(h.errors.map((e) => [e.code, 'status' in e ? e.status : undefined])).toEqual([['ticket_failed', 500]]);
    await h.reconnect();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('A9: a ticket response without a non-empty ticket (or not JSON) is a transient failure', async () => {
    const h = await setup();
    h.server.scriptTickets({ status: 200, body: { ticket: '' } }, { status: 200, body: 'not json' }, { status: 200, body: {} });
    void h.client.connect();
    await h.reconnect();
    expect(h.errors.map((e) => e.code)).toEqual(['ticket_failed', 'ticket_failed', 'ticket_failed']);
    expect(h.client.state).toBe('open');
  });

  it('A10: a ticket request unanswered after 15 s is a transient failure', async () => {
    const h = await setup();
    h.server.holdTickets();
    void h.client.connect();
    await waitUntil(() => h.server.heldTickets === 1, 'ticket request parked');
    await h.clock.advance(14_999);
    expect(h.errors).toEqual([]);
    await h.clock.advance(1);
    expect(h.errors.map((e) => e.code)).toEqual(['request_deadline']);
    expect(h.http.calls[0]!.init.signal.aborted).toBe(true);
    expect(h.client.state).toBe('reconnecting');
    h.server.releaseTickets();
    await h.reconnect();
    expect(h.tracker.sockets).toHaveLength(1);
  });
});

describe('B. Connect and disconnect', () => {
  it('B11: connect() resolves once the socket is open, and isConnected() is true', async () => {
    const h = await setup();
    await h.client.connect();
    expect(h.client.isConnected()).toBe(true);
    expect(h.tracker.openCount()).toBe(1);
  });

  it('B12: contexts subscribed before connect() go out in one context.subscribe right after open', async () => {
    const h = await setup();
    h.client.subscribe(['room:1', 'room:2']);
    expect(h.tracker.sent).toEqual([]);
    await h.client.connect();
    expect(h.tracker.jsonFrames()).toEqual([{ type: 'context.subscribe', contexts: ['room:1', 'room:2'] }]);
    await h.synced();
  });

  it('B13: a second connect() while open closes the first socket and opens a fresh one; exactly one stays open', async () => {
    const h = await setup();
    h.client.subscribe(['a']);
    await h.client.connect();
    await h.client.connect();
    expect(h.tracker.sockets).toHaveLength(2);
    expect(h.tracker.closes).toEqual([{ socket: 0, code: 1000, reason: 'superseded' }]);
    await waitUntil(() => h.tracker.sockets[0]!.readyState === 3, 'first socket CLOSED');
    expect(h.tracker.openCount()).toBe(1);
    expect(h.tracker.maxOpen).toBe(1);
    expect(h.server.ticketRequests).toHaveLength(2);
    await h.synced();
  });

  it('B14: disconnect() makes isConnected() false and stops auto-reconnect', async () => {
    const h = await setup();
    await h.client.connect();
    h.client.disconnect();
    expect(h.client.isConnected()).toBe(false);
    expect(h.client.state).toBe('closed');
    expect(h.clock.pending()).toBe(0);
    await h.clock.advance(60_000);
    expect(h.tracker.sockets).toHaveLength(1);
    expect(h.tracker.closes).toEqual([{ socket: 0, code: 1000, reason: 'client-disconnect' }]);
  });

  it('B15: disconnect() then connect() works, and a later unexpected close reconnects (3 sockets)', async () => {
    const h = await setup();
    await h.client.connect();
    h.client.disconnect();
    await h.client.connect();
    expect(h.client.isConnected()).toBe(true);
    h.server.closeSockets(1011, 'WebSocket error');
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(h.tracker.sockets).toHaveLength(3);
  });

  it('B16: disconnect() during the handshake cancels the handshake timer and settles connect()', async () => {
    const h = await setup();
    h.server.stallUpgrades(true);
    let settled = false;
    void h.client.connect().then(() => (settled = true));
    await waitUntil(() => h.tracker.sockets.length === 1, 'socket created');
    h.client.disconnect();
    await flushIo();
    expect(settled).toBe(true);
    expect(h.clock.pending()).toBe(0);
    await h.clock.advance(15_000);
    expect(h.tracker.closes.map((c) => c.reason)).toEqual(['client-disconnect']);
    expect(h.errors).toEqual([]);
  });

  it('B17: disconnect() while getToken is pending creates no socket and sends no ticket request', async () => {
    const h = await setup();
    const token = deferred<string>();
    const client = new EventServiceClient({
      url: h.server.url,
      getToken: () => token.promise,
      WebSocket: h.tracker.WebSocket,
      timers: h.clock,
      platform: null,
    });
    const connected = client.connect();
    client.disconnect();
    await connected;
    token.resolve('token-1');
    await flushIo();
    expect(h.tracker.sockets).toHaveLength(0);
    expect(h.server.ticketRequests).toHaveLength(0);
    expect(h.clock.pending()).toBe(0);
  });

  it('B18: concurrent connect() calls all resolve; exactly one socket stays open and every other is closed', async () => {
    const h = await setup();
    await Promise.all([h.client.connect(), h.client.connect(), h.client.connect()]);
    expect(h.client.isConnected()).toBe(true);
    expect(h.tracker.openCount()).toBe(1);
    expect(h.tracker.connectingCount()).toBe(0);
    await Promise.all([h.client.connect(), h.client.connect()]);
    expect(h.tracker.openCount()).toBe(1);
    expect(h.tracker.connectingCount()).toBe(0);
    expect(h.tracker.maxOpen).toBe(1);
  });

  it('B19: frames still arriving on a socket the client left reach no handler', async () => {
    const h = await setup();
    const handler = vi.fn();
    h.client.on('x', handler);
    h.client.subscribe(['a']);
    await h.client.connect();
    await h.synced();
    const old = h.server.latest()!;
    h.client.disconnect();
    // The server has not seen the close yet: its socket is still open.
    expect(h.server.push('a', 'x', 1)).toBe(true);
    await waitUntil(() => !old.open, 'server saw the close');
    await flushIo();
    expect(handler).not.toHaveBeenCalled();
  });

  it('B20: connect() never rejects when the network fails: it settles once the attempt failed, with a retry scheduled', async () => {
    const h = await setup();
    await h.server.stop();
    await expect(h.client.connect()).resolves.toBeUndefined();
    expect(h.errors.map((e) => e.code)).toEqual(['ticket_failed']);
    expect(h.client.state).toBe('reconnecting');
    expect(h.clock.pending()).toBe(1);
  });
});

describe('C. Handshake timeout', () => {
  it('C21: a socket stuck in CONNECTING is closed after 10 s with 1000 handshake-timeout', async () => {
    const h = await setup();
    h.server.stallUpgrades(true);
    void h.client.connect();
    await waitUntil(() => h.tracker.sockets.length === 1, 'socket created');
    await h.clock.advance(9_999);
    expect(h.tracker.closes).toEqual([]);
    await h.clock.advance(1);
    expect(h.tracker.closes).toEqual([{ socket: 0, code: 1000, reason: 'handshake-timeout' }]);
    expect(h.errors.map((e) => e.code)).toEqual(['handshake_timeout']);
    expect(h.client.isConnected()).toBe(false);
    expect(h.client.state).toBe('reconnecting');
  });

  it('C22: after a handshake timeout the next attempt opens a second socket and the client ends open', async () => {
    const h = await setup();
    h.server.stallUpgrades(true);
    h.client.subscribe(['a']);
    void h.client.connect();
    await waitUntil(() => h.tracker.sockets.length === 1, 'socket created');
    await h.clock.advance(10_000);
    h.server.stallUpgrades(false);
    await h.reconnect();
    expect(h.tracker.sockets).toHaveLength(2);
    await h.synced();
  });

  it('C23: a normal open clears the handshake timer', async () => {
    const h = await setup();
    await h.client.connect();
    // Only the ping interval is left.
    expect(h.clock.pendingDelays()).toEqual([15_000]);
    await h.clock.advance(15_000);
    expect(h.tracker.closes).toEqual([]);
    expect(h.client.isConnected()).toBe(true);
  });
});

describe('D. Reconnect and backoff', () => {
  it('D24: an unexpected close schedules a reconnect', async () => {
    const h = await setup();
    await h.client.connect();
    h.server.closeSockets(1011);
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.clock.advance(1_000);
    await waitUntil(() => h.client.isConnected(), 'reconnected');
    expect(h.tracker.sockets).toHaveLength(2);
  });

  it('D25 (changed: full jitter): the first reconnect delay is below 1 s', async () => {
    for (const random of [0, 0.5, 0.999999]) {
      const h = await setup({ client: { random: () => random } });
      await h.client.connect();
      h.server.closeSockets(1011);
      await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
      const delay = h.states.at(-1)!.retryInMs!;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(1_000);
      expect(h.clock.pendingDelays()).toEqual([delay]);
    }
  });

  it('D26 (changed: full jitter): the delay for retry n is in [0, min(30 s, 2^n s)) (see backoff.test.ts)', async () => {
    const { backoffDelay } = await import('../src/backoff');
    expect(backoffDelay(0, {}, () => 0.999)).toBe(999);
    expect(backoffDelay(3, {}, () => 0.999)).toBe(7_992);
    expect(backoffDelay(10, {}, () => 0.999)).toBe(29_970);
  });

  it('D27: with random near 1, two failed attempts retry after ~1 s then ~2 s, and the third connects and resubscribes', async () => {
    const h = await setup({ client: { random: () => 0.999 } });
    h.client.subscribe(['a', 'b']);
    h.server.refuseUpgrades(503);
    void h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting' && h.quiet(), 'first failure');
    expect(h.clock.pendingDelays()).toEqual([999]);
    await h.clock.advance(999);
    await waitUntil(() => h.tracker.sockets.length === 2 && h.quiet(), 'second failure');
    expect(h.clock.pendingDelays()).toEqual([1_998]);
    h.server.refuseUpgrades(undefined);
    await h.clock.advance(1_998);
    await waitUntil(() => h.client.isConnected(), 'open');
    expect(h.tracker.sockets).toHaveLength(3);
    expect(h.tracker.jsonFrames(2)).toEqual([{ type: 'context.subscribe', contexts: ['a', 'b'] }]);
  });

  it('D28: a pre-open socket failure does not call onUnauthorized; the retry uses a fresh token and a new ticket', async () => {
    const onUnauthorized = vi.fn();
    const h = await setup({ client: { onUnauthorized } });
    h.server.refuseUpgrades(500);
    void h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting' && h.quiet(), 'failure');
    expect(h.errors.map((e) => [e.code, 'status' in e ? e.status : undefined])).toEqual([['socket_error', 500]]);
    h.server.refuseUpgrades(undefined);
    await h.reconnect();
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(h.token.calls).toBe(2);
    const [first, second] = h.server.upgrades;
    expect(first!.ticket).not.toBe(second!.ticket);
  });

  it('D29: without onUnauthorized, a non-auth pre-open failure retries and connects', async () => {
    const h = await setup();
    h.server.refuseUpgrades(502);
    void h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting' && h.quiet(), 'failure');
    h.server.refuseUpgrades(undefined);
    await h.reconnect();
    expect(h.client.isConnected()).toBe(true);
  });

  it('D30: error and close of one failed attempt schedule exactly one reconnect timer', async () => {
    const h = await setup();
    h.server.refuseUpgrades(500);
    void h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting' && h.quiet(), 'failure');
    await flushIo(5);
    expect(h.clock.pending()).toBe(1);
    expect(h.errors).toHaveLength(1);
  });

  it('D31 (changed: reset after a stable connection): the retry count starts over once a connection has been stable', async () => {
    const h = await setup({ client: { random: () => 0.999 } });
    h.server.refuseUpgrades(503);
    void h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting' && h.quiet(), 'failure 1');
    await h.clock.advance(999);
    await waitUntil(() => h.tracker.sockets.length === 2 && h.quiet(), 'failure 2');
    h.server.refuseUpgrades(undefined);
    await h.reconnect();
    await h.clock.advance(10_000);
    h.server.closeSockets(1011);
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    expect(h.states.at(-1)!.retryInMs).toBe(999);
  });

  it('D32: non-auth failures keep retrying with no limit (delays capped at 30 s)', async () => {
    const h = await setup({ client: { random: () => 0.999 } });
    h.server.refuseUpgrades(503);
    void h.client.connect();
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      await waitUntil(() => h.client.state === 'reconnecting' && h.quiet() && h.clock.pending() === 1, `failure ${i}`);
      delays.push(h.clock.pendingDelays()[0]!);
      await h.clock.runNext();
    }
    expect(Math.max(...delays)).toBe(29_970);
    expect(delays.slice(-3)).toEqual([29_970, 29_970, 29_970]);
    h.server.refuseUpgrades(undefined);
    await h.reconnect(3);
  });
});

describe('E. Unauthorized recovery', () => {
  it("E33: a ticket 401 with onUnauthorized → 'stop' calls it once, opens no socket, and does nothing for 60 s", async () => {
    const onUnauthorized = vi.fn(() => 'stop' as const);
    const h = await setup({ client: { onUnauthorized } });
    h.token.value = 'revoked';
    await h.client.connect();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(h.client.state).toBe('unauthorized');
    await h.clock.advance(60_000);
    expect(h.tracker.sockets).toHaveLength(0);
    expect(h.server.ticketRequests).toHaveLength(1);
    expect(h.clock.pending()).toBe(0);
  });

  it("E34: a 401 with 'retry' gives one callback, a second ticket POST after backoff, then a stop", async () => {
    const onUnauthorized = vi.fn(() => 'retry' as const);
    const h = await setup({ client: { onUnauthorized } });
    h.token.value = 'revoked';
    const connecting = h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting', 'retry scheduled');
    expect(h.server.ticketRequests).toHaveLength(1);
    await h.clock.runNext();
    await connecting;
    expect(h.client.state).toBe('unauthorized');
    await h.clock.advance(60_000);
    expect(h.server.ticketRequests).toHaveLength(2);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(h.tracker.sockets).toHaveLength(0);
  });

  it('E35: a 403 behaves like a 401', async () => {
    const onUnauthorized = vi.fn(() => 'stop' as const);
    const h = await setup({ client: { onUnauthorized } });
    h.server.scriptTickets({ status: 403 });
    await h.client.connect();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(h.client.state).toBe('unauthorized');
    expect(h.errors.map((e) => [e.code, 'status' in e ? e.status : undefined])).toEqual([['unauthorized', 403]]);
  });

  it("E36: a callback returning nothing behaves like 'retry'", async () => {
    const h = await setup({ client: { onUnauthorized: () => undefined } });
    h.server.scriptTickets({ status: 401 });
    void h.client.connect();
    await h.reconnect();
    expect(h.server.ticketRequests.map((r) => r.status)).toEqual([401, 200]);
  });

  it('E37: a disconnect() while the callback is pending wins: nothing more happens', async () => {
    const decision = deferred<'retry'>();
    const h = await setup({ client: { onUnauthorized: () => decision.promise } });
    h.server.scriptTickets({ status: 401 });
    const connecting = h.client.connect();
    await waitUntil(() => h.server.ticketRequests.length === 1 && h.quiet(), 'ticket refused');
    h.client.disconnect();
    decision.resolve('retry');
    await connecting;
    await h.clock.advance(60_000);
    expect(h.client.state).toBe('closed');
    expect(h.server.ticketRequests).toHaveLength(1);
    expect(h.clock.pending()).toBe(0);
  });

  it('E38 (changed: no endless 401 loop): without a callback a 401 is retried once, then the client stops', async () => {
    const h = await setup();
    h.token.value = 'revoked';
    void h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting', 'retry scheduled');
    await h.clock.runNext();
    await waitUntil(() => h.client.state === 'unauthorized', 'unauthorized');
    await h.clock.advance(120_000);
    expect(h.server.ticketRequests).toHaveLength(2);
  });

  it('E39: a successful open restores the one-recovery allowance', async () => {
    const onUnauthorized = vi.fn(() => 'retry' as const);
    const h = await setup({ client: { onUnauthorized } });
    h.server.scriptTickets({ status: 401 });
    void h.client.connect();
    await h.reconnect();
    h.server.scriptTickets({ status: 401 });
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(onUnauthorized).toHaveBeenCalledTimes(2);
    expect(h.client.state).toBe('open');
  });
});

describe('F. Reference-counted subscriptions', () => {
  async function open() {
    const h = await setup();
    await h.client.connect();
    return h;
  }

  it('F40: subscribing the same context twice sends one wire subscribe', async () => {
    const h = await open();
    h.client.subscribe(['a']);
    h.client.subscribe(['a']);
    expect(h.tracker.jsonFrames()).toEqual([{ type: 'context.subscribe', contexts: ['a'] }]);
  });

  it('F41: subscribe twice, unsubscribe once: no wire unsubscribe', async () => {
    const h = await open();
    h.client.subscribe(['a']);
    h.client.subscribe(['a']);
    h.client.unsubscribe(['a']);
    expect(h.tracker.jsonFrames().map((f) => f.type)).toEqual(['context.subscribe']);
    await h.synced();
    expect(h.server.latestContexts()).toEqual(['a']);
  });

  it('F42: subscribe twice, unsubscribe twice: one subscribe then one unsubscribe', async () => {
    const h = await open();
    h.client.subscribe(['a']);
    h.client.subscribe(['a']);
    h.client.unsubscribe(['a']);
    h.client.unsubscribe(['a']);
    expect(h.tracker.jsonFrames()).toEqual([
      { type: 'context.subscribe', contexts: ['a'] },
      { type: 'context.unsubscribe', contexts: ['a'] },
    ]);
  });

  it('F43: a batch with an active context and a new one sends only the new one', async () => {
    const h = await open();
    h.client.subscribe(['a']);
    h.client.subscribe(['a', 'b']);
    expect(h.tracker.jsonFrames()).toEqual([
      { type: 'context.subscribe', contexts: ['a'] },
      { type: 'context.subscribe', contexts: ['b'] },
    ]);
  });

  it('F44: unsubscribing an unknown context sends nothing and does not throw', async () => {
    const h = await open();
    expect(() => h.client.unsubscribe(['never'])).not.toThrow();
    expect(h.tracker.sent).toEqual([]);
  });

  it('F45: the resubscribe after a reconnect sends each context once, whatever its count', async () => {
    const h = await open();
    h.client.subscribe(['a', 'b']);
    h.client.subscribe(['a']);
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(h.tracker.jsonFrames(1)).toEqual([{ type: 'context.subscribe', contexts: ['a', 'b'] }]);
  });

  it('F46: an unsubscribe while disconnected drops the context from the next resubscribe and sends nothing', async () => {
    const h = await open();
    h.client.subscribe(['a', 'b']);
    h.client.disconnect();
    h.client.unsubscribe(['a']);
    await h.client.connect();
    expect(h.tracker.jsonFrames(0)).toEqual([{ type: 'context.subscribe', contexts: ['a', 'b'] }]);
    expect(h.tracker.jsonFrames(1)).toEqual([{ type: 'context.subscribe', contexts: ['b'] }]);
  });

  it('F47: subscriptions survive disconnect() then connect() and are re-sent', async () => {
    const h = await open();
    h.client.subscribe(['a']);
    h.client.disconnect();
    await h.client.connect();
    await h.synced();
    expect(h.server.latestContexts()).toEqual(['a']);
  });
});

describe('G. Event dispatch', () => {
  async function subscribed(contexts = ['a', 'b']) {
    const h = await setup();
    h.client.subscribe(contexts);
    await h.client.connect();
    await h.synced();
    return h;
  }

  it('G48: an event frame calls the handlers for its name with (context, payload)', async () => {
    const h = await subscribed();
    const calls: unknown[] = [];
    h.client.on('message.created', (context, payload) => calls.push([context, payload]));
    h.server.push('a', 'message.created', { id: 1 });
    await waitUntil(() => calls.length === 1, 'event');
    expect(calls).toEqual([['a', { id: 1 }]]);
  });

  it('G49: after off(), later events do not reach the handler', async () => {
    const h = await subscribed();
    const handler = vi.fn();
    const off = h.client.on('x', handler);
    h.server.push('a', 'x', 1);
    await waitUntil(() => handler.mock.calls.length === 1, 'first');
    off();
    h.server.push('a', 'x', 2);
    const marker = vi.fn();
    h.client.on('x', marker);
    h.server.push('a', 'x', 3);
    await waitUntil(() => marker.mock.calls.length === 2, 'later events');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('G50: every handler for a name is called; events with no handler are ignored', async () => {
    const h = await subscribed();
    const first = vi.fn();
    const second = vi.fn();
    h.client.on('x', first);
    h.client.on('x', second);
    h.client.on('x', first); // the same function counts once
    h.server.push('a', 'nobody-listens', 0);
    h.server.push('a', 'x', 1);
    await waitUntil(() => second.mock.calls.length === 1, 'event');
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('G51: pong, non-JSON and schema-invalid frames are ignored without throwing', async () => {
    const h = await subscribed();
    const handler = vi.fn();
    h.client.on('x', handler);
    for (const raw of ['pong', 'not json', '{"type":"event","context":"a"}', '{"type":"event","context":"a","event":"x","payload":1,"seq":-1}']) {
      h.server.sendRaw(raw);
    }
    h.server.push('a', 'x', 'ok');
    await waitUntil(() => handler.mock.calls.length === 1, 'valid event');
    expect(handler).toHaveBeenCalledWith('a', 'ok');
    expect(h.client.isConnected()).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('G52 (changed: typed error event instead of a console warning): too_many_contexts reaches no event handler and the socket stays open', async () => {
    const h = await setup({ server: { maxContextsPerSocket: 2 } });
    const any = vi.fn();
    h.client.onAnyEvent(any);
    h.client.subscribe(['a', 'b', 'c']);
    await h.client.connect();
    await waitUntil(() => h.errors.length === 1, 'error event');
    const error = h.errors[0]!;
    expect(error.code).toBe('too_many_contexts');
    expect(error).toMatchObject({ max: 2, contexts: ['c'] });
    expect(any).not.toHaveBeenCalled();
    expect(h.client.isConnected()).toBe(true);
  });

  it('G53: name handlers receive events from every context (no filtering)', async () => {
    const h = await subscribed(['a', 'b']);
    const contexts: string[] = [];
    h.client.on('x', (context) => contexts.push(context));
    h.server.push('a', 'x', 1);
    h.server.push('b', 'x', 2);
    await waitUntil(() => contexts.length === 2, 'both');
    expect(contexts).toEqual(['a', 'b']);
  });
});

describe('H. Seq, resync and ack', () => {
  const subscribed = setupSubscribed;

  it('H54: seq restarts on each socket, and seq 1 first does not resync', async () => {
    const h = await subscribed();
    h.server.push('a', 'x', 1);
    await waitUntil(() => h.events.length === 1, 'event 1');
    expect(h.resync).not.toHaveBeenCalled();
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    await h.synced();
    expect(h.resync).toHaveBeenCalledTimes(1); // the reconnect itself
    h.server.push('a', 'x', 2);
    await waitUntil(() => h.events.length === 2, 'event on new socket');
    expect(h.server.latest()!.seq).toBe(1);
    expect(h.resync).toHaveBeenCalledTimes(1);
  });

  it('H55: seq 1 then 3 resyncs once and tracking continues from 3', async () => {
    const h = await subscribed();
    h.server.push('a', 'x', 1);
    h.server.skipSeq(1);
    h.server.push('a', 'x', 3);
    h.server.push('a', 'x', 4);
    await waitUntil(() => h.events.length === 3, 'events');
    expect(h.resync).toHaveBeenCalledTimes(1);
  });

  it('H56: events without seq are delivered and leave the seq state alone', async () => {
    const h = await subscribed();
    h.server.push('a', 'x', 'no-seq', { withoutSeq: true });
    h.server.push('a', 'x', 1);
    await waitUntil(() => h.events.length === 2, 'events');
    expect(h.resync).not.toHaveBeenCalled();
    await h.clock.advance(500);
    expect(h.tracker.ackFrames()).toEqual([{ type: 'ack', seq: 1 }]);
  });

  it('H57 (changed: acks follow events): no ack before a seq; then an ack shortly after events, and at the ping tick', async () => {
    const h = await subscribed();
    await h.clock.advance(15_000);
    expect(h.tracker.sent.map((s) => s.data).filter((d) => d !== 'ping' && !d.includes('subscribe'))).toEqual([]);
    h.server.push('a', 'x', 1);
    await waitUntil(() => h.events.length === 1, 'event');
    await h.clock.advance(499);
    expect(h.tracker.ackFrames()).toEqual([]);
    await h.clock.advance(1);
    expect(h.tracker.ackFrames()).toEqual([{ type: 'ack', seq: 1 }]);
    await waitUntil(() => h.server.latest()!.acked === 1, 'server saw the ack');
    // An event right before the ping tick is acknowledged right after the ping.
    await h.clock.advance(14_100);
    h.server.push('a', 'x', 2);
    await waitUntil(() => h.events.length === 2, 'event 2');
    await h.clock.advance(400);
    const tail = h.tracker.sent.slice(-2).map((s) => s.data);
    expect(tail).toEqual(['ping', JSON.stringify({ type: 'ack', seq: 2 })]);
  });

  it('H58: resync fires on every reconnect but not on the first connect', async () => {
    const h = await subscribed();
    expect(h.resync).not.toHaveBeenCalled();
    for (let i = 1; i <= 2; i++) {
      h.server.dropSockets();
      await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
      await h.reconnect();
      expect(h.resync).toHaveBeenCalledTimes(i);
    }
  });

  it('H59: a throwing resync handler does not stop seq and ack from advancing', async () => {
    const h = await subscribed();
    h.client.onResync(() => {
      throw new Error('boom');
    });
    h.server.push('a', 'x', 1);
    h.server.skipSeq(2);
    h.server.push('a', 'x', 4);
    await waitUntil(() => h.events.length === 2, 'events');
    await h.clock.advance(500);
    expect(h.tracker.ackFrames()).toEqual([{ type: 'ack', seq: 4 }]);
    expect(h.errors.map((e) => e.code)).toEqual(['listener_error']);
  });
});

describe('I. Ping', () => {
  it('I60: every 15 s after open the client sends the text ping', async () => {
    const h = await setup();
    await h.client.connect();
    await h.clock.advance(14_999);
    expect(h.tracker.sent).toEqual([]);
    await h.clock.advance(1);
    await h.clock.advance(15_000);
    expect(h.tracker.sent.map((s) => s.data)).toEqual(['ping', 'ping']);
    await waitUntil(() => h.server.latest()!.pings === 2, 'server saw the pings');
  });

  it('I61: ping stops on close and on disconnect()', async () => {
    const h = await setup();
    await h.client.connect();
    h.server.refuseUpgrades(503);
    h.server.closeSockets(1011);
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    expect(h.clock.pendingDelays()).toHaveLength(1); // the retry only, no ping
    h.client.disconnect();
    expect(h.clock.pending()).toBe(0);
    await h.clock.advance(60_000);
    expect(h.tracker.sent.filter((s) => s.data === 'ping')).toEqual([]);
  });
});

describe('J. Lifecycle callbacks', () => {
  it('J62–J63: onConnected fires on the first connect and again after a reconnect', async () => {
    const h = await setup();
    const connected = vi.fn();
    h.client.onConnected(connected);
    await h.client.connect();
    expect(connected).toHaveBeenCalledTimes(1);
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(connected).toHaveBeenCalledTimes(2);
  });

  it('J64: onConnected registered while open runs synchronously during registration', async () => {
    const h = await setup();
    await h.client.connect();
    const connected = vi.fn();
    h.client.onConnected(connected);
    expect(connected).toHaveBeenCalledTimes(1);
  });

  it('J65: after off(), onConnected is not called again', async () => {
    const h = await setup();
    const connected = vi.fn();
    const off = h.client.onConnected(connected);
    off();
    await h.client.connect();
    expect(connected).not.toHaveBeenCalled();
  });

  it('J66: several onConnected handlers each fire once', async () => {
    const h = await setup();
    const one = vi.fn();
    const two = vi.fn();
    h.client.onConnected(one);
    h.client.onConnected(two);
    await h.client.connect();
    expect([one.mock.calls.length, two.mock.calls.length]).toEqual([1, 1]);
  });

  it('J67: onConnected does not fire on disconnect()', async () => {
    const h = await setup();
    await h.client.connect();
    const connected = vi.fn();
    h.client.onConnected(connected);
    connected.mockClear();
    h.client.disconnect();
    expect(connected).not.toHaveBeenCalled();
  });

  it('J68: a throwing synchronous onConnected call reaches the caller, and the handler stays registered', async () => {
    const h = await setup();
    await h.client.connect();
    let calls = 0;
    const handler = () => {
      calls++;
      if (calls === 1) throw new Error('sync failure');
    };
    expect(() => h.client.onConnected(handler)).toThrow('sync failure');
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(calls).toBe(2);
  });

  it('J69: onReconnect fires only on opens after the first, including after disconnect() then connect()', async () => {
    const h = await setup();
    const reconnect = vi.fn();
    h.client.onReconnect(reconnect);
    await h.client.connect();
    expect(reconnect).not.toHaveBeenCalled();
    h.client.disconnect();
    await h.client.connect();
    expect(reconnect).toHaveBeenCalledTimes(1);
  });

  it('J70: on open the order is resubscribe, onReconnect, onResync, onConnected, connect() resolves, then ping', async () => {
    const h = await setup();
    h.client.subscribe(['a']);
    await h.client.connect();
    h.client.disconnect();
    const log = h.tracker.log;
    log.length = 0;
    h.client.onReconnect(() => log.push('reconnect'));
    h.client.onResync(() => log.push('resync'));
    h.client.onConnected(() => log.push('connected'));
    await h.client.connect().then(() => log.push('resolved'));
    await h.clock.advance(15_000);
    expect(log).toEqual([
      `send:${JSON.stringify({ type: 'context.subscribe', contexts: ['a'] })}`,
      'reconnect',
      'resync',
      'connected',
      'resolved',
      'send:ping',
    ]);
  });
});

describe('K. acquire and release', () => {
  it('K71: the first acquire() connects; further acquires create no new socket', async () => {
    const h = await setup();
    await h.client.acquire();
    await h.client.acquire();
    expect(h.tracker.sockets).toHaveLength(1);
    expect(h.client.isConnected()).toBe(true);
  });

  it('K72: the last release() disconnects; a release at zero does nothing', async () => {
    const h = await setup();
    await h.client.acquire();
    await h.client.acquire();
    h.client.release();
    expect(h.client.isConnected()).toBe(true);
    h.client.release();
    expect(h.client.state).toBe('closed');
    h.client.release();
    expect(h.client.state).toBe('closed');
  });

  it('K73: acquire() after the final release reconnects', async () => {
    const h = await setup();
    await h.client.acquire();
    h.client.release();
    await h.client.acquire();
    expect(h.client.isConnected()).toBe(true);
    expect(h.tracker.sockets).toHaveLength(2);
  });

  it('K74–K76 (provider pairing, on the client): active → acquire, inactive → release, with no unpaired calls', async () => {
    const h = await setup();
    let held = false;
    const setActive = async (active: boolean) => {
      if (active && !held) {
        held = true;
        await h.client.acquire();
      } else if (!active && held) {
        held = false;
        h.client.release();
      }
    };
    await setActive(true);
    await setActive(true);
    expect(h.tracker.sockets).toHaveLength(1);
    await setActive(false);
    expect(h.client.state).toBe('closed');
    await setActive(true);
    expect(h.client.state).toBe('open');
    expect(h.tracker.sockets).toHaveLength(2);
  });
});
