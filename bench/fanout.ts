/**
 * Fan-out benchmark of the mock server: one message to 1,000 WebSocket
 * subscribers of one conversation on loopback. The server runs on the main
 * thread, the 1,000 client sockets in a worker thread. Reports p50/p99
 * delivery latency (HTTP send started → `message.created` frame received),
 * pooled over every socket of every measured round. Target: p99 ≤ 50 ms.
 *
 *   pnpm exec tsx bench/fanout.ts [--sockets 1000] [--rounds 20]
 */
import { parseArgs } from 'node:util';
import { kiloclawConversationContext } from '@kilocode/event-service';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';
import { absoluteNow, startSubscriberPool } from './support/subscriber-worker';

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

const server = await startMockServer({ port: 0 });
const core = server.core;
const userIds = Array.from({ length: SOCKETS }, (_, i) => `user-${i}`);
core.createSandbox({ id: 'bench', ownerId: userIds[0] as string });
const conversationId = core.seedConversation({ sandboxId: 'bench', userIds, title: 'fan-out' });
const context = kiloclawConversationContext('bench', conversationId);

const tickets = userIds.map((id) => core.tickets.mint(id));
const pool = await startSubscriberPool(server.eventsUrl, tickets, context);
while (!userIds.every((id) => core.realtime.isUserInContext(id, context))) await new Promise((r) => setTimeout(r, 10));

const token = await server.mintUserToken(userIds[0] as string);
const latencies: number[] = [];
const roundP99: number[] = [];
for (let round = 0; round < ROUNDS + WARMUP; round += 1) {
  const start = absoluteNow();
  const response = await fetch(`${server.url}/v1/messages`, {
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
const result = {
  sockets: SOCKETS,
  rounds: ROUNDS,
  p50Ms: Number(percentile(latencies, 50).toFixed(2)),
  p99Ms: Number(percentile(latencies, 99).toFixed(2)),
  maxMs: Number((latencies.at(-1) ?? 0).toFixed(2)),
  worstRoundP99Ms: Number(Math.max(...roundP99).toFixed(2)),
  targetP99Ms: 50,
};
console.log(JSON.stringify(result, null, 2));
console.log(result.p99Ms <= 50 ? 'PASS: p99 within 50 ms' : 'MISS: p99 above 50 ms');

await pool.close();
await server.close();
