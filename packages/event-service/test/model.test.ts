/**
 * Model-based test: fast-check drives random interleavings of connect,
 * disconnect, subscribe, unsubscribe, server drops, slow tokens, slow
 * tickets and clock moves against a real fixture server, and checks:
 *
 * - at most one socket of the client is open at any moment;
 * - right after disconnect() no socket is connecting or open and no timer
 *   of the client is pending;
 * - once everything has settled, the client is open with the server holding
 *   exactly the contexts that have live references (if the last call was
 *   connect), or stopped with nothing left (if it was disconnect).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventServiceClient } from '../src/client';
import type { SubscriptionHandle } from '../src/client';
import { startFixtureServer } from './support/fixture-server';
import type { FixtureServer } from './support/fixture-server';
import { SocketTracker, trackingFetch, waitUntil } from './support/harness';
import type { HttpTracker } from './support/harness';
import { flushIo, ManualClock } from './support/manual-clock';

const CONTEXTS = ['/kiloclaw/a', '/kiloclaw/a/c1', '/kiloclaw/b', '/presence/web'] as const;

interface Model {
  wantOpen: boolean;
  counts: Map<string, number>;
  handles: Array<{ handle: SubscriptionHandle; context: string; released: boolean }>;
}

interface Real {
  server: FixtureServer;
  clock: ManualClock;
  tracker: SocketTracker;
  client: EventServiceClient;
  tokens: { hold: boolean; waiting: Array<() => void> };
  http: { inflight: number };
}

function checkAlways(real: Real) {
  expect(real.tracker.openCount()).toBeLessThanOrEqual(1);
  expect(real.tracker.maxOpen).toBeLessThanOrEqual(1);
}

function addRef(model: Model, context: string) {
  model.counts.set(context, (model.counts.get(context) ?? 0) + 1);
}

function dropRef(model: Model, context: string) {
  const count = model.counts.get(context);
  if (count === undefined) return;
  if (count <= 1) model.counts.delete(context);
  else model.counts.set(context, count - 1);
}

class Connect implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    void real.client.connect();
    model.wantOpen = true;
    await flushIo(1);
    checkAlways(real);
  }
  toString = () => 'connect';
}

class Disconnect implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    real.client.disconnect();
    model.wantOpen = false;
    expect(real.clock.pending()).toBe(0);
    expect(real.tracker.liveCount()).toBe(0);
    await flushIo(1);
    checkAlways(real);
  }
  toString = () => 'disconnect';
}

class Subscribe implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly context: string,
    readonly keepHandle: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const handle = real.client.subscribe([this.context]);
    addRef(model, this.context);
    if (this.keepHandle) model.handles.push({ handle, context: this.context, released: false });
    await flushIo(1);
    checkAlways(real);
  }
  toString = () => `subscribe(${this.context}${this.keepHandle ? ', keep handle' : ''})`;
}

class Unsubscribe implements fc.AsyncCommand<Model, Real> {
  constructor(readonly context: string) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.client.unsubscribe([this.context]);
    dropRef(model, this.context);
    await flushIo(1);
    checkAlways(real);
  }
  toString = () => `unsubscribe(${this.context})`;
}

class ReleaseHandle implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check = (model: Readonly<Model>) => model.handles.length > 0;
  async run(model: Model, real: Real) {
    const entry = model.handles[this.index % model.handles.length]!;
    entry.handle.unsubscribe();
    if (!entry.released) {
      entry.released = true;
      // Like the client: the handle's first release removes one reference, if any is left.
      dropRef(model, entry.context);
    }
    await flushIo(1);
    checkAlways(real);
  }
  toString = () => `handle[${this.index}].unsubscribe()`;
}

class ServerDrop implements fc.AsyncCommand<Model, Real> {
  constructor(readonly kind: 'close-1011' | 'close-4002' | 'tcp') {}
  check = () => true;
  async run(_model: Model, real: Real) {
    if (this.kind === 'tcp') real.server.dropSockets();
    else real.server.closeSockets(this.kind === 'close-1011' ? 1011 : 4002);
    await flushIo(2);
    checkAlways(real);
  }
  toString = () => `server ${this.kind}`;
}

class SlowTokens implements fc.AsyncCommand<Model, Real> {
  constructor(readonly on: boolean) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    if (this.on) {
      real.tokens.hold = true;
    } else {
      real.tokens.hold = false;
      for (const release of real.tokens.waiting.splice(0)) release();
    }
    await flushIo(1);
    checkAlways(real);
  }
  toString = () => (this.on ? 'tokens slow' : 'tokens answered');
}

class SlowTickets implements fc.AsyncCommand<Model, Real> {
  constructor(readonly on: boolean) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    if (this.on) real.server.holdTickets();
    else real.server.releaseTickets();
    await flushIo(1);
    checkAlways(real);
  }
  toString = () => (this.on ? 'tickets slow' : 'tickets answered');
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    await real.clock.advance(this.ms);
    checkAlways(real);
  }
  toString = () => `advance ${this.ms} ms`;
}

const contextArb = fc.constantFrom(...CONTEXTS);
// Connects, drops and clock moves are listed twice to weight them up.
const commands = [
  fc.constant(new Connect()),
  fc.constant(new Connect()),
  fc.constantFrom('close-1011', 'tcp').map((kind) => new ServerDrop(kind as 'tcp')),
  fc.constantFrom(500, 15_000).map((ms) => new Advance(ms)),
  fc.constant(new Disconnect()),
  fc.tuple(contextArb, fc.boolean()).map(([context, keep]) => new Subscribe(context, keep)),
  contextArb.map((context) => new Unsubscribe(context)),
  fc.nat({ max: 10 }).map((index) => new ReleaseHandle(index)),
  fc.constantFrom('close-1011', 'close-4002', 'tcp').map((kind) => new ServerDrop(kind as 'close-1011')),
  fc.boolean().map((on) => new SlowTokens(on)),
  fc.boolean().map((on) => new SlowTickets(on)),
  fc.constantFrom(100, 1_000, 5_000, 16_000).map((ms) => new Advance(ms)),
];

async function build(): Promise<Real> {
  const server = await startFixtureServer();
  const clock = new ManualClock();
  const tracker = new SocketTracker();
  const tokens: Real['tokens'] = { hold: false, waiting: [] };
  const http: HttpTracker = { inflight: 0, calls: [] };
  const fetchTracked = trackingFetch(http);
  const client = new EventServiceClient({
    url: server.url,
    getToken: () =>
      tokens.hold ? new Promise<string>((resolve) => tokens.waiting.push(() => resolve('token-1'))) : 'token-1',
    WebSocket: tracker.WebSocket,
    fetch: fetchTracked,
    timers: clock,
    random: () => 0.5,
    platform: null,
  });
  return { server, clock, tracker, client, tokens, http };
}

/** Answers everything slow, then runs the client's backoff until it has nothing left to do. */
async function settle(model: Model, real: Real) {
  real.tokens.hold = false;
  for (const release of real.tokens.waiting.splice(0)) release();
  real.server.releaseTickets();
  const quiet = () => real.http.inflight === 0 && real.tracker.connectingCount() === 0;
  const live = [...model.counts.keys()].sort();
  if (model.wantOpen) {
    // Poll until the server holds exactly the live contexts on one socket. A
    // drop may still be in flight when settling starts, so whenever the client
    // is waiting out its backoff with nothing in flight, run that timer.
    const synced = () =>
      real.client.isConnected() &&
      real.server.openSockets().length === 1 &&
      real.server.latestContexts().join('\n') === live.join('\n');
    const started = Date.now();
    while (!synced()) {
      if (Date.now() - started > 5_000) {
        throw new Error(`not settled: state ${real.client.state}, server ${JSON.stringify(real.server.latestContexts())}, want ${JSON.stringify(live)}`);
      }
      expect(['connecting', 'open', 'reconnecting']).toContain(real.client.state);
      if (real.client.state === 'reconnecting' && quiet() && real.clock.pending() > 0) await real.clock.runNext();
      else await new Promise((resolve) => setTimeout(resolve, 1));
      await flushIo(1);
    }
    expect(real.client.activeContexts().sort()).toEqual(live);
  } else {
    expect(['idle', 'closed']).toContain(real.client.state);
    expect(real.clock.pending()).toBe(0);
    expect(real.tracker.liveCount()).toBe(0);
    await waitUntil(() => real.server.openSockets().length === 0, 'server sockets closed');
  }
  checkAlways(real);
}

describe('model: random interleavings', () => {
  it('keeps one socket, restores exactly the live contexts, and leaves nothing behind after disconnect()', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'max' }), async (cmds) => {
        const real = await build();
        const model: Model = { wantOpen: false, counts: new Map(), handles: [] };
        try {
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          await settle(model, real);
          real.client.disconnect();
          expect(real.clock.pending()).toBe(0);
          expect(real.tracker.liveCount()).toBe(0);
        } finally {
          real.client.dispose();
          await real.server.stop();
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
