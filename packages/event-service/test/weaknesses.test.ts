/**
 * Regression tests for the reference client's known weaknesses
 * (event-service.md §8). Each test describes a situation the reference
 * client gets wrong; the comment under each name says what it did.
 */
import { describe, expect, it, vi } from 'vitest';
import { EventServiceClient } from '../src/client';
import type { PlatformHooks } from '../src/platform';
import type { TicketFetch } from '../src/ticket';
import { flushIo } from './support/manual-clock';
import { setup, waitUntil, setupSubscribed } from './support/harness';

/** A fetch that ignores abort signals, as some runtimes' fetch does. */
const fetchIgnoringAbort: TicketFetch = (input, init) =>
  globalThis.fetch(input, { method: init.method, headers: init.headers });

describe('W1: failures from superseded attempts are ignored', () => {
  it('W1: a late 401 from a superseded attempt neither calls onUnauthorized nor stops the current attempt', async () => {
    // Reference: the stale 401 ran onUnauthorized, and its 'stop' killed the newer attempt.
    const onUnauthorized = vi.fn(() => 'stop' as const);
    const h = await setup({ client: { onUnauthorized, fetch: fetchIgnoringAbort } });
    h.server.holdTickets();
    h.server.scriptTickets({ status: 401 });
    void h.client.connect();
    await waitUntil(() => h.server.heldTickets === 1, 'first ticket parked');
    h.client.disconnect();
    const connecting = h.client.connect();
    await waitUntil(() => h.server.heldTickets === 2, 'second ticket parked');
    h.server.releaseTickets();
    await connecting;
    expect(h.server.ticketRequests.map((r) => r.status)).toEqual([401, 200]);
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(h.client.state).toBe('open');
    expect(h.errors).toEqual([]);
  });

  it('W1: a late network failure from a superseded attempt schedules no reconnect and leaves the healthy socket alone', async () => {
    // Reference: the stale failure scheduled a reconnect that later tore down the healthy socket.
    const h = await setup({ client: { fetch: fetchIgnoringAbort } });
    h.server.holdTickets();
    void h.client.connect();
    await waitUntil(() => h.server.heldTickets === 1, 'first ticket parked');
    h.client.disconnect();
    void h.client.connect();
    await waitUntil(() => h.server.heldTickets === 2, 'second ticket parked');
    h.server.scriptTickets({ status: 500 }); // parked requests are answered in order: the stale one fails
    h.server.releaseTickets();
    await waitUntil(() => h.client.state === 'open' && h.server.ticketRequests.length === 2, 'both answered');
    await flushIo(5);
    expect(h.clock.pendingDelays()).toEqual([15_000]); // just the ping interval
    await h.clock.advance(60_000);
    expect(h.tracker.sockets).toHaveLength(1);
    expect(h.client.isConnected()).toBe(true);
  });

  it('W1: a socket from an attempt superseded during its handshake is closed, and at most one socket is ever open', async () => {
    const h = await setup();
    h.server.stallUpgrades(true);
    void h.client.connect();
    await waitUntil(() => h.tracker.sockets.length === 1, 'first socket');
    h.client.disconnect();
    h.server.stallUpgrades(false);
    await h.client.connect();
    expect(h.tracker.sockets).toHaveLength(2);
    expect(h.tracker.sockets[0]!.readyState).toBeGreaterThanOrEqual(2);
    expect(h.tracker.maxOpen).toBe(1);
  });
});

describe('W2: outcomes are observable', () => {
  it('W2: state changes carry reasons, and failures reach onError with codes', async () => {
    // Reference: no state, no error events; connect() resolved whatever happened.
    const h = await setup();
    h.server.scriptTickets({ status: 500 });
    void h.client.connect();
    await h.reconnect();
    expect(h.states.map((s) => [s.previous, s.state, s.reason])).toEqual([
      ['idle', 'connecting', 'connect'],
      ['connecting', 'reconnecting', 'attempt_failed'],
      ['reconnecting', 'open', 'opened'],
    ]);
    expect(h.states[1]!.error?.code).toBe('ticket_failed');
    expect(h.states[1]!.retryInMs).toBe(500);
    h.server.closeSockets(4002, 'too many unacked events');
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    expect(h.states.at(-1)).toMatchObject({ reason: 'socket_closed', closeCode: 4002, closeReason: 'too many unacked events' });
    h.client.disconnect();
    expect(h.states.at(-1)).toMatchObject({ state: 'closed', reason: 'disconnect' });
  });

  it('W2: a server error frame with an unknown code is reported, not only logged', async () => {
    const h = await setup();
    await h.client.connect();
    h.server.sendRaw(JSON.stringify({ type: 'error', code: 'rate_limited' }));
    await waitUntil(() => h.errors.length === 1, 'error');
    expect(h.errors[0]).toMatchObject({ code: 'server_error', serverCode: 'rate_limited' });
    expect(h.client.isConnected()).toBe(true);
  });
});

describe('W3: a failing replacement leaves no stale state', () => {
  it('W3: connect() replacing an open socket whose replacement fails settles, with isConnected() false and no stale ping', async () => {
    // Reference: the connected flag stayed set, the old ping kept running, and connect() could hang forever.
    const h = await setup();
    h.client.subscribe(['a']);
    await h.client.connect();
    h.server.refuseUpgrades(503);
    await h.client.connect();
    await waitUntil(() => h.quiet() && h.client.state === 'reconnecting', 'replacement failed');
    expect(h.tracker.closes).toEqual([{ socket: 0, code: 1000, reason: 'superseded' }]);
    expect(h.client.isConnected()).toBe(false);
    expect(h.clock.pending()).toBe(1); // one retry timer, no stale ping interval
    h.server.refuseUpgrades(undefined);
    await h.reconnect();
    await h.synced();
  });

  it('W3: while a lost socket is being replaced, isConnected() is false and waitForOpen() settles when the replacement opens', async () => {
    const h = await setup();
    h.client.subscribe(['a']);
    await h.client.connect();
    h.server.refuseUpgrades(503);
    h.server.closeSockets(1011);
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    expect(h.client.isConnected()).toBe(false);
    let opened = false;
    void h.client.waitForOpen().then(() => (opened = true));
    await h.clock.runNext();
    await waitUntil(() => h.quiet() && h.client.state === 'reconnecting', 'replacement failed');
    expect(opened).toBe(false);
    expect(h.clock.pending()).toBe(1); // one retry timer, no stale ping interval
    h.server.refuseUpgrades(undefined);
    await h.reconnect();
    await flushIo();
    expect(opened).toBe(true);
    await h.synced();
  });
});

describe('W4: liveness', () => {
  it('W4: a half-open socket (no pong) is dropped after the pong timeout and replaced, with subscriptions restored', async () => {
    // Reference: no pong deadline; a half-open socket lingered until the OS noticed.
    const h = await setup();
    h.client.subscribe(['a', 'b']);
    await h.client.connect();
    await h.synced();
    h.server.silence();
    await h.clock.advance(15_000);
    expect(h.client.state).toBe('open');
    await h.clock.advance(9_999);
    expect(h.client.state).toBe('open');
    await h.clock.advance(1);
    expect(h.errors.map((e) => e.code)).toEqual(['pong_timeout']);
    expect(h.states.at(-1)).toMatchObject({ state: 'reconnecting', reason: 'pong_timeout' });
    expect(h.tracker.sockets[0]!.readyState).toBeGreaterThanOrEqual(2);
    await h.reconnect();
    await h.synced();
    expect(h.server.latestContexts()).toEqual(['a', 'b']);
  });

  it('W4: any inbound frame counts as life, and pongTimeoutMs: 0 turns the check off', async () => {
    const h = await setup({ client: { pongTimeoutMs: 0 } });
    await h.client.connect();
    h.server.silence();
    await h.clock.advance(120_000);
    expect(h.client.state).toBe('open');
  });
});

describe('W5: acks keep a healthy client clear of the 4002 rule', () => {
  it('W5: a burst of 200 events after a first ack does not get the socket closed', async () => {
    // Reference: acks only every 15 s, so more than 50 events within one tick after an ack closed the socket with 4002.
    const h = await setup();
    h.client.subscribe(['a']);
    await h.client.connect();
    await h.synced();
    let received = 0;
    h.client.on('typing', () => received++);
    h.server.push('a', 'typing', 0);
    await waitUntil(() => received === 1, 'first event');
    await h.clock.advance(500);
    const socket = h.server.latest()!;
    await waitUntil(() => socket.ackReceived, 'first ack');
    for (let i = 1; i <= 200; i++) {
      h.server.push('a', 'typing', i);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitUntil(() => received === 201, 'all events');
    expect(socket.open).toBe(true);
    expect(socket.closeCode).toBeUndefined();
    expect(socket.seq - socket.acked).toBeLessThanOrEqual(50);
    expect(h.tracker.sockets).toHaveLength(1);
  });
});

describe('W6: subscribe frames are chunked and validated, and overflow is reported', () => {
  it('W6: more than 200 live contexts go out in frames of at most 200, on connect and after every reconnect', async () => {
    // Reference: one frame with every context; over 200, the server dropped them all.
    const h = await setup({ server: { maxContextsPerSocket: 500 }, client: { maxContextsPerSocket: 500 } });
    const contexts = Array.from({ length: 450 }, (_, i) => `ctx:${i}`);
    h.client.subscribe(contexts);
    await h.client.connect();
    expect(h.tracker.jsonFrames(0).map((f) => f.contexts!.length)).toEqual([200, 200, 50]);
    await h.synced();
    h.server.dropSockets();
    await waitUntil(() => h.client.state === 'reconnecting', 'reconnecting');
    await h.reconnect();
    expect(h.tracker.jsonFrames(1).map((f) => f.contexts!.length)).toEqual([200, 200, 50]);
    await h.synced();
    expect(h.server.latest()!.contexts.size).toBe(450);
  });

  it('W6: contexts beyond the per-socket limit are reported with their names and placed when room frees up', async () => {
    const h = await setup();
    const contexts = Array.from({ length: 201 }, (_, i) => `ctx:${i}`);
    h.client.subscribe(contexts);
    await h.client.connect();
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ code: 'too_many_contexts', contexts: ['ctx:200'], max: 200 });
    await waitUntil(() => h.server.latest()!.contexts.size === 200, 'server holds 200');
    h.client.unsubscribe(['ctx:0']);
    expect(h.tracker.jsonFrames().slice(-2)).toEqual([
      { type: 'context.unsubscribe', contexts: ['ctx:0'] },
      { type: 'context.subscribe', contexts: ['ctx:200'] },
    ]);
    await h.synced();
  });

  it('W6: after a server too_many_contexts, the dropped contexts are placed when room frees up', async () => {
    const h = await setup({ server: { maxContextsPerSocket: 2 } });
    h.client.subscribe(['a', 'b', 'c']);
    await h.client.connect();
    await waitUntil(() => h.errors.length === 1, 'server error');
    h.client.unsubscribe(['a']);
    await waitUntil(() => h.server.latestContexts().join() === 'b,c', 'c placed');
  });

  it('W6: an empty or over-long context is rejected up front and nothing of that call is subscribed', async () => {
    // Reference: one bad context silently poisoned the whole frame on the server.
    const h = await setup();
    await h.client.connect();
    expect(() => h.client.subscribe(['ok', ''])).toThrow(expect.objectContaining({ code: 'invalid_context' }));
    expect(() => h.client.subscribe(['ok', 'x'.repeat(257)])).toThrow(expect.objectContaining({ code: 'invalid_context' }));
    expect(h.client.activeContexts()).toEqual([]);
    expect(h.tracker.sent).toEqual([]);
    h.client.subscribe(['x'.repeat(256)]);
    await h.synced();
  });
});

describe('W7: callbacks are isolated', () => {
  it('W7: throwing onReconnect, onResync and onConnected handlers do not stop the others, the promise, the ping or the socket', async () => {
    // Reference: the first throw skipped the rest, left connect() unresolved, no ping, and the handshake timer closed the socket 10 s later.
    const h = await setup();
    await h.client.connect();
    h.client.disconnect();
    const reached: string[] = [];
    for (const [name, register] of [
      ['reconnect', h.client.onReconnect.bind(h.client)],
      ['resync', h.client.onResync.bind(h.client)],
      ['connected', h.client.onConnected.bind(h.client)],
    ] as const) {
      register(() => {
        throw new Error(`${name} failed`);
      });
      register(() => reached.push(name));
    }
    await h.client.connect();
    expect(reached).toEqual(['reconnect', 'resync', 'connected']);
    expect(h.errors.map((e) => e.code)).toEqual(['listener_error', 'listener_error', 'listener_error']);
    expect(h.errors[0]!.message).toContain('reconnect failed');
    await h.clock.advance(15_000);
    expect(h.client.isConnected()).toBe(true);
    expect(h.tracker.sent.map((s) => s.data)).toContain('ping');
    expect(h.tracker.closes).toEqual([{ socket: 0, code: 1000, reason: 'client-disconnect' }]);
  });

  it('W7: a throwing event handler does not stop later handlers, later frames or the socket', async () => {
    const h = await setup();
    h.client.subscribe(['a']);
    await h.client.connect();
    await h.synced();
    const after = vi.fn();
    const any = vi.fn();
    h.client.on('x', () => {
      throw new Error('handler failed');
    });
    h.client.on('x', after);
    h.client.onAnyEvent(any);
    h.server.push('a', 'x', 1);
    h.server.push('a', 'x', 2);
    await waitUntil(() => after.mock.calls.length === 2, 'both events');
    expect(any).toHaveBeenCalledTimes(2);
    expect(h.errors.map((e) => e.code)).toEqual(['listener_error', 'listener_error']);
    expect(h.client.isConnected()).toBe(true);
  });

  it('W7: a throwing resync handler does not stop the event that revealed the gap', async () => {
    const h = await setup();
    h.client.subscribe(['a']);
    await h.client.connect();
    await h.synced();
    h.client.onResync(() => {
      throw new Error('resync failed');
    });
    const got = vi.fn();
    h.client.on('x', got);
    h.server.skipSeq(3);
    h.server.push('a', 'x', 'after gap');
    await waitUntil(() => got.mock.calls.length === 1, 'event');
    expect(got).toHaveBeenCalledWith('a', 'after gap');
  });

  it('W7: throwing onStateChange and onError listeners are logged and change nothing', async () => {
    const h = await setup();
    h.client.onStateChange(() => {
      throw new Error('state listener failed');
    });
    h.client.onError(() => {
      throw new Error('error listener failed');
    });
    await h.client.connect();
    expect(h.client.isConnected()).toBe(true);
    expect(h.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      expect.stringContaining('state listener failed'),
      'event-service: an onError listener threw',
      expect.stringContaining('state listener failed'),
      'event-service: an onError listener threw',
    ]);
  });
});

describe('W8: auth failures end in a visible state', () => {
  it('W8: without onUnauthorized, 401s stop after one retry in state unauthorized, with the error on the state change', async () => {
    // Reference: without the callback, 401s were retried forever; after an auth stop nothing was emitted.
    const h = await setup();
    h.token.value = 'revoked';
    void h.client.connect();
    await waitUntil(() => h.client.state === 'reconnecting', 'retry scheduled');
    await h.clock.runNext();
    await waitUntil(() => h.client.state === 'unauthorized', 'unauthorized');
    const last = h.states.at(-1)!;
    expect(last).toMatchObject({ state: 'unauthorized', reason: 'unauthorized' });
    expect(last.error).toMatchObject({ name: 'WebSocketAuthError', status: 401 });
    expect(h.clock.pending()).toBe(0);
    await h.clock.advance(300_000);
    expect(h.server.ticketRequests).toHaveLength(2);
  });

  it('W8: an auth close code (4401) after open goes through onUnauthorized like a ticket 401', async () => {
    const onUnauthorized = vi.fn(() => 'stop' as const);
    const h = await setup({ client: { onUnauthorized } });
    await h.client.connect();
    h.server.closeSockets(4401, 'unauthorized');
    await waitUntil(() => h.client.state === 'unauthorized', 'unauthorized');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('W8: a refused upgrade reports the HTTP status where the runtime exposes it', async () => {
    const h = await setup();
    h.server.refuseUpgrades(401);
    void h.client.connect();
    await waitUntil(() => h.errors.length === 1, 'error');
    expect(h.errors[0]).toMatchObject({ code: 'socket_error', status: 401 });
    // An upgrade 401 means a spent or expired ticket, not a bad token: plain retry with a fresh ticket.
    h.server.refuseUpgrades(undefined);
    await h.reconnect();
  });
});

describe('W9: one lifecycle owner', () => {
  it('W9: disconnect() resets the acquire count, so a later acquire() reconnects', async () => {
    // Reference: the count stayed above zero and later acquires never reconnected.
    const h = await setup();
    await h.client.acquire();
    await h.client.acquire();
    h.client.disconnect();
    await h.client.acquire();
    expect(h.client.isConnected()).toBe(true);
    h.client.release();
    expect(h.client.state).toBe('closed');
  });

  it('W9: after an auth stop, acquire() starts over', async () => {
    const h = await setup({ client: { onUnauthorized: () => 'stop' } });
    h.token.value = 'revoked';
    await h.client.acquire();
    expect(h.client.state).toBe('unauthorized');
    h.token.value = 'token-1';
    await h.client.acquire();
    expect(h.client.state).toBe('open');
  });

  it('W9: connect() after disconnect() keeps the backoff of recent failures (no remount storm)', async () => {
    // Reference: connect() reset the backoff, so each remount retried at full speed.
    const h = await setup({ client: { random: () => 0.999 } });
    h.server.refuseUpgrades(503);
    void h.client.connect();
    for (const delay of [999, 1_998, 3_996]) {
      await waitUntil(() => h.quiet() && h.clock.pending() === 1, 'failure');
      expect(h.clock.pendingDelays()).toEqual([delay]);
      if (delay !== 3_996) await h.clock.runNext();
    }
    h.client.disconnect();
    void h.client.connect();
    await flushIo();
    await waitUntil(() => h.quiet() && h.clock.pending() === 1, 'failure after remount');
    expect(h.clock.pendingDelays()).toEqual([7_992]);
  });

  it('W9: disconnect() during the ticket request aborts it and leaves no socket and no timer', async () => {
    // Reference: the ticket fetch and getToken ran on and wasted a ticket.
    const h = await setup();
    h.server.holdTickets();
    void h.client.connect();
    await waitUntil(() => h.server.heldTickets === 1, 'ticket parked');
    h.client.disconnect();
    expect(h.http.calls[0]!.init.signal.aborted).toBe(true);
    expect(h.clock.pending()).toBe(0);
    h.server.releaseTickets();
    await flushIo(5);
    expect(h.tracker.sockets).toHaveLength(0);
    expect(h.client.state).toBe('closed');
  });
});

describe('W10: identity scoping', () => {
  it('W10: reset() forgets contexts and history, so the next identity starts clean', async () => {
    // Reference: after a user switch the next connect fired onReconnect/onResync and resubscribed the previous user's contexts.
    const h = await setup({ server: { tokens: { 'token-1': 'alice', 'token-2': 'bob' } } });
    const oldHandle = h.client.subscribe(['/alice/private']);
    await h.client.connect();
    const reconnect = vi.fn();
    const resync = vi.fn();
    h.client.onReconnect(reconnect);
    h.client.onResync(resync);
    h.client.reset();
    expect(h.client.state).toBe('idle');
    expect(h.client.activeContexts()).toEqual([]);
    h.token.value = 'token-2';
    h.client.subscribe(['/bob/inbox', '/alice/private']);
    oldHandle.unsubscribe(); // a handle from before reset() is inert
    await h.client.connect();
    expect(reconnect).not.toHaveBeenCalled();
    expect(resync).not.toHaveBeenCalled();
    expect(h.tracker.jsonFrames(1)).toEqual([{ type: 'context.subscribe', contexts: ['/bob/inbox', '/alice/private'] }]);
    expect(h.server.latest()!.userId).toBe('bob');
  });

  it('W10: dispose() drops listeners and subscriptions and refuses further use', async () => {
    const h = await setup();
    const handler = vi.fn();
    h.client.on('x', handler);
    h.client.subscribe(['a']);
    await h.client.connect();
    h.client.dispose();
    expect(h.client.state).toBe('closed');
    expect(h.clock.pending()).toBe(0);
    await expect(h.client.connect()).rejects.toMatchObject({ code: 'disposed' });
    expect(() => h.client.subscribe(['a'])).toThrow(expect.objectContaining({ code: 'disposed' }));
  });
});

describe('W11: seq bookkeeping', () => {
  const subscribed = setupSubscribed;

  it('W11: a frame of an unknown type still counts its seq, so the next event is no false gap', async () => {
    // Reference: the unknown frame was dropped before counting, and the next seq looked like a gap.
    const h = await subscribed();
    h.server.push('a', 'x', 1);
    h.server.sendRaw(JSON.stringify({ type: 'presence.snapshot', seq: 2, users: [] }));
    h.server.skipSeq(1);
    h.server.push('a', 'x', 3);
    await waitUntil(() => h.events.length === 2, 'events');
    expect(h.resync).not.toHaveBeenCalled();
    await h.clock.advance(500);
    expect(h.tracker.ackFrames()).toEqual([{ type: 'ack', seq: 3 }]);
  });

  it('W11: a repeated or older seq is dropped, not dispatched twice', async () => {
    // Reference: no dedupe; duplicates were dispatched again.
    const h = await subscribed();
    const frame = (seq: number, payload: string) => JSON.stringify({ type: 'event', context: 'a', event: 'x', payload, seq });
    h.server.sendRaw(frame(1, 'one'));
    h.server.sendRaw(frame(2, 'two'));
    h.server.sendRaw(frame(2, 'two again'));
    h.server.sendRaw(frame(1, 'one again'));
    h.server.sendRaw(frame(3, 'three'));
    await waitUntil(() => h.events.length === 3, 'events');
    await flushIo();
    expect(h.events).toEqual(['one', 'two', 'three']);
    expect(h.resync).not.toHaveBeenCalled();
  });
});

describe('W12: routing by context', () => {
  it('W12: onContext receives only its context; onAnyEvent receives everything', async () => {
    // Reference: routing by event name only; every consumer filtered contexts itself.
    const h = await setup();
    h.client.subscribe(['a', 'b']);
    await h.client.connect();
    await h.synced();
    const onA: unknown[] = [];
    const all: unknown[] = [];
    h.client.onContext('a', (e) => onA.push([e.event, e.payload, e.seq]));
    h.client.onAnyEvent((e) => all.push(e.context));
    h.server.push('a', 'x', 1);
    h.server.push('b', 'y', 2);
    h.server.push('a', 'z', 3);
    await waitUntil(() => all.length === 3, 'events');
    expect(onA).toEqual([
      ['x', 1, 1],
      ['z', 3, 3],
    ]);
    expect(all).toEqual(['a', 'b', 'a']);
  });

  it('W12: a subscription handle releases exactly its own references, once', async () => {
    const h = await setup();
    await h.client.connect();
    const first = h.client.subscribe(['a']);
    h.client.subscribe(['a']);
    first.unsubscribe();
    first.unsubscribe();
    expect(h.client.activeContexts()).toEqual(['a']);
    expect(h.tracker.jsonFrames().map((f) => f.type)).toEqual(['context.subscribe']);
  });
});

describe('Platform wake-ups', () => {
  function fakePlatform() {
    const listeners: Record<string, (() => void) | undefined> = {};
    const platform: PlatformHooks = {
      onOnline: (listener) => {
        listeners.online = listener;
        return () => (listeners.online = undefined);
      },
      onVisible: (listener) => {
        listeners.visible = listener;
        return () => (listeners.visible = undefined);
      },
    };
    return { platform, listeners };
  }

  it('going online cuts the backoff wait short; becoming visible probes an open socket; hooks detach on disconnect', async () => {
    const { platform, listeners } = fakePlatform();
    const h = await setup({ client: { platform, random: () => 0.999 } });
    h.server.refuseUpgrades(503);
    void h.client.connect();
    await waitUntil(() => h.quiet() && h.client.state === 'reconnecting', 'failure');
    h.server.refuseUpgrades(undefined);
    listeners.online!();
    await waitUntil(() => h.client.isConnected(), 'open without advancing the clock');
    listeners.visible!();
    expect(h.tracker.sent.map((s) => s.data)).toEqual(['ping']);
    h.client.disconnect();
    expect(listeners).toEqual({ online: undefined, visible: undefined });
  });

  it('a visible probe of a dead socket leads to a reconnect after the pong timeout', async () => {
    const { platform, listeners } = fakePlatform();
    const h = await setup({ client: { platform } });
    await h.client.connect();
    h.server.silence();
    listeners.visible!();
    await h.clock.advance(10_000);
    expect(h.client.state).toBe('reconnecting');
    await h.reconnect();
  });

  it('the default platform hooks window and document when they exist', async () => {
    const { browserPlatform } = await import('../src/platform');
    expect(browserPlatform()).toEqual({});
    const target = () => {
      const listeners = new Map<string, () => void>();
      return {
        listeners,
        visibilityState: 'hidden',
        addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
        removeEventListener: (type: string) => listeners.delete(type),
      };
    };
    const win = target();
    const doc = target();
    vi.stubGlobal('window', win);
    vi.stubGlobal('document', doc);
    try {
      const hooks = browserPlatform();
      const online = vi.fn();
      const visible = vi.fn();
      const offOnline = hooks.onOnline!(online);
      const offVisible = hooks.onVisible!(visible);
      win.listeners.get('online')!();
      doc.listeners.get('visibilitychange')!();
      doc.visibilityState = 'visible';
      doc.listeners.get('visibilitychange')!();
      expect([online.mock.calls.length, visible.mock.calls.length]).toEqual([1, 1]);
      offOnline();
      offVisible();
      expect(win.listeners.size + doc.listeners.size).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a client built with the default platform in a browser-like global attaches while running and detaches when stopped', async () => {
    const listeners = new Set<string>();
    vi.stubGlobal('window', {
      addEventListener: (type: string) => listeners.add(type),
      removeEventListener: (type: string) => listeners.delete(type),
    });
    try {
      const h = await setup();
      const client = new EventServiceClient({ url: h.server.url, getToken: () => 'token-1', timers: h.clock });
      expect(listeners.size).toBe(0);
      await client.connect();
      expect([...listeners]).toEqual(['online']);
      client.disconnect();
      expect(listeners.size).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('Re-entrancy', () => {
  it('a state listener that disconnects during connect() stops the start: no request, no socket, no timer', async () => {
    const h = await setup();
    h.client.onStateChange((change) => {
      if (change.state === 'connecting') h.client.disconnect();
    });
    await h.client.connect();
    await flushIo(5);
    expect(h.client.state).toBe('closed');
    expect(h.token.calls).toBe(0);
    expect(h.tracker.sockets).toHaveLength(0);
    expect(h.clock.pending()).toBe(0);
  });

  it('a state listener that reconnects while the client stops gets a promise for the new start', async () => {
    const h = await setup();
    await h.client.connect();
    let again: Promise<void> | undefined;
    const off = h.client.onStateChange((change) => {
      if (change.state === 'closed') again = h.client.connect();
    });
    h.client.disconnect();
    off();
    let settled = false;
    void again!.then(() => (settled = true));
    await flushIo();
    expect(h.client.state === 'open').toBe(settled);
    await again;
    expect(h.client.isConnected()).toBe(true);
  });
});
