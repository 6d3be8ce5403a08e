import { describe, expect, it } from 'vitest';
import { userCaller } from '../src/index';
import { DEFAULT_WEBHOOK_LOG_CAPACITY, WEBHOOK_QUEUE_LIMIT } from '../src/core/webhook-dispatcher';
import { call, createWorld, startTestServer } from './helpers';

// Issue 14 item 5: under sustained load the event history, the webhook
// delivery log and the push outbox grew without bound, and the dev routes
// answered each of them whole (18 MB in one response after 30 s).

/** Sends `n` messages from u1 straight through the core (no HTTP), so a test can pass a capacity quickly. */
function sendMany(server: Awaited<ReturnType<typeof startTestServer>>, conversationId: string, n: number, from = 'u1') {
  for (let i = 0; i < n; i += 1) {
    server.core.createMessage(userCaller(from), { conversationId, content: [{ type: 'text', text: `m${i}` }] });
  }
}

/** Lowers (or raises) the log capacities of a running server. */
function setCapacities(server: Awaited<ReturnType<typeof startTestServer>>, capacity: { events?: number; webhooks?: number; pushes?: number }) {
  if (capacity.events !== undefined) server.core.events.log.capacity = capacity.events;
  if (capacity.webhooks !== undefined) server.core.webhooks.log.capacity = capacity.webhooks;
  if (capacity.pushes !== undefined) server.outbox.log.capacity = capacity.pushes;
}

describe('recorded logs are ring buffers', () => {
  it('the webhook log keeps its documented default of 1,000 deliveries, newest last', async () => {
    await using server = await startTestServer();
    const world = await createWorld(server);
    const conversationId = server.core.seedConversation({ sandboxId: world.sb1, userIds: ['u1'], title: 'load' });
    // No webhook URL: every delivery is recorded as skipped, at once.
    sendMany(server, conversationId, DEFAULT_WEBHOOK_LOG_CAPACITY + 250);
    await server.webhooksSettled();
    const deliveries = server.core.webhooks.deliveries;
    expect(deliveries).toHaveLength(DEFAULT_WEBHOOK_LOG_CAPACITY);
    expect(deliveries.at(-1)!.payload.text).toBe(`m${DEFAULT_WEBHOOK_LOG_CAPACITY + 249}`);
    expect(deliveries[0]!.payload.text).toBe('m250');
  });

  it('the event history and the push outbox stop at their capacity (logCapacity option)', async () => {
    await using server = await startTestServer({ logCapacity: { events: 50, pushes: 20, webhooks: 10 } });
    const world = await createWorld(server);
    const conversationId = server.core.seedConversation({ sandboxId: world.sb1, userIds: ['u1', 'u2'], title: 'load' });
    sendMany(server, conversationId, 200);
    await server.webhooksSettled();
    expect(server.core.events.history).toHaveLength(50);
    expect(server.outbox.records).toHaveLength(20);
    expect(server.core.webhooks.deliveries).toHaveLength(10);
    // The newest are kept: the last push is for the last message.
    const last = server.core.conversations.get(conversationId)!.messages.at(-1)!;
    expect(server.outbox.records.at(-1)!.push.data.messageId).toBe(last.id);
    expect(server.core.events.log.total).toBeGreaterThan(200);
    expect(server.core.events.log.dropped).toBe(server.core.events.log.total - 50);
  });

  it('a push that left the outbox still counted once: idempotency keys are held only for retained records', async () => {
    await using server = await startTestServer();
    setCapacities(server, { pushes: 5 });
    const world = await createWorld(server);
    const conversationId = server.core.seedConversation({ sandboxId: world.sb1, userIds: ['u1', 'u2'], title: 'load' });
    sendMany(server, conversationId, 40);
    expect(server.outbox.records).toHaveLength(5);
    const kept = server.outbox.records.map((r) => r.idempotencyKey);
    expect(kept.every((key) => server.outbox.has(key))).toBe(true);
    // The badge counted every message although the outbox forgot most of them.
    expect(server.core.badges.total('u2')).toBe(40);
  });
});

describe('webhook chains are bounded', () => {
  it('a bot that never answers cannot grow a conversation queue past 1,000: the excess fails at once and flags its message', async () => {
    // A fetch that hangs until the per-attempt timeout aborts it.
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    await using server = await startTestServer({ webhookFetch: hang, botWebhookUrl: 'http://127.0.0.1:9/never' });
    const world = await createWorld(server);
    const conversationId = server.core.seedConversation({ sandboxId: world.sb1, userIds: ['u1'], title: 'hung bot' });
    sendMany(server, conversationId, WEBHOOK_QUEUE_LIMIT + 11);
    await Promise.resolve(); // the failure hooks run after the operation, in a microtask
    const failed = server.core.webhooks.deliveries.filter((d) => d.outcome === 'failed');
    expect(failed).toHaveLength(10);
    expect(failed[0]!.attempts).toEqual([{ at: expect.any(Number), status: null, error: 'queue full' }]);
    expect(server.core.webhooks.queuedCount).toBe(WEBHOOK_QUEUE_LIMIT + 1);
    const messages = server.core.conversations.get(conversationId)!.messages;
    expect(messages.filter((m) => m.deliveryFailed).map((m) => m.content)).toEqual(
      Array.from({ length: 10 }, (_, i) => [{ type: 'text', text: `m${WEBHOOK_QUEUE_LIMIT + 1 + i}` }]),
    );
  });
});

describe('dev routes page the logs', () => {
  it('GET /_dev/events: newest page by default, ?after= pages forward, and dropped records are reported', async () => {
    await using server = await startTestServer();
    setCapacities(server, { events: 30 });
    const world = await createWorld(server);
    const conversationId = server.core.seedConversation({ sandboxId: world.sb1, userIds: ['u1'], title: 'load' });
    sendMany(server, conversationId, 20);
    const total = server.core.events.log.total;
    expect(total).toBeGreaterThan(30);

    const newest = await call(server, 'GET', '/_dev/events?limit=10');
    expect(newest.status).toBe(200);
    expect(newest.body).toMatchObject({ total, retained: 30, dropped: total - 30, capacity: 30, limit: 10, missed: 0, nextAfter: total, hasMore: false });
    expect(newest.body.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => total - 9 + i));
    expect(newest.body.events.at(-1)).toMatchObject({ userId: 'u1', event: expect.any(String), delivered: false });

    // A reader that stopped at seq 1 learns how many it missed, then pages through what is left.
    const seen: number[] = [];
    let after = 1;
    let first = await call(server, 'GET', `/_dev/events?after=${after}&limit=7`);
    expect(first.body.missed).toBe(total - 30 - 1);
    for (let page = first; ; page = await call(server, 'GET', `/_dev/events?after=${after}&limit=7`)) {
      expect(page.body.events.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.events.map((e: { seq: number }) => e.seq));
      after = page.body.nextAfter;
      if (!page.body.hasMore) break;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => total - 29 + i));
    first = await call(server, 'GET', `/_dev/events?after=${after}`);
    expect(first.body).toMatchObject({ events: [], nextAfter: total, hasMore: false, missed: 0 });
  });

  it('GET /_dev/webhooks and /_dev/outbox page too; the page size has a default and a maximum', async () => {
    await using server = await startTestServer();
    setCapacities(server, { webhooks: 2_000, pushes: 2_000 });
    const world = await createWorld(server);
    const conversationId = server.core.seedConversation({ sandboxId: world.sb1, userIds: ['u1', 'u2'], title: 'load' });
    sendMany(server, conversationId, 1_200);
    await server.webhooksSettled();

    const webhooks = await call(server, 'GET', '/_dev/webhooks');
    expect(webhooks.body.deliveries).toHaveLength(100);
    expect(webhooks.body).toMatchObject({ total: 1_200, retained: 1_200, dropped: 0, limit: 100 });
    expect(webhooks.body.deliveries.at(-1)).toMatchObject({ seq: 1_200, outcome: 'skipped', payload: { text: 'm1199' } });

    const outbox = await call(server, 'GET', '/_dev/outbox?after=0&limit=5000');
    expect(outbox.body.limit).toBe(1_000);
    expect(outbox.body.pushes).toHaveLength(1_000);
    expect(outbox.body).toMatchObject({ hasMore: true, nextAfter: 1_000, total: 1_200 });
    expect(outbox.body.pushes[0]).toMatchObject({ seq: 1, userId: 'u2', outcome: 'delivered' });
  });

  it('a bad limit or cursor is a 400, not a crash', async () => {
    await using server = await startTestServer();
    for (const query of ['limit=0', 'limit=abc', 'after=-1', 'after=1.5']) {
      const res = await call(server, 'GET', `/_dev/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe('Invalid query parameters');
    }
  });
});
