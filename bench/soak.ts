/**
 * Soak: a bounded run of mixed traffic against a mock server on loopback,
 * sampling memory and the sizes of everything that could grow.
 *
 * Traffic (all over HTTP and real sockets, one process): 20 users in 10
 * conversations of 5 humans and the sandbox's echo bot (its webhooks, replies
 * and pending bot pushes), 20 `EventServiceClient`s; messages from 2 senders
 * as fast as the server answers, a reaction added or removed and a typing
 * call per message, a client reconnect (`connect()`) every 2 s, and a fault
 * every 10 s in turn: every socket dropped, every socket closed with 4000, a
 * failed `POST /v1/messages`, a tripped ticket expiry.
 *
 * Sampled every `--sample-seconds` (default: a minute, or a twelfth of the
 * run when shorter): heap after GC, RSS, open sockets, the three log sizes,
 * queued webhooks, outstanding tickets, and messages stored (state that is
 * meant to grow). Loopback only; not part of CI.
 *
 *   pnpm exec tsx bench/soak.ts [--minutes 3] [--sample-seconds N]
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { EventServiceClient, kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import { startEchoBot, startMockServer } from '@kilocode/kilo-chat-mock-server';
import WebSocket from 'ws';
import { settledHeapUsed } from './support/gc';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '3' }, 'sample-seconds': { type: 'string' } } });
const MINUTES = Number(values.minutes);
if (!(MINUTES > 0 && MINUTES <= 10)) throw new Error('--minutes must be in (0, 10]');
const DURATION_MS = MINUTES * 60_000;
const SAMPLE_MS = values['sample-seconds'] ? Number(values['sample-seconds']) * 1000 : Math.min(60_000, DURATION_MS / 12);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

const server = await startMockServer({ port: 0, host: '127.0.0.1' });
const core = server.core;
const users = Array.from({ length: 20 }, (_, i) => `soak-${i}`);
core.createSandbox({ id: 'soak', ownerId: users[0]! });
const bot = await startEchoBot({
  chatUrl: server.chatUrl,
  sandboxId: 'soak',
  gatewayToken: server.gatewayToken('soak'),
  gatewaySecret: core.gatewaySecret,
  replyDelayMs: 0,
});
core.setBotWebhookUrl('soak', bot.webhookUrl);
const conversations = Array.from({ length: 10 }, (_, c) => {
  const members = Array.from({ length: 5 }, (_, k) => users[(c * 2 + k) % users.length]!);
  return { id: core.seedConversation({ sandboxId: 'soak', userIds: members, title: `soak ${c}` }), members };
});
const tokens = new Map(await Promise.all(users.map(async (u) => [u, await server.mintUserToken(u, { expiresInSeconds: 3600 })] as const)));

const clients = users.map((u) => {
  const client = new EventServiceClient({ url: server.url, getToken: () => tokens.get(u)!, WebSocket: WebSocket as never, platform: null });
  const contexts = [kiloclawInstanceContext('soak'), ...conversations.filter((c) => c.members.includes(u)).map((c) => kiloclawConversationContext('soak', c.id))];
  client.subscribe(contexts);
  return client;
});
let eventsReceived = 0;
for (const client of clients) client.onAnyEvent(() => eventsReceived++);
await Promise.all(clients.map((c) => c.connect()));

const counts = { messages: 0, reactions: 0, typing: 0, reconnects: 0, faults: 0, httpErrors: 0 };
async function api(user: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens.get(user)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) {
    counts.httpErrors++;
    return null;
  }
  return text ? JSON.parse(text) : null;
}

let running = true;
const emojis = ['👍', '🎉', '❤️', '😂'];
async function sender(): Promise<void> {
  let n = 0;
  while (running) {
    const conversation = pick(conversations);
    const user = pick(conversation.members);
    const sent = await api(user, 'POST', '/v1/messages', { conversationId: conversation.id, content: [{ type: 'text', text: `soak ${n++}` }] });
    if (!sent) continue;
    counts.messages++;
    const reactor = pick(conversation.members);
    const emoji = pick(emojis);
    if (Math.random() < 0.7) await api(reactor, 'POST', `/v1/messages/${sent.messageId}/reactions`, { conversationId: conversation.id, emoji });
    else await api(reactor, 'DELETE', `/v1/messages/${sent.messageId}/reactions?conversationId=${conversation.id}&emoji=${encodeURIComponent(emoji)}`);
    counts.reactions++;
    await api(pick(conversation.members), 'POST', `/v1/conversations/${conversation.id}/typing`, {});
    counts.typing++;
  }
}
async function chaos(): Promise<void> {
  let tick = 0;
  while (running) {
    await sleep(2_000);
    if (!running) break;
    void pick(clients).connect();
    counts.reconnects++;
    tick++;
    if (tick % 5 !== 0) continue;
    const fault = (tick / 5) % 4;
    if (fault === 0) server.faults.dropAllSockets();
    else if (fault === 1) server.faults.closeAllSockets(4000, 'soak');
    else if (fault === 2) server.faults.failNext('POST /v1/messages', { times: 3 });
    else server.faults.expireTickets();
    counts.faults++;
  }
}

interface Sample {
  s: number;
  heapMB: number;
  rssMB: number;
  sockets: number;
  eventLog: number;
  webhookLog: number;
  pushLog: number;
  webhooksQueued: number;
  tickets: number;
  messagesStored: number;
  messagesSent: number;
  eventsReceived: number;
}
const samples: Sample[] = [];
const started = Date.now();
function sample(): void {
  const heap = settledHeapUsed();
  samples.push({
    s: Math.round((Date.now() - started) / 1000),
    heapMB: Number((heap / 1e6).toFixed(1)),
    rssMB: Number((process.memoryUsage().rss / 1e6).toFixed(1)),
    sockets: core.realtime.sessions().length,
    eventLog: core.events.log.size,
    webhookLog: core.webhooks.log.size,
    pushLog: core.outbox.log.size,
    webhooksQueued: core.webhooks.queuedCount,
    tickets: core.tickets.size,
    messagesStored: [...core.conversations.values()].reduce((sum, c) => sum + c.messages.length, 0),
    messagesSent: counts.messages,
    eventsReceived,
  });
  console.error(JSON.stringify(samples.at(-1)));
}

sample();
const traffic = Promise.all([sender(), sender(), chaos()]);
while (Date.now() - started < DURATION_MS) {
  await sleep(Math.min(SAMPLE_MS, DURATION_MS - (Date.now() - started)));
  sample();
}
running = false;
await traffic;
for (const client of clients) client.dispose();
await bot.close();
await server.close();

const afterWarmup = samples.filter((x) => x.s >= Math.min(60, DURATION_MS / 3000));
const heapPerMessage = (() => {
  const a = afterWarmup[0];
  const b = afterWarmup.at(-1);
  if (!a || !b || b.messagesStored === a.messagesStored) return null;
  return Math.round(((b.heapMB - a.heapMB) * 1e6) / (b.messagesStored - a.messagesStored));
})();
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, ${Math.round(totalmem() / 1e9)} GB`,
      node: process.version,
      minutes: MINUTES,
      counts,
      eventsReceived,
      heapGrowthPerStoredMessageBytes: heapPerMessage,
      samples,
    },
    null,
    2,
  ),
);
process.exit(0);
