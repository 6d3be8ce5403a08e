/**
 * What the realtime clients cost per inbound event frame, without sockets.
 *
 * The loopback benchmark (`event-service-inbound.ts`) measures the issue's
 * target end to end, but on a shared machine its rates move by ±20 % between
 * rounds and it mixes the client's own work with the kernel's (socket reads,
 * ack writes). This one isolates the client's CPU cost: a fake WebSocket
 * (injected through the `WebSocket` option) hands the client FRAMES event
 * frames as strings, READ frames per "socket read" followed by a microtask
 * checkpoint, exactly as `ws` delivers one read; sends are free.
 *
 * Rows, all on the same 200,000 frames (528-byte `message.created` frames,
 * the 400-byte payload of `support/kilo-chat-fixtures.ts`, `seq` from 1):
 * - `baseline`: `JSON.parse` and the handler, the floor any client pays;
 * - `client.on`: `EventServiceClient` with one `on('message.created')` listener;
 * - `client.onAnyEvent`: one `onAnyEvent` listener instead;
 * - `kilo-chat.on`: `KiloChatClient.on('message.created')` over the client,
 *   every payload validated;
 * - `kilo-chat.on (zod path)`: the same with one unknown key added to each
 *   payload, which the fast check declines, so zod validates and strips it:
 *   what every payload cost before the fast path.
 *
 * Each row reports ns per frame (best of ROUNDS after a warm-up, variants
 * interleaved), the extra ns over the baseline, and the baseline's rate as a
 * share of the row's (the same ratio the loopback benchmark reports).
 *
 *   pnpm exec tsx bench/event-service-dispatch.ts [--frames 200000] [--rounds 12]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { EventServiceClient } from '@kilocode/event-service';
import type { WebSocketConstructor } from '@kilocode/event-service';
import { KiloChatClient } from '@kilocode/kilo-chat';
import { CONTEXT, INBOUND_PAYLOAD_JSON } from './support/kilo-chat-fixtures';

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '12' },
  },
});
const FRAMES = Number(values.frames);
const ROUNDS = Number(values.rounds);
/** Frames per socket read: about what `ws` hands over per 64 KiB read of these frames. */
const READ = 120;

function framesWith(payload: string): string[] {
  return Array.from(
    { length: FRAMES },
    (_, i) => `{"type":"event","context":${JSON.stringify(CONTEXT)},"event":"message.created","payload":${payload},"seq":${i + 1}}`,
  );
}
const PLAIN = framesWith(INBOUND_PAYLOAD_JSON);
const WITH_EXTRA_KEY = framesWith(`${INBOUND_PAYLOAD_JSON.slice(0, -1)},"editedBy":null}`);

let sink = 0;
/** The listener every row calls: touches the payload so nothing is optimised away. */
function handle(context: string, payload: unknown): void {
  sink += context.length + ((payload as { messageId?: string }).messageId?.length ?? 0);
}

type MessageListener = (event: { data: unknown }) => void;

/** The socket the client under test creates; opens on the next microtask. */
let lastSocket: FakeSocket | undefined;
class FakeSocket {
  readyState = 0;
  sent = 0;
  private readonly listeners = new Map<string, Array<(event: unknown) => void>>();
  constructor() {
    lastSocket = this;
    queueMicrotask(() => {
      this.readyState = 1;
      for (const listener of this.listeners.get('open') ?? []) listener({});
    });
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  onMessage(): MessageListener {
    return this.listeners.get('message')![0] as MessageListener;
  }
  send(): void {
    this.sent++;
  }
  close(): void {
    this.readyState = 3;
  }
}

const checkpoint = () => new Promise<void>((resolve) => queueMicrotask(resolve));

/** Feeds `frames` to `deliver` in reads of READ frames; returns the elapsed ms. */
async function feed(frames: readonly string[], deliver: (frame: string) => void): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < frames.length; i += READ) {
    const end = Math.min(i + READ, frames.length);
    for (let j = i; j < end; j++) deliver(frames[j]!);
    await checkpoint();
  }
  return performance.now() - start;
}

type Row = 'baseline' | 'client.on' | 'client.onAnyEvent' | 'kilo-chat.on' | 'kilo-chat.on (zod path)';
const ROWS: readonly Row[] = ['baseline', 'client.on', 'client.onAnyEvent', 'kilo-chat.on', 'kilo-chat.on (zod path)'];

async function run(row: Row): Promise<number> {
  if (row === 'baseline') {
    return feed(PLAIN, (text) => {
      const frame = JSON.parse(text) as { context: string; payload: unknown };
      handle(frame.context, frame.payload);
    });
  }
  const client = new EventServiceClient({
    url: 'http://bench.invalid',
    getToken: () => 'bench-token',
    fetch: async () => ({ ok: true, status: 200, json: async () => ({ ticket: 'bench-ticket' }) }),
    WebSocket: FakeSocket as unknown as WebSocketConstructor,
    platform: null,
    pingIntervalMs: 600_000,
  });
  if (row === 'client.on') client.on('message.created', handle);
  else if (row === 'client.onAnyEvent') client.onAnyEvent((event) => handle(event.context, event.payload));
  else new KiloChatClient({ eventService: client, baseUrl: 'http://bench.invalid', getToken: () => 'bench-token' }).on('message.created', handle);
  client.subscribe([CONTEXT]);
  await client.connect();
  await client.waitForOpen({ timeoutMs: 10_000 });
  const onMessage = lastSocket!.onMessage();
  const before = sink;
  const ms = await feed(row === 'kilo-chat.on (zod path)' ? WITH_EXTRA_KEY : PLAIN, (data) => onMessage({ data }));
  client.dispose();
  // Every frame must have reached the handler (a dropped payload would look fast).
  if (sink - before !== FRAMES * (CONTEXT.length + 26)) throw new Error(`${row}: not every frame reached the handler`);
  return ms;
}

const times = new Map<Row, number[]>(ROWS.map((row) => [row, []]));
for (const row of ROWS) await run(row);
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < ROWS.length; i++) {
    const row = ROWS[(i + round) % ROWS.length]!;
    times.get(row)!.push(await run(row));
  }
}

const nsPerFrame = (ms: number) => (ms * 1e6) / FRAMES;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const baseBest = nsPerFrame(Math.min(...times.get('baseline')!));
const baseMedian = nsPerFrame(median(times.get('baseline')!));
const results = ROWS.map((row) => {
  const best = nsPerFrame(Math.min(...times.get(row)!));
  const med = nsPerFrame(median(times.get(row)!));
  return {
    row,
    bestNsPerFrame: Math.round(best),
    extraNsPerFrame: Math.round(best - baseBest),
    rateVsBaselineBest: Number((baseBest / best).toFixed(3)),
    medianNsPerFrame: Math.round(med),
    rateVsBaselineMedian: Number((baseMedian / med).toFixed(3)),
  };
});

console.log(`per-frame cost without sockets (${FRAMES} frames in reads of ${READ}, best and median of ${ROUNDS} rounds):`);
for (const r of results) {
  console.log(
    `  ${r.row.padEnd(26)} best ${String(r.bestNsPerFrame).padStart(5)} ns/frame (+${String(r.extraNsPerFrame).padStart(4)})  rate ${(r.rateVsBaselineBest * 100).toFixed(1).padStart(5)} %   median ${String(r.medianNsPerFrame).padStart(5)} ns  ${(r.rateVsBaselineMedian * 100).toFixed(1).padStart(5)} %`,
  );
}
console.log(
  JSON.stringify(
    {
      bench: 'event-service-dispatch',
      date: new Date().toISOString(),
      node: process.version,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      frames: FRAMES,
      framesPerRead: READ,
      rounds: ROUNDS,
      results,
    },
    null,
    2,
  ),
);
