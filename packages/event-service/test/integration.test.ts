/**
 * The protocol end to end against the fixture server: first the server
 * facts the fixture mirrors (checked with a bare `ws` client), then the
 * client over them.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import WS from 'ws';
import { EVENT_SERVICE_SUBPROTOCOL } from '../src/limits';
import { startFixtureServer } from './support/fixture-server';
import type { FixtureServer } from './support/fixture-server';
import { setup, waitUntil, setupSubscribed } from './support/harness';

async function fixture(options?: Parameters<typeof startFixtureServer>[0]) {
  const server = await startFixtureServer(options);
  onTestFinished(() => server.stop());
  return server;
}

async function mintTicket(server: FixtureServer, token = 'token-1') {
  const response = await fetch(`${server.url}/connect-ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as { ticket?: string; error?: string } };
}

/** Opens a bare socket; resolves with it once open, or with the refused status. */
function openRaw(server: FixtureServer, ticket: string, protocols: string[] = [EVENT_SERVICE_SUBPROTOCOL]) {
  return new Promise<{ socket?: WS; status?: number }>((resolve) => {
    const socket = new WS(`${server.url.replace('http:', 'ws:')}/connect?ticket=${encodeURIComponent(ticket)}`, protocols);
    socket.on('open', () => resolve({ socket }));
    socket.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode });
      res.resume();
    });
    socket.on('error', () => {});
    onTestFinished(() => socket.terminate());
  });
}

function nextMessage(socket: WS): Promise<string> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(String(data))));
}

describe('the fixture speaks the protocol', () => {
  it('N98–N99: tickets are opaque UUIDs and single use; the subprotocol is echoed', async () => {
    const server = await fixture();
    const { status, body } = await mintTicket(server);
    expect(status).toBe(200);
    expect(body.ticket).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const first = await openRaw(server, body.ticket!);
    expect(first.socket!.protocol).toBe(EVENT_SERVICE_SUBPROTOCOL);
    const reuse = await openRaw(server, body.ticket!);
    expect(reuse.status).toBe(401);
  });

  it('N100, N104: unknown and expired tickets get 401; a bad bearer gets 401; GET /connect without upgrade gets 426; /health answers', async () => {
    const server = await fixture();
    expect((await openRaw(server, 'nope')).status).toBe(401);
    const { body } = await mintTicket(server);
    server.expireTickets();
    expect((await openRaw(server, body.ticket!)).status).toBe(401);
    expect(await mintTicket(server, 'wrong')).toEqual({ status: 401, body: { error: 'Unauthorized' } });
    const plain = await fetch(`${server.url}/connect?ticket=x`);
    expect(plain.status).toBe(426);
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true });
  });

  it('an upgrade without the subprotocol still succeeds, with none echoed', async () => {
    const server = await fixture();
    const { body } = await mintTicket(server);
    const { socket } = await openRaw(server, body.ticket!, []);
    expect(socket!.protocol).toBe('');
  });

  it('O106–O111: seq counts per socket from 1, and acks are recorded', async () => {
    const server = await fixture();
    const { socket } = await openRaw(server, (await mintTicket(server)).body.ticket!);
    socket!.send(JSON.stringify({ type: 'context.subscribe', contexts: ['room'] }));
    await waitUntil(() => server.latest()?.contexts.has('room') === true, 'subscribed');
    const received: Array<{ seq: number }> = [];
    socket!.on('message', (data) => received.push(JSON.parse(String(data)) as { seq: number }));
    expect(server.push('other', 'x', 0)).toBe(false);
    server.push('room', 'x', 1);
    server.push('room', 'x', 2);
    await waitUntil(() => received.length === 2, 'events');
    expect(received).toEqual([
      { type: 'event', context: 'room', event: 'x', payload: 1, seq: 1 },
      { type: 'event', context: 'room', event: 'x', payload: 2, seq: 2 },
    ]);
    socket!.send(JSON.stringify({ type: 'ack', seq: 2 }));
    await waitUntil(() => server.latest()!.acked === 2, 'ack recorded');
    server.push('room', 'x', 3);
    await waitUntil(() => received.length === 3, 'event after ack');
    expect(received[2]!.seq).toBe(3);
    expect(server.latest()!.open).toBe(true);
    socket!.send(JSON.stringify({ type: 'context.unsubscribe', contexts: ['room'] }));
    await waitUntil(() => server.latest()!.contexts.size === 0, 'unsubscribed (O109)');
    expect(server.push('room', 'x', 4)).toBe(false);
  });

  it('O112–O113: after a first ack, more than 50 unacked events close with 4002; a socket that never acks is never closed', async () => {
    const server = await fixture();
    const acking = (await openRaw(server, (await mintTicket(server)).body.ticket!)).socket!;
    const silent = (await openRaw(server, (await mintTicket(server)).body.ticket!)).socket!;
    for (const socket of [acking, silent]) socket.send(JSON.stringify({ type: 'context.subscribe', contexts: ['room'] }));
    acking.send(JSON.stringify({ type: 'ack', seq: 0 }));
    await waitUntil(() => server.openSockets().every((s) => s.contexts.has('room')) && server.sockets[0]!.ackReceived, 'ready');
    const closed = new Promise<number>((resolve) => acking.once('close', (code) => resolve(code)));
    for (let i = 0; i < 60; i++) server.push('room', 'x', i);
    expect(await closed).toBe(4002);
    expect(server.sockets[1]!.open).toBe(true);
    expect(server.sockets[1]!.seq).toBe(60);
  });

  it('O114 and the socket limit: a 201-context frame subscribes nothing; overflow across frames gets too_many_contexts', async () => {
    const server = await fixture();
    const { socket } = await openRaw(server, (await mintTicket(server)).body.ticket!);
    const many = Array.from({ length: 201 }, (_, i) => `project:${i}`);
    socket!.send(JSON.stringify({ type: 'context.subscribe', contexts: many }));
    socket!.send(JSON.stringify({ type: 'context.subscribe', contexts: many.slice(0, 150) }));
    const reply = nextMessage(socket!);
    socket!.send(JSON.stringify({ type: 'context.subscribe', contexts: many.slice(100, 201) }));
    expect(JSON.parse(await reply)).toEqual({ type: 'error', code: 'too_many_contexts', max: 200 });
    expect(server.latest()!.contexts.size).toBe(200);
    expect(server.push('project:200', 'x', 0)).toBe(false);
    expect(server.push('project:199', 'x', 0)).toBe(true);
  });

  it('text ping is answered with text pong', async () => {
    const server = await fixture();
    const { socket } = await openRaw(server, (await mintTicket(server)).body.ticket!);
    const reply = nextMessage(socket!);
    socket!.send('ping');
    expect(await reply).toBe('pong');
  });
});

describe('the client over the protocol', () => {
  it('uses each ticket once and offers the subprotocol on every socket', async () => {
    const h = await setup();
    await h.client.connect();
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(h.server.ticketsMinted).toBe(2);
    expect(h.server.upgrades.map((u) => u.status)).toEqual([101, 101]);
    expect(new Set(h.server.upgrades.map((u) => u.ticket)).size).toBe(2);
    expect(h.server.openSockets().map((s) => s.protocol)).toEqual([EVENT_SERVICE_SUBPROTOCOL]);
  });

  it('acknowledges what it received, so the server sees seq and acked move together', async () => {
    const h = await setupSubscribed('room');
    for (let i = 0; i < 45; i++) h.server.push('room', 'x', i);
    await waitUntil(() => h.events.length === 45, 'events');
    // 10 or more unacked: acknowledged at the end of each socket read, no debounce needed.
    await waitUntil(() => h.server.latest()!.acked === 45, 'count-triggered ack');
    const countAcks = h.tracker.ackFrames();
    expect(countAcks.at(-1)).toEqual({ type: 'ack', seq: 45 });
    expect(countAcks.length).toBeLessThanOrEqual(4);
    // Fewer than 10 are acknowledged after the debounce.
    for (let i = 0; i < 5; i++) h.server.push('room', 'x', i);
    await waitUntil(() => h.events.length === 50, 'more events');
    await h.clock.advance(499);
    expect(h.tracker.ackFrames()).toHaveLength(countAcks.length);
    await h.clock.advance(1);
    await waitUntil(() => h.server.latest()!.acked === 50, 'debounced ack');
    expect(h.tracker.ackFrames().at(-1)).toEqual({ type: 'ack', seq: 50 });
  });

  it('a burst of 100 events read at once is acknowledged with one ack of the last seq, not one per 10', async () => {
    const h = await setupSubscribed('room');
    h.server.pushBurst('room', 'x', Array.from({ length: 100 }, (_, i) => i));
    await waitUntil(() => h.events.length === 100, 'events');
    await waitUntil(() => h.server.latest()!.acked === 100, 'ack of the last seq');
    // One socket read, one ack (a read split by the kernel would add one more per part).
    const acks = h.tracker.ackFrames();
    expect(acks.length).toBeLessThanOrEqual(2);
    expect(acks.at(-1)).toEqual({ type: 'ack', seq: 100 });
    // Nothing is left for the debounce.
    await h.clock.advance(500);
    expect(h.tracker.ackFrames()).toEqual(acks);
  });

  it('each burst after a first ack is acknowledged up to its last seq before the next, and the 4002 rule never fires', async () => {
    const h = await setupSubscribed('room');
    h.server.push('room', 'x', 0);
    await waitUntil(() => h.events.length === 1, 'first event');
    await h.clock.advance(500);
    const socket = h.server.latest()!;
    await waitUntil(() => socket.ackReceived, 'first ack');
    for (let burst = 1; burst <= 10; burst++) {
      // 45 per read: under the server's 50 only if the previous burst was acknowledged.
      h.server.pushBurst('room', 'x', Array.from({ length: 45 }, (_, i) => i));
      await waitUntil(() => socket.acked === 1 + burst * 45, `ack of burst ${burst}`);
    }
    expect(h.events.length).toBe(451);
    expect(socket.open).toBe(true);
    expect(socket.closeCode).toBeUndefined();
  });

  it('an ack deferred to the end of a read is dropped with its socket: the next socket never sees the old seq', async () => {
    const h = await setup();
    h.client.subscribe(['room']);
    await h.client.connect();
    await h.synced();
    let count = 0;
    h.client.on('x', (_context, payload) => {
      count++;
      // The last frame of the read replaces the socket before the deferred ack runs.
      if (payload === 24) {
        h.client.disconnect();
        void h.client.connect();
      }
    });
    h.server.pushBurst('room', 'x', Array.from({ length: 25 }, (_, i) => i));
    await waitUntil(() => count === 25, 'events');
    await h.reconnect();
    await h.synced();
    // Before: one ack per 10 frames, sent from inside the frames, on the first socket.
    expect(h.tracker.ackFrames(0)).toEqual([]);
    h.server.push('room', 'x', 'fresh');
    await waitUntil(() => count === 26, 'event on the new socket');
    await h.clock.advance(500);
    await waitUntil(() => h.server.latest()!.acked === 1, 'ack on the new socket');
    expect(h.tracker.ackFrames(1)).toEqual([{ type: 'ack', seq: 1 }]);
  });

  it('a client that acks is kept alive by its acks through a long stream (no 4002)', async () => {
    const h = await setupSubscribed('room');
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 30; i++) h.server.push('room', 'x', i);
      await waitUntil(() => h.events.length === (round + 1) * 30, `round ${round}`);
      await h.clock.advance(500);
    }
    expect(h.server.latest()!.closeCode).toBeUndefined();
    expect(h.server.latest()!.ackReceived).toBe(true);
  });

  it('reports a server too_many_contexts with the contexts the server dropped', async () => {
    const h = await setup({ server: { maxContextsPerSocket: 3 } });
    h.client.subscribe(['a', 'b', 'c', 'd', 'e']);
    await h.client.connect();
    await waitUntil(() => h.errors.length === 1, 'error');
    expect(h.errors[0]).toMatchObject({ code: 'too_many_contexts', max: 3, contexts: ['d', 'e'] });
    expect(h.server.latestContexts()).toEqual(['a', 'b', 'c']);
  });

  it('pings every 15 s and the server pongs, which keeps the socket alive', async () => {
    const h = await setup();
    await h.client.connect();
    await h.clock.advance(60_000);
    expect(h.server.latest()!.pings).toBe(4);
    expect(h.tracker.pongs.get(h.tracker.sockets[0]!)).toBe(4);
    expect(h.client.state).toBe('open');
    expect(h.tracker.sockets).toHaveLength(1);
  });
});
