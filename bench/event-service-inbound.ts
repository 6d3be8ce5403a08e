/**
 * Inbound throughput of `EventServiceClient` (`@kilocode/event-service`):
 * how fast it takes `message.created` event frames off one socket and hands
 * them to listeners, and what it keeps in memory afterwards.
 *
 * A loopback server in a worker thread (`support/blast-server.ts`, so server
 * and client each get a core) answers `POST /connect-ticket`, accepts the
 * `kilo.events.v1` upgrade and, once the socket subscribed, writes FRAMES
 * event frames (~400-byte payload, `seq` from 1) as fast as the socket drains.
 * Measured on the client's thread, from the first frame to the last:
 *
 * - baseline: a bare `ws` client, `ws.on('message')` → `JSON.parse` → handler;
 * - client.on: `EventServiceClient` with one `on('message.created')` listener;
 * - client.onAnyEvent: the same with one `onAnyEvent` listener instead.
 *
 * and, to show where the difference goes:
 *
 * - ws-only: `ws.on('message')` counting frames, nothing else (shows the
 *   server writes far faster than any client here reads);
 * - baseline-eventtarget: the baseline through `ws.addEventListener('message')`,
 *   the socket API the client uses;
 * - baseline-eventtarget-acks: that, plus an `ack` every 20 events as the
 *   client sends (the protocol's minimum work).
 *
 * Variants alternate over ROUNDS rounds (after a warm-up round each); medians
 * are reported, and the client's rates as ratios to the baseline of the same
 * run. Heap: `heapUsed` after full GCs, with the socket still open, before
 * connecting and after the last frame. Acks: the server counts the client's
 * `ack` frames; a paced phase then sends at a fixed rate under the real
 * server's rule (more than 50 unacknowledged events after a first ack close
 * the socket with 4002) and reports the largest backlog it saw.
 *
 *   pnpm exec tsx bench/event-service-inbound.ts [--frames 200000] [--rounds 3]
 *     [--paced-rates 1000,2000,5000,10000] [--paced-seconds 2] [--ack-every 20]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { EventServiceClient } from '@kilocode/event-service';
import WebSocket from 'ws';
import { startBlastServer } from './support/blast-server';
import type { BlastServer, BlastStats } from './support/blast-server';
import { gcSource, settledHeapUsed } from './support/gc';

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '3' },
    'paced-rates': { type: 'string', default: '1000,2000,5000,10000' },
    'paced-seconds': { type: 'string', default: '2' },
    // The client's `ackEveryEvents` in the paced phase (default: the client's own, 20).
    'ack-every': { type: 'string' },
  },
});
const FRAMES = Number(values.frames);
const ROUNDS = Number(values.rounds);
const WARMUP_FRAMES = Math.min(FRAMES, 20_000);
const PACED_RATES = values['paced-rates'].split(',').map(Number).filter((n) => n > 0);
const PACED_MS = Number(values['paced-seconds']) * 1000;
const PACED_ACK_EVERY = values['ack-every'] === undefined ? undefined : Number(values['ack-every']);
const RUN_TIMEOUT_MS = 30_000;
const CONTEXT = '/kiloclaw/bench-sandbox/01JDB7Q2W3E4R5T6Y7V8X9Z0PA';

// The whole bench stays bounded even if something stalls.
setTimeout(() => {
  console.error('event-service-inbound: gave up after 90 s');
  process.exit(1);
}, 90_000).unref();

/** A realistic `message.created` payload of about 400 bytes of JSON. */
function makePayload(): string {
  const base = {
    messageId: '01JDB7R8M2K4N6P8Q0S2T4V6W8',
    senderId: 'user_2f9c1d7e-4b3a-4e1f-9d2c-6a5b4c3d2e1f',
    content: [{ type: 'text', text: '' }],
    inReplyToMessageId: null,
    replyTo: null,
    clientId: '01JDB7R8K1J3H5G7F9E1D3C5B7',
  };
  const filler =
    'Deploy finished on staging: 42 services rolled out, 0 failed. The canary error rate stayed under 0.1% for the whole window, ' +
    'p99 latency moved from 184 ms to 176 ms, and the migration ran in 3 m 12 s. Next: promote to production at 14:00 UTC unless someone objects here. ';
  const empty = JSON.stringify(base).length;
  base.content[0]!.text = filler.slice(0, 400 - empty).trim();
  return JSON.stringify(base);
}
const PAYLOAD = makePayload();

let sink = 0;
/** The listener every variant calls: touches the payload so nothing is optimised away. */
function handle(context: string, payload: unknown): void {
  sink += context.length + ((payload as { messageId?: string }).messageId?.length ?? 0);
}

interface RunResult {
  framesPerSec: number;
  receiveMs: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  peakHeapBytes: number;
  server: BlastStats;
}

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts frames; resolves at the N-th with the first→last time. */
function counter(n: number) {
  let count = 0;
  let first = 0;
  let resolve!: (ms: number) => void;
  const done = new Promise<number>((r) => (resolve = r));
  return {
    done,
    tick() {
      count += 1;
      if (count === 1) first = now();
      if (count === n) resolve(now() - first);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${label}: no result after ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS).unref()),
  ]);
}

/** Waits until the server saw the final ack (the client's debounce is 500 ms). */
async function finalStats(server: BlastServer, lastSeq: number): Promise<BlastStats> {
  const deadline = now() + 2_000;
  for (;;) {
    const stats = await server.stats();
    if (stats && (stats.lastAck >= lastSeq || now() > deadline)) return stats;
    await sleep(20);
  }
}

/** Samples `heapUsed` while a run is under way. */
function heapSampler() {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 25);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().heapUsed);
  };
}

type Variant =
  | 'ws-only'
  | 'baseline'
  | 'baseline-eventtarget'
  | 'baseline-eventtarget-acks'
  | 'client.on'
  | 'client.onAnyEvent';
const VARIANTS: readonly Variant[] = [
  'ws-only',
  'baseline',
  'baseline-eventtarget',
  'baseline-eventtarget-acks',
  'client.on',
  'client.onAnyEvent',
];
const ACK_EVERY = 20;

async function run(server: BlastServer, variant: Variant, frames: number): Promise<RunResult> {
  await server.configure({ mode: 'blast', frames, payload: PAYLOAD });
  const heapBeforeBytes = settledHeapUsed();
  const count = counter(frames);
  const peak = heapSampler();
  let close: () => void;
  const bare = !variant.startsWith('client.');
  if (bare) {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/connect?ticket=bare`, ['kilo.events.v1']);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'context.subscribe', contexts: [CONTEXT] })));
    if (variant === 'ws-only') {
      ws.on('message', () => count.tick());
    } else if (variant === 'baseline') {
      ws.on('message', (data: WebSocket.RawData) => {
        const frame = JSON.parse(data.toString()) as { context: string; payload: unknown };
        handle(frame.context, frame.payload);
        count.tick();
      });
    } else if (variant === 'baseline-eventtarget') {
      ws.addEventListener('message', (event) => {
        const frame = JSON.parse(event.data as string) as { context: string; payload: unknown };
        handle(frame.context, frame.payload);
        count.tick();
      });
    } else {
      let acked = 0;
      ws.addEventListener('message', (event) => {
        const frame = JSON.parse(event.data as string) as { context: string; payload: unknown; seq: number };
        handle(frame.context, frame.payload);
        if (frame.seq - acked >= ACK_EVERY) {
          acked = frame.seq;
          ws.send(JSON.stringify({ type: 'ack', seq: acked }));
        }
        count.tick();
      });
    }
    await new Promise((resolve) => ws.once('open', resolve));
    close = () => ws.close();
  } else {
    const client = new EventServiceClient({
      url: server.url,
      getToken: () => 'bench-token',
      platform: null,
      // Keep the keepalive out of the measured window.
      pingIntervalMs: 600_000,
    });
    client.onError((error) => console.error(`client error: ${error.code} ${error.message}`));
    if (variant === 'client.on') {
      client.on('message.created', (context, payload) => {
        handle(context, payload);
        count.tick();
      });
    } else {
      client.onAnyEvent((event) => {
        handle(event.context, event.payload);
        count.tick();
      });
    }
    client.subscribe([CONTEXT]);
    await client.connect();
    close = () => client.dispose();
  }
  const receiveMs = await withTimeout(count.done, variant);
  const peakHeapBytes = peak();
  // Only the acking variants have a final ack to wait for.
  const stats = await finalStats(server, variant === 'baseline' || variant === 'baseline-eventtarget' || variant === 'ws-only' ? 0 : frames);
  const heapAfterBytes = settledHeapUsed();
  close();
  await sleep(50);
  return {
    framesPerSec: Math.round(((frames - 1) / receiveMs) * 1000),
    receiveMs: Number(receiveMs.toFixed(1)),
    heapBeforeBytes,
    heapAfterBytes,
    peakHeapBytes,
    server: stats,
  };
}

/** The client at a fixed send rate, under the server's 4002 rule. */
async function paced(server: BlastServer, rate: number) {
  await server.configure({ mode: 'paced', rate, durationMs: PACED_MS, payload: PAYLOAD });
  const total = Math.round((rate * PACED_MS) / 1000);
  let received = 0;
  let closedBy: number | undefined;
  const client = new EventServiceClient({
    url: server.url,
    getToken: () => 'bench-token',
    platform: null,
    pingIntervalMs: 600_000,
    ...(PACED_ACK_EVERY === undefined ? {} : { ackEveryEvents: PACED_ACK_EVERY }),
  });
  client.on('message.created', (context, payload) => {
    handle(context, payload);
    received += 1;
  });
  // The first socket is the measurement: stop before the client reconnects.
  client.onStateChange((change) => {
    if (change.state !== 'reconnecting') return;
    closedBy = change.closeCode ?? -1;
    client.dispose();
  });
  client.subscribe([CONTEXT]);
  await client.connect();
  const deadline = now() + PACED_MS + 3_000;
  while (received < total && closedBy === undefined && now() < deadline) await sleep(20);
  const stats = await finalStats(server, total);
  client.dispose();
  await sleep(50);
  return {
    rate,
    seconds: PACED_MS / 1000,
    sent: stats.sent,
    received,
    acks: stats.acks,
    lastAck: stats.lastAck,
    maxAckStep: stats.maxAckStep,
    largestWriteFrames: stats.maxBatch,
    maxUnackedSeenByServer: stats.maxUnacked,
    maxUnackedAfterFirstAck: stats.maxUnackedAfterFirstAck,
    closedWith4002: stats.closedWith4002 || closedBy === 4002,
    clientClosedBy: closedBy ?? null,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(2));

const startedAt = now();
const server = await startBlastServer();
for (const variant of VARIANTS) await run(server, variant, WARMUP_FRAMES);

const results = new Map<Variant, RunResult[]>(VARIANTS.map((v) => [v, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order so no variant always runs first or last in a round.
  for (let i = 0; i < VARIANTS.length; i++) {
    const variant = VARIANTS[(i + round) % VARIANTS.length] as Variant;
    results.get(variant)!.push(await run(server, variant, FRAMES));
  }
}
const pacedResults = [];
for (const rate of PACED_RATES) pacedResults.push(await paced(server, rate));
await server.close();

function summarize(variant: Variant) {
  const runs = results.get(variant)!;
  const fps = median(runs.map((r) => r.framesPerSec));
  return {
    framesPerSec: Math.round(fps),
    nsPerFrame: Math.round(1e9 / fps),
    framesPerSecRuns: runs.map((r) => r.framesPerSec),
    heapBeforeMB: mb(median(runs.map((r) => r.heapBeforeBytes))),
    heapAfterMB: mb(median(runs.map((r) => r.heapAfterBytes))),
    heapRetainedKB: Math.round(median(runs.map((r) => r.heapAfterBytes - r.heapBeforeBytes)) / 1024),
    peakHeapDuringRunMB: mb(median(runs.map((r) => r.peakHeapBytes))),
    /** Server write time of each run; about the receive time when the client is the bottleneck. */
    serverWriteMsRuns: runs.map((r) => (r.server.writeMs === null ? null : Math.round(r.server.writeMs))),
    acksRuns: runs.map((r) => r.server.acks),
    allFramesAcked: runs.every((r) => r.server.lastAck === FRAMES),
    maxAckStep: Math.max(...runs.map((r) => r.server.maxAckStep)),
    /** sent − acked at the server, frames in flight in socket buffers included (the blast ignores the 50 rule). */
    serverBacklogMax: Math.max(...runs.map((r) => r.server.maxUnacked)),
  };
}
const summary = Object.fromEntries(VARIANTS.map((variant) => [variant, summarize(variant)])) as Record<
  Variant,
  ReturnType<typeof summarize>
>;

const base = summary.baseline;
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
const result = {
  bench: 'event-service-inbound',
  date: new Date().toISOString(),
  node: process.version,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  frames: FRAMES,
  rounds: ROUNDS,
  payloadBytes: PAYLOAD.length,
  frameBytes: `{"type":"event","context":${JSON.stringify(CONTEXT)},"event":"message.created","payload":${PAYLOAD},"seq":${FRAMES}}`.length,
  gc: gcSource,
  variants: summary,
  ratioToBaseline: Object.fromEntries(VARIANTS.map((v) => [v, ratio(summary[v].framesPerSec, base.framesPerSec)])),
  extraNsPerFrameOverBaseline: Object.fromEntries(VARIANTS.map((v) => [v, summary[v].nsPerFrame - base.nsPerFrame])),
  pacedAckEveryEvents: PACED_ACK_EVERY ?? 'client default (20)',
  paced: pacedResults,
  elapsedSeconds: Number(((now() - startedAt) / 1000).toFixed(1)),
  sink: sink > 0,
};
console.log(JSON.stringify(result, null, 2));
