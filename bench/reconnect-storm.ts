/**
 * Reconnect storm: N `EventServiceClient`s (one user each, all members of one
 * conversation, each subscribed to its context) on a mock server on
 * loopback, every socket dropped at once with `server.faults.dropAllSockets()`.
 * Messages are published on a schedule through the storm.
 *
 * Measured per storm: ticket requests per 100 ms window (peak and spread),
 * time until every client is open again, subscriptions restored as the
 * server counts them (sessions holding the context), and for each client and
 * message published around the storm: received; or missed with a resync the
 * client reported after it; or missed in the subscribe window (the client
 * had reopened and signalled its resync, the server had not yet read its
 * subscribe frame, so the event went nowhere); or missed with no such
 * explanation (an unreported gap).
 *
 * Two storms in the same run: first with the clients' default full-jitter
 * backoff, then the baseline with jitter off (every client's random source
 * returns 0: all retry at once, the un-jittered worst case).
 *
 *   pnpm exec tsx bench/reconnect-storm.ts [--clients 1000] [--publish-ms 20] [--storm-ms 3000]
 */
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { EventServiceClient, kiloclawConversationContext } from '@kilocode/event-service';
import { startMockServer, userCaller } from '@kilocode/kilo-chat-mock-server';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    'publish-ms': { type: 'string', default: '20' },
    'storm-ms': { type: 'string', default: '3000' },
  },
});
const CLIENTS = Number(values.clients);
const PUBLISH_MS = Number(values['publish-ms']);
const STORM_MS = Number(values['storm-ms']);
/** The client's backoff treats a connection open this long as stable (default 10 s): wait it out before each drop. */
const STABLE_MS = 10_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = now() + timeoutMs;
  while (!done()) {
    if (now() > end) return false;
    await sleep(5);
  }
  return true;
}

const server = await startMockServer({ port: 0, logCapacity: { events: 2_000_000, pushes: 10, webhooks: 10 } });
const core = server.core;
const userIds = Array.from({ length: CLIENTS }, (_, i) => `storm-${i}`);
core.createSandbox({ id: 'storm', ownerId: userIds[0]! });
const conversationId = core.seedConversation({ sandboxId: 'storm', userIds, title: 'storm' });
const context = kiloclawConversationContext('storm', conversationId);
const tokens = await Promise.all(userIds.map((id) => server.mintUserToken(id)));

let jitter = true;
/** Errors the clients reported during a storm (failed attempts), by code. */
const attemptErrors = new Map<string, number>();
const ticketRequests: number[] = [];
const countingFetch: typeof fetch = (input, init) => {
  ticketRequests.push(now());
  return fetch(input, init);
};

interface Tracked {
  client: EventServiceClient;
  received: Set<string>;
  resyncs: number[];
  openedAt: number[];
  gaps: number;
}
const tracked: Tracked[] = userIds.map((_, i) => {
  const client = new EventServiceClient({
    url: server.url,
    getToken: () => tokens[i]!,
    WebSocket: WebSocket as never,
    fetch: countingFetch,
    platform: null,
    random: () => (jitter ? Math.random() : 0),
  });
  const t: Tracked = { client, received: new Set(), resyncs: [], openedAt: [], gaps: 0 };
  client.on('message.created', (_ctx, payload) => t.received.add((payload as { messageId: string }).messageId));
  client.onResync(() => t.resyncs.push(now()));
  client.onConnected(() => t.openedAt.push(now()));
  client.onError((error) => attemptErrors.set(error.code, (attemptErrors.get(error.code) ?? 0) + 1));
  client.subscribe([context]);
  return t;
});

// When the server registered each user's subscription (the subscribe frame read), to tell the
// protocol's subscribe window (client resynced, server not yet subscribed) from a real loss.
const serverSubscribedAt = new Map<string, number[]>();
const attach = core.realtime.attach.bind(core.realtime);
core.realtime.attach = (userId, port) => {
  const session = attach(userId, port);
  const receive = session.receive.bind(session);
  session.receive = (text: string) => {
    const had = session.contexts.has(context);
    receive(text);
    if (!had && session.contexts.has(context)) {
      let list = serverSubscribedAt.get(userId);
      if (!list) serverSubscribedAt.set(userId, (list = []));
      list.push(now());
    }
  };
  return session;
};

const subscribedOnServer = () => core.realtime.sessions().filter((s) => s.contexts.has(context)).length;

const setupStart = now();
await Promise.all(tracked.map((t) => t.client.connect()));
const allOpen = await waitUntil(() => tracked.every((t) => t.client.isConnected()) && subscribedOnServer() === CLIENTS, 60_000);
const setupMs = now() - setupStart;
if (!allOpen) {
  console.log(JSON.stringify({ error: 'not every client opened', open: tracked.filter((t) => t.client.isConnected()).length, subscribedOnServer: subscribedOnServer() }));
  process.exit(1);
}

async function storm(label: string) {
  await sleep(STABLE_MS);
  const published: Array<{ id: string; at: number }> = [];
  let publishing = true;
  const publisher = (async () => {
    let n = 0;
    while (publishing) {
      const at = now();
      const { messageId } = core.createMessage(userCaller(userIds[0]!), { conversationId, content: [{ type: 'text', text: `${label} ${n++}` }] });
      published.push({ id: messageId, at });
      await sleep(PUBLISH_MS);
    }
  })();
  await sleep(200); // some traffic before the drop
  for (const t of tracked) t.openedAt.length = 0;
  ticketRequests.length = 0;
  attemptErrors.clear();
  const rssBefore = process.memoryUsage().rss;
  const dropAt = now();
  server.faults.dropAllSockets();
  const reopened = await waitUntil(() => tracked.every((t) => t.openedAt.length > 0), 60_000);
  const allOpenMs = Math.max(...tracked.map((t) => t.openedAt[0] ?? Number.NaN)) - dropAt;
  const restored = await waitUntil(() => subscribedOnServer() === CLIENTS, 10_000);
  const restoredMs = now() - dropAt;
  const restEnd = dropAt + STORM_MS;
  if (now() < restEnd) await sleep(restEnd - now());
  publishing = false;
  await publisher;
  await sleep(1_000); // let the last frames arrive

  // Ticket requests per 100 ms after the drop.
  const windows = new Map<number, number>();
  for (const at of ticketRequests) {
    const w = Math.floor((at - dropAt) / 100);
    windows.set(w, (windows.get(w) ?? 0) + 1);
  }
  const perWindow = [...windows.entries()].sort((a, b) => a[0] - b[0]);

  // Every (client, message): received, missed but covered by a later resync, or an unreported gap.
  let received = 0;
  let coveredByResync = 0;
  let unreported = 0;
  let inSubscribeWindow = 0;
  const unreportedDetail: Array<{ client: number; msAfterDrop: number; lastResyncMsAfterDrop: number | null; serverDelivered: boolean }> = [];
  const deliveredTo = new Map<string, Set<string>>();
  for (const e of core.events.log.toArray()) {
    if (e.event !== 'message.created' || !e.delivered) continue;
    const id = (e.payload as { messageId: string }).messageId;
    let set = deliveredTo.get(id);
    if (!set) deliveredTo.set(id, (set = new Set()));
    set.add(e.userId);
  }
  tracked.forEach((t, i) => {
    for (const m of published) {
      if (t.received.has(m.id)) received++;
      else if (t.resyncs.some((r) => r >= m.at)) coveredByResync++;
      else {
        // Missed, and the client's last resync came before the publish: was the server still
        // waiting for this socket's subscribe frame (published between the client's open and it)?
        const last = t.resyncs.filter((r) => r < m.at).at(-1);
        const subscribed = serverSubscribedAt.get(userIds[i]!)?.find((at) => last !== undefined && at >= last);
        if (last !== undefined && subscribed !== undefined && m.at < subscribed) {
          inSubscribeWindow++;
          continue;
        }
        unreported++;
        if (unreportedDetail.length < 5) {
          const last = t.resyncs.at(-1);
          unreportedDetail.push({
            client: i,
            msAfterDrop: Math.round(m.at - dropAt),
            lastResyncMsAfterDrop: last === undefined ? null : Math.round(last - dropAt),
            serverDelivered: deliveredTo.get(m.id)?.has(userIds[i]!) ?? false,
          });
        }
      }
    }
  });
  return {
    storm: label,
    clients: CLIENTS,
    ticketRequests: ticketRequests.length,
    failedAttempts: Object.fromEntries(attemptErrors),
    peakTicketRequestsPer100ms: Math.max(...perWindow.map(([, n]) => n)),
    windowsWithTicketRequests: perWindow.length,
    ticketRequestsPer100ms: perWindow.map(([w, n]) => `${w * 100}:${n}`).join(' '),
    everyClientOpenMs: reopened ? Math.round(allOpenMs) : null,
    subscriptionsRestoredOnServer: subscribedOnServer(),
    everySubscriptionRestoredMs: restored ? Math.round(restoredMs) : null,
    messagesPublished: published.length,
    clientMessagePairs: published.length * CLIENTS,
    received,
    missedCoveredByResync: coveredByResync,
    missedInSubscribeWindow: inSubscribeWindow,
    missedUnreported: unreported,
    unreportedExamples: unreportedDetail,
    rssBeforeMB: Math.round(rssBefore / 1e6),
    rssAfterMB: Math.round(process.memoryUsage().rss / 1e6),
  };
}

const jittered = await storm('jittered');
jitter = false;
const unjittered = await storm('unjittered (baseline)');
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      node: process.version,
      setupMs: Math.round(setupMs),
      publishEveryMs: PUBLISH_MS,
      jittered,
      unjittered,
      peakRatioJitteredToUnjittered: Number((jittered.peakTicketRequestsPer100ms / unjittered.peakTicketRequestsPer100ms).toFixed(3)),
    },
    null,
    2,
  ),
);
for (const t of tracked) t.client.dispose();
await server.close();
process.exit(0);
