/**
 * Sustained-load benchmark of the mock server: message creation for a fixed
 * duration with 100 subscribers of the conversation (client sockets in a
 * worker thread). Reports created messages per second, delivered frames per
 * second, and the send latency (HTTP round trip) p50/p99.
 *
 * The same load first runs against a bare node:http + ws broadcaster
 * (`support/baseline-broadcast-server.ts`) in the same process; the mock's
 * throughput is also given as a ratio to it.
 *
 *   pnpm exec tsx bench/sustained.ts [--subscribers 100] [--seconds 10] [--concurrency 4]
 */
import { parseArgs } from 'node:util';
import { kiloclawConversationContext } from '@kilocode/event-service';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';
import { startBaselineServer } from './support/baseline-broadcast-server';
import { absoluteNow, startSubscriberPool } from './support/subscriber-worker';
import type { SubscriberPool } from './support/subscriber-worker';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '4' },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const DURATION_MS = Number(values.seconds) * 1000;
const CONCURRENCY = Number(values.concurrency);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Creates messages for DURATION_MS from CONCURRENCY lanes and waits until every frame arrived. */
async function load(url: string, token: string, conversationId: string, pool: SubscriberPool) {
  const sendLatencies: number[] = [];
  const messageIds: string[] = [];
  let failures = 0;
  const started = absoluteNow();
  const deadline = started + DURATION_MS;
  const sender = async (lane: number) => {
    let n = 0;
    while (absoluteNow() < deadline) {
      const t = absoluteNow();
      const response = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId, content: [{ type: 'text', text: `lane ${lane} message ${n++}` }] }),
      });
      const body = (await response.json()) as { messageId?: string };
      if (response.status !== 201 || !body.messageId) {
        failures += 1;
        continue;
      }
      sendLatencies.push(absoluteNow() - t);
      messageIds.push(body.messageId);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, lane) => sender(lane)));
  const sendPhaseMs = absoluteNow() - started;
  await Promise.all(messageIds.map((id) => pool.arrivals(id)));
  const allDeliveredMs = absoluteNow() - started;
  sendLatencies.sort((a, b) => a - b);
  return {
    durationS: Number((sendPhaseMs / 1000).toFixed(2)),
    messages: messageIds.length,
    failures,
    messagesPerSecond: Math.round(messageIds.length / (sendPhaseMs / 1000)),
    deliveredFramesPerSecond: Math.round((messageIds.length * SUBSCRIBERS) / (allDeliveredMs / 1000)),
    sendP50Ms: Number(percentile(sendLatencies, 50).toFixed(2)),
    sendP99Ms: Number(percentile(sendLatencies, 99).toFixed(2)),
    drainAfterSendMs: Number((allDeliveredMs - sendPhaseMs).toFixed(1)),
  };
}

const waitUntil = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 10));
};

// Baseline: the bare broadcaster.
const baselineServer = await startBaselineServer();
const baselineContext = kiloclawConversationContext('bench', 'baseline');
const baselinePool = await startSubscriberPool(baselineServer.eventsUrl, Array.from({ length: SUBSCRIBERS }, (_, i) => `t${i}`), baselineContext);
await waitUntil(() => baselineServer.subscribed(baselineContext) === SUBSCRIBERS);
const baseline = await load(baselineServer.url, 'none', 'baseline', baselinePool);
await baselinePool.close();
await baselineServer.close();

// The mock server.
const server = await startMockServer({ port: 0 });
const core = server.core;
const userIds = Array.from({ length: SUBSCRIBERS }, (_, i) => `user-${i}`);
core.createSandbox({ id: 'bench', ownerId: userIds[0] as string });
const conversationId = core.seedConversation({ sandboxId: 'bench', userIds, title: 'sustained' });
const context = kiloclawConversationContext('bench', conversationId);
const pool = await startSubscriberPool(server.eventsUrl, userIds.map((id) => core.tickets.mint(id)), context);
await waitUntil(() => userIds.every((id) => core.realtime.isUserInContext(id, context)));
const mock = await load(server.url, await server.mintUserToken(userIds[0] as string), conversationId, pool);
await pool.close();
await server.close();

console.log(
  JSON.stringify(
    {
      subscribers: SUBSCRIBERS,
      concurrency: CONCURRENCY,
      baseline,
      mock,
      ratioToBaseline: { messagesPerSecond: Number((mock.messagesPerSecond / baseline.messagesPerSecond).toFixed(2)) },
    },
    null,
    2,
  ),
);
