/**
 * Faults, one per test. After each, the client has either restored every
 * subscription on a new socket, or its state says why it has not.
 */
import { describe, expect, it, vi } from 'vitest';
import { setup, waitUntil } from './support/harness';

const CONTEXTS = ['/kiloclaw/sb1', '/kiloclaw/sb1/conv1', '/presence/web'];

async function running(options: Parameters<typeof setup>[0] = {}) {
  const h = await setup(options);
  h.client.subscribe(CONTEXTS);
  await h.client.connect();
  await h.synced();
  return h;
}

/** The whole-again check: a new socket holds exactly the live contexts and events flow. */
async function expectWhole(h: Awaited<ReturnType<typeof running>>) {
  await h.synced();
  expect(h.server.latestContexts()).toEqual([...CONTEXTS].sort());
  const got = vi.fn();
  const off = h.client.on('probe', got);
  h.server.push(CONTEXTS[0]!, 'probe', 'after');
  await waitUntil(() => got.mock.calls.length === 1, 'event after recovery');
  off();
}

describe('server closes', () => {
  for (const [code, reason] of [
    [4002, 'too many unacked events'],
    [1011, 'WebSocket error'],
  ] as const) {
    it(`close ${code}: reconnects and restores subscriptions`, async () => {
      const h = await running();
      h.server.closeSockets(code, reason);
      await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
      expect(h.states.at(-1)).toMatchObject({ reason: 'socket_closed', closeCode: code, closeReason: reason });
      await h.reconnect();
      await expectWhole(h);
    });
  }

  it('abrupt TCP drop (no close frame): reported as 1006, reconnects and restores subscriptions', async () => {
    const h = await running();
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    expect(h.states.at(-1)).toMatchObject({ reason: 'socket_closed', closeCode: 1006 });
    await h.reconnect();
    await expectWhole(h);
  });

  it('half-open socket: the pong timeout replaces it and subscriptions are restored', async () => {
    const h = await running();
    h.server.silence();
    await h.clock.advance(25_000);
    expect(h.errors.map((e) => e.code)).toEqual(['pong_timeout']);
    await h.reconnect();
    await expectWhole(h);
  });
});

describe('ticket failures', () => {
  it('ticket 401 once: onUnauthorized refreshes, the retry succeeds and subscriptions are restored', async () => {
    const onUnauthorized = vi.fn();
    const h = await running({ client: { onUnauthorized } });
    h.server.scriptTickets({ status: 401 });
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expectWhole(h);
  });

  for (const status of [401, 403]) {
    it(`ticket ${status} for good: the client stops in state unauthorized and says why`, async () => {
      const h = await running({ client: { onUnauthorized: () => 'retry' } });
      h.server.scriptTickets({ status }, { status });
      h.server.dropSockets();
      await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
      await h.clock.runNext();
      await waitUntil(() => h.quiet() && h.client.state === 'reconnecting' && h.clock.pending() === 1, 'retry scheduled');
      await h.clock.runNext();
      await waitUntil(() => h.client.state === 'unauthorized', 'unauthorized');
      expect(h.states.at(-1)!.error).toMatchObject({ code: 'unauthorized', status });
      expect(h.client.activeContexts()).toEqual(CONTEXTS); // kept for when the app signs in again
      expect(h.clock.pending()).toBe(0);
    });
  }

  it('ticket 500: retried with backoff, subscriptions restored', async () => {
    const h = await running();
    h.server.scriptTickets({ status: 500 }, { status: 500 });
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(h.errors.map((e) => e.code)).toEqual(['ticket_failed', 'ticket_failed']);
    await expectWhole(h);
  });
});

describe('upgrade failures', () => {
  for (const status of [401, 426, 503]) {
    it(`upgrade refused with ${status}: retried with a fresh ticket, subscriptions restored`, async () => {
      const h = await running();
      h.server.refuseUpgrades(status);
      h.server.dropSockets();
      await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
      await h.clock.runNext();
      await waitUntil(() => h.quiet() && h.errors.length === 1, 'refused');
      expect(h.errors[0]).toMatchObject({ code: 'socket_error', status });
      h.server.refuseUpgrades(undefined);
      await h.reconnect();
      await expectWhole(h);
      const tickets = h.server.upgrades.map((u) => u.ticket);
      expect(new Set(tickets).size).toBe(tickets.length);
    });
  }

  it('handshake never completes: times out, retried, subscriptions restored', async () => {
    const h = await running();
    h.server.stallUpgrades(true);
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.clock.runNext();
    await waitUntil(() => h.tracker.connectingCount() === 1, 'stalled handshake');
    await h.clock.advance(10_000);
    expect(h.errors.map((e) => e.code)).toEqual(['handshake_timeout']);
    h.server.stallUpgrades(false);
    await h.reconnect();
    await expectWhole(h);
  });
});

describe('malformed frames', () => {
  const frames: Array<[string, string | Buffer, string]> = [
    ['bad JSON', '{"type":"event",', 'json'],
    ['unknown type', JSON.stringify({ type: 'hello', version: 2 }), 'unknown_type'],
    ['binary', Buffer.from([0x7b, 0x7d]), 'binary'],
    ['JSON that is not an object', '[1,2,3]', 'shape'],
    ['event without payload', JSON.stringify({ type: 'event', context: 'x', event: 'y' }), 'shape'],
  ];
  for (const [name, data, reason] of frames) {
    it(`${name}: dropped with a debug log; the socket and subscriptions stay`, async () => {
      const h = await running();
      const any = vi.fn();
      h.client.onAnyEvent(any);
      h.server.sendRaw(data);
      await waitUntil(() => h.logger.lines.some((l) => l.message.includes('malformed')), 'logged');
      expect(h.logger.lines.find((l) => l.message.includes('malformed'))).toMatchObject({
        level: 'debug',
        context: { reason },
      });
      expect(any).not.toHaveBeenCalled();
      expect(h.errors).toEqual([]);
      expect(h.client.state).toBe('open');
      expect(h.tracker.sockets).toHaveLength(1);
      await expectWhole(h);
    });
  }
});
