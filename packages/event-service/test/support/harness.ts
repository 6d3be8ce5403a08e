/**
 * Wiring for client tests: a fixture server, a manual clock, a WebSocket
 * constructor that records every socket and every frame the client sends,
 * a recording logger, and a client built from them. Everything is torn down
 * when the test finishes.
 */
import { onTestFinished, vi } from 'vitest';
import type { Mock } from 'vitest';
import WS from 'ws';
import { EventServiceClient } from '../../src/client';
import type { EventServiceConfig } from '../../src/config';
import type { EventServiceClientError, StateChange } from '../../src/connection-state';
import type { Logger } from '../../src/logger';
import type { WebSocketConstructor } from '../../src/socket';
import type { TicketFetch } from '../../src/ticket';
import { startFixtureServer } from './fixture-server';
import type { FixtureServer, FixtureServerOptions } from './fixture-server';
import { flushIo, ManualClock } from './manual-clock';

/** Polls `predicate` on every macrotask until it holds; fails after `limitMs` of real time. */
export async function waitUntil(predicate: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const started = Date.now();
  // Let already-queued work (microtasks, ready I/O) run before the first look.
  await flushIo(1);
  while (!predicate()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for: ${what}`);
    await flushIo(1);
    if (!predicate()) await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Every socket the client created, in order, and the frames it sent on each. */
export class SocketTracker {
  readonly sockets: WS[] = [];
  readonly sent: Array<{ socket: number; data: string }> = [];
  readonly urls: string[] = [];
  readonly closes: Array<{ socket: number; code: number | undefined; reason: string | undefined }> = [];
  readonly protocols: Array<string | string[] | undefined> = [];
  /** Shared ordering log; tests may push their own markers. */
  readonly log: string[] = [];
  /** Pongs received per socket. */
  readonly pongs = new Map<WS, number>();
  /** The most sockets ever OPEN at once (sampled at every open). */
  maxOpen = 0;

  readonly WebSocket: WebSocketConstructor;

  constructor() {
    const tracker = this;
    class TrackedWebSocket extends WS {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        tracker.sockets.push(this);
        tracker.urls.push(url);
        tracker.protocols.push(protocols);
        this.on('open', () => {
          tracker.maxOpen = Math.max(tracker.maxOpen, tracker.openCount());
        });
        this.on('error', () => {});
        this.on('message', (data: unknown) => {
          if (String(data) === 'pong') tracker.pongs.set(this, (tracker.pongs.get(this) ?? 0) + 1);
        });
      }

      override close(code?: number, reason?: string): void {
        // `ws` calls close() itself (with a Buffer reason) to answer the peer's close frame.
        if (!Buffer.isBuffer(reason)) tracker.closes.push({ socket: tracker.sockets.indexOf(this), code, reason });
        super.close(code, reason);
      }

      override send(data: unknown, ...rest: unknown[]): void {
        const index = tracker.sockets.indexOf(this);
        tracker.sent.push({ socket: index, data: String(data) });
        tracker.log.push(`send:${String(data)}`);
        (super.send as (...args: unknown[]) => void)(data, ...rest);
      }
    }
    this.WebSocket = TrackedWebSocket as unknown as WebSocketConstructor;
  }

  /** Pings sent on OPEN sockets that have not been answered yet. */
  pongsOwed(): number {
    let owed = 0;
    this.sockets.forEach((socket, index) => {
      if (socket.readyState !== WS.OPEN) return;
      const pings = this.sent.filter((entry) => entry.socket === index && entry.data === 'ping').length;
      owed += Math.max(0, pings - (this.pongs.get(socket) ?? 0));
    });
    return owed;
  }

  /** Sockets currently OPEN. */
  openCount(): number {
    return this.sockets.filter((socket) => socket.readyState === WS.OPEN).length;
  }

  /** Sockets still CONNECTING. */
  connectingCount(): number {
    return this.sockets.filter((socket) => socket.readyState === WS.CONNECTING).length;
  }

  /** Sockets still CONNECTING or OPEN. */
  liveCount(): number {
    return this.sockets.filter((socket) => socket.readyState === WS.OPEN || socket.readyState === WS.CONNECTING).length;
  }

  /** Parsed JSON frames sent on every socket, in order. */
  jsonFrames(socket?: number): Array<{ type: string; contexts?: string[]; seq?: number }> {
    return this.sent
      .filter((entry) => socket === undefined || entry.socket === socket)
      .filter((entry) => entry.data.startsWith('{'))
      .map((entry) => JSON.parse(entry.data) as { type: string; contexts?: string[]; seq?: number });
  }

  /** The `ack` frames among {@link jsonFrames}, in order. */
  ackFrames(socket?: number): Array<{ type: string; seq?: number }> {
    return this.jsonFrames(socket).filter((frame) => frame.type === 'ack');
  }
}

/** A logger that keeps every line. */
export function recordingLogger(): Logger & { lines: Array<{ level: string; message: string; context?: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; context?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, context?: Record<string, unknown>) => {
    lines.push({ level, message, context });
  };
  return { lines, debug: at('debug'), warn: at('warn'), error: at('error') };
}

/** Options of {@link setup}. */
export interface SetupOptions {
  server?: FixtureServerOptions;
  client?: Partial<EventServiceConfig>;
  /** Use this fixture instead of starting one (it is still stopped at the end). */
  fixture?: FixtureServer;
}

/** A client wired to a fresh fixture server and a manual clock; see the module comment. */
export async function setup(options: SetupOptions = {}) {
  const server = options.fixture ?? (await startFixtureServer(options.server));
  const clock = new ManualClock();
  const tracker = new SocketTracker();
  const logger = recordingLogger();
  const token = { value: 'token-1', calls: 0 };
  const http: HttpTracker = { inflight: 0, calls: [] };
  const fetchThroughFixture = trackingFetch(http);
  const client = new EventServiceClient({
    url: server.url,
    getToken: async () => {
      token.calls++;
      return token.value;
    },
    WebSocket: tracker.WebSocket,
    fetch: fetchThroughFixture,
    timers: clock,
    logger,
    random: () => 0.5,
    platform: null,
    ...options.client,
  });
  const errors: EventServiceClientError[] = [];
  const states: StateChange[] = [];
  client.onError((error) => errors.push(error));
  client.onStateChange((change) => states.push(change));
  onTestFinished(async () => {
    client.dispose();
    await server.stop();
  });

  /** True when no ticket request is in flight and no socket is mid-handshake. */
  const quiet = () => http.inflight === 0 && tracker.connectingCount() === 0;
  // After each timer the clock fires, give real I/O a moment to catch up
  // (answers to pings, ticket requests, handshakes), so that moving the clock
  // far ahead does not outrun the loopback network.
  // Work the fixture deliberately holds up (parked tickets, stalled upgrades,
  // silenced sockets) is not waited for.
  clock.settle = async () => {
    await flushIo();
    const settled = () =>
      (http.inflight === 0 || server.heldTickets > 0) &&
      (tracker.connectingCount() === 0 || server.stalling) &&
      (tracker.pongsOwed() === 0 || server.openSockets().some((socket) => socket.silent));
    await waitUntil(settled, 'I/O to settle', 2_000).catch(() => {});
  };

  /**
   * Lets the client reach `open`: whenever it is quiet but not open, runs the
   * next timer (its backoff). Fails after `limit` timers.
   */
  async function reconnect(limit = 10): Promise<void> {
    for (let i = 0; ; i++) {
      await flushIo();
      await waitUntil(() => client.state === 'open' || quiet(), 'client open or quiet');
      if (client.state === 'open') return;
      if (i >= limit || !(await clock.runNext())) throw new Error(`client did not open (state ${client.state})`);
    }
  }

  /** Waits until the latest server socket holds exactly the client's live contexts. */
  async function synced(): Promise<void> {
    const want = () => [...client.activeContexts()].sort().join('\n');
    await waitUntil(() => client.state === 'open' && server.latestContexts().join('\n') === want(), 'subscriptions synced');
  }

  return { server, clock, tracker, logger, token, http, client, errors, states, quiet, reconnect, synced };
}

/** What {@link trackingFetch} records: requests in flight and every call made. */
export interface HttpTracker {
  inflight: number;
  calls: Array<{ input: string; init: Parameters<TicketFetch>[1] }>;
}

/**
 * A real `fetch` that counts requests in flight and records each call. It
 * reads the whole body before settling, so "no request in flight" means the
 * client is a few microtasks from acting on the answer.
 */
export function trackingFetch(http: HttpTracker): TicketFetch {
  return async (input, init) => {
    http.calls.push({ input, init });
    http.inflight++;
    try {
      const response = await globalThis.fetch(input, init);
      const text = await response.text();
      return { ok: response.ok, status: response.status, json: async () => JSON.parse(text) as unknown };
    } finally {
      http.inflight--;
    }
  };
}

/**
 * A harness whose client is open and subscribed to `context` (default `a`),
 * with a resync spy and the payloads of every `x` event it received.
 */
export async function setupSubscribed(context = 'a') {
  const h = await setup();
  h.client.subscribe([context]);
  await h.client.connect();
  await h.synced();
  const resync: Mock<() => void> = vi.fn();
  h.client.onResync(resync);
  const events: unknown[] = [];
  h.client.on('x', (_context, payload) => events.push(payload));
  return { ...h, resync, events };
}
