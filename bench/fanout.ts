/**
 * Fan-out benchmark of the mock server: one message to 1,000 WebSocket
 * subscribers of one conversation on loopback. The server runs on the main
 * thread, the 1,000 client sockets in a worker thread. Reports p50/p99
 * delivery latency (HTTP send started → `message.created` frame received),
 * pooled over every socket of every measured round. Target: p99 ≤ 50 ms.
 *
 * The same rounds first run against a bare node:http + ws broadcaster
 * (`support/baseline-broadcast-server.ts`) in the same process, and the mock's
 * figures are also given as ratios to it, which shared, noisy machines
 * compare better than absolute milliseconds.
 *
 *   pnpm exec tsx bench/fanout.ts [--sockets 1000] [--rounds 20]
 */
import { parseArgs } from 'node:util';
import { kiloclawConversationContext } from '@kilocode/event-service';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';
import { startBaselineServer } from './support/baseline-broadcast-server';
import { absoluteNow, startSubscriberPool } from './support/subscriber-worker';
import type { SubscriberPool } from './support/subscriber-worker';

const { values } = parseArgs({
  options: { sockets: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '20' } },
});
const SOCKETS = Number(values.sockets);
const ROUNDS = Number(values.rounds);
const WARMUP = 3;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

interface Summary {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  worstRoundP99Ms: number;
}

/** Sends ROUNDS (+ warm-up) messages and pools the arrival latencies. */
async function measure(url: string, token: string, conversationId: string, pool: SubscriberPool): Promise<Summary> {
  const latencies: number[] = [];
  const roundP99: number[] = [];
  for (let round = 0; round < ROUNDS + WARMUP; round += 1) {
    const start = absoluteNow();
    const response = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId, content: [{ type: 'text', text: `round ${round}` }] }),
    });
    const { messageId } = (await response.json()) as { messageId: string };
    const times = (await pool.arrivals(messageId)).map((t) => t - start).sort((a, b) => a - b);
    if (round < WARMUP) continue;
    latencies.push(...times);
    roundP99.push(percentile(times, 99));
  }
  latencies.sort((a, b) => a - b);
  const round2 = (n: number) => Number(n.toFixed(2));
  return {
    p50Ms: round2(percentile(latencies, 50)),
    p99Ms: round2(percentile(latencies, 99)),
    maxMs: round2(latencies.at(-1) ?? 0),
    worstRoundP99Ms: round2(Math.max(...roundP99)),
  };
}

const waitUntil = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 10));
};

// Baseline: the bare broadcaster.
const baseline = await startBaselineServer();
const baselineConversation = 'baseline';
const baselineContext = kiloclawConversationContext('bench', baselineConversation);
const baselinePool = await startSubscriberPool(baseline.eventsUrl, Array.from({ length: SOCKETS }, (_, i) => `t${i}`), baselineContext);
await waitUntil(() => baseline.subscribed(baselineContext) === SOCKETS);
const baselineResult = await measure(baseline.url, 'none', baselineConversation, baselinePool);
await baselinePool.close();
await baseline.close();

// The mock server.
const server = await startMockServer({ port: 0 });
const core = server.core;
const userIds = Array.from({ length: SOCKETS }, (_, i) => `user-${i}`);
core.createSandbox({ id: 'bench', ownerId: userIds[0] as string });
const conversationId = core.seedConversation({ sandboxId: 'bench', userIds, title: 'fan-out' });
const context = kiloclawConversationContext('bench', conversationId);
const pool = await startSubscriberPool(server.eventsUrl, userIds.map((id) => core.tickets.mint(id)), context);
await waitUntil(() => userIds.every((id) => core.realtime.isUserInContext(id, context)));
const mock = await measure(server.url, await server.mintUserToken(userIds[0] as string), conversationId, pool);
await pool.close();
await server.close();

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
const result = {
  sockets: SOCKETS,
  rounds: ROUNDS,
  baseline: baselineResult,
  mock,
  ratioToBaseline: { p50: ratio(mock.p50Ms, baselineResult.p50Ms), p99: ratio(mock.p99Ms, baselineResult.p99Ms) },
  targetP99Ms: 50,
};
console.log(JSON.stringify(result, null, 2));
console.log(mock.p99Ms <= 50 ? 'PASS: p99 within 50 ms' : 'MISS: p99 above 50 ms');
