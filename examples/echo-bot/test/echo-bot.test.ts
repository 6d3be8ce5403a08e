// The echo bot against the reference server on loopback: alice talks to it
// through KiloChatClient and watches her event socket, as an app would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventServiceClient, kiloclawConversationContext } from '@kilocode/event-service';
import type { InboundEvent } from '@kilocode/event-service';
import { KiloChatClient } from '@kilocode/kilo-chat';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';
import type { DemoSeed, MockServer } from '@kilocode/kilo-chat-mock-server';
import { startEchoBot } from '../src/echo-bot';
import type { EchoBot } from '../src/echo-bot';

let server: MockServer;
let demo: DemoSeed;
let bot: EchoBot;
let gatewayToken: string;
let events: EventServiceClient;
let alice: KiloChatClient;
let context: string;
const botLog: string[] = [];
const received: InboundEvent[] = [];

type Payload = Record<string, unknown>;

/** Resolves with the first event alice received (or receives within 5 s) that matches. */
async function nextEvent(what: string, name: string, match: (payload: Payload) => boolean = () => true): Promise<Payload> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = received.find((e) => e.event === name && e.context === context && match(e.payload as Payload));
    if (found) return found.payload as Payload;
    if (Date.now() > deadline) {
      throw new Error(`no ${what} within 5 s (received: ${received.map((e) => e.event).join(', ') || 'none'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const indexOf = (payload: Payload) => received.findIndex((e) => e.payload === payload);

/** POSTs a raw body to the bot's webhook URL. */
function postWebhook(body: string, authorization: string | null = `Bearer ${gatewayToken}`): Promise<Response> {
  return fetch(bot.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body,
  });
}

function say(text: string) {
  return alice.sendMessage({ conversationId: demo.welcomeConversationId, content: [{ type: 'text', text }] });
}

beforeAll(async () => {
  // A status request always reaches the bot (no cached answer), so the test can see it answered.
  server = await startMockServer({ port: 0, seed: 'demo', botStatusFreshnessMs: 0 });
  demo = server.demo!;
  gatewayToken = server.gatewayToken(demo.sandboxId);
  bot = await startEchoBot({
    chatUrl: server.chatUrl,
    sandboxId: demo.sandboxId,
    gatewayToken,
    port: 0,
    heartbeatMs: 300,
    log: (line) => botLog.push(line),
  });
  server.core.setBotWebhookUrl(demo.sandboxId, bot.webhookUrl);

  const token = await server.mintUserToken(demo.alice);
  events = new EventServiceClient({ url: server.eventsUrl, getToken: () => token, platform: null });
  alice = new KiloChatClient({ baseUrl: server.chatUrl, getToken: () => token, eventService: events });
  events.onAnyEvent((event) => received.push(event));
  context = kiloclawConversationContext(demo.sandboxId, demo.welcomeConversationId);
  events.subscribe([context]);
  await events.connect();
  // Barrier: once alice's own typing comes back, her subscription is live.
  await alice.sendTyping(demo.welcomeConversationId);
  await nextEvent('alice’s own typing', 'typing', (p) => p.memberId === demo.alice);
});

afterAll(async () => {
  alice?.dispose();
  events?.dispose();
  await bot?.close();
  await server?.close();
});

describe('echo bot', () => {
  it('reports itself online with its capabilities on start, and again on every heartbeat', async () => {
    const first = (await alice.getBotStatus(demo.sandboxId)).status;
    expect(first).toMatchObject({ online: true, capabilities: ['attachments'] });
    await expect
      .poll(async () => (await alice.getBotStatus(demo.sandboxId)).status?.at ?? 0, { timeout: 5_000 })
      .toBeGreaterThan(first!.at);
  });

  it('answers a message: typing, a 👀 reaction on it, then an echo replying to it', async () => {
    const { messageId } = await say('Hello bot');
    const typing = await nextEvent('bot typing', 'typing', (p) => p.memberId === demo.botId);
    const reaction = await nextEvent('bot reaction', 'reaction.added', (p) => p.messageId === messageId);
    const reply = await nextEvent('bot reply', 'message.created', (p) => p.inReplyToMessageId === messageId);

    expect(reaction).toMatchObject({ memberId: demo.botId, emoji: '👀' });
    expect(reply).toMatchObject({ senderId: demo.botId, content: [{ type: 'text', text: 'Echo: Hello bot' }] });
    expect(indexOf(typing)).toBeLessThan(indexOf(reply));
    await nextEvent('bot typing stop', 'typing.stop', (p) => p.memberId === demo.botId);

    const [stored] = await alice.listMessages(demo.welcomeConversationId, { limit: 1 });
    expect(stored).toMatchObject({ id: reply.messageId, inReplyToMessageId: messageId });
  });

  it('asks for approval when a message says "approve", and answers the button pressed', async () => {
    const { messageId } = await say('Please approve the deploy');
    const request = await nextEvent('approval request', 'message.created', (p) =>
      (p.content as Array<{ type: string }>).some((block) => block.type === 'actions'),
    );
    const content = request.content as Array<Record<string, unknown>>;
    expect(content).toEqual([
      { type: 'text', text: 'You asked me to approve something. Allow it once?' },
      {
        type: 'actions',
        groupId: `approval-${messageId}`,
        actions: [
          { label: 'Allow once', style: 'primary', value: 'allow-once' },
          { label: 'Deny', style: 'danger', value: 'deny' },
        ],
      },
    ]);

    await alice.executeAction(demo.welcomeConversationId, request.messageId as string, {
      groupId: `approval-${messageId}`,
      value: 'allow-once',
    });
    const answer = await nextEvent('answer to the action', 'message.created', (p) => p.inReplyToMessageId === request.messageId);
    expect(answer).toMatchObject({
      senderId: demo.botId,
      content: [{ type: 'text', text: 'Approved: alice chose "allow-once".' }],
    });
  });

  it('answers a status request from the owner', async () => {
    const before = server.core.webhooks.deliveries.length;
    await alice.requestBotStatus(demo.sandboxId);
    await server.webhooksSettled();
    const requests = server.core.webhooks.deliveries.slice(before).filter((d) => d.payload.type === 'bot.status_request');
    expect(requests.map((d) => d.outcome)).toEqual(['delivered']);
    expect((await alice.getBotStatus(demo.sandboxId)).status).toMatchObject({ online: true });
  });

  it('reports the message as not delivered when its reply cannot be sent', async () => {
    server.faults.failNext(`POST /bot/v1/sandboxes/${demo.sandboxId}/messages`, { status: 503 });
    try {
      const { messageId } = await say('this reply will fail');
      await nextEvent('delivery failure', 'message.delivery_failed', (p) => p.messageId === messageId);
      expect(botLog.some((line) => line.startsWith(`could not answer message ${messageId}`))).toBe(true);
    } finally {
      server.faults.reset();
    }
  });

  it('answers 400 to a malformed webhook, logs it, and keeps working', async () => {
    const malformed = [
      'not json',
      JSON.stringify({ type: 'message.created', conversationId: demo.welcomeConversationId }),
      JSON.stringify({ type: 'something.else' }),
      JSON.stringify([]),
    ];
    for (const body of malformed) {
      const response = await postWebhook(body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^Invalid webhook/);
    }
    expect(botLog.filter((line) => line.startsWith('rejected webhook: Invalid webhook'))).toHaveLength(malformed.length);

    const { messageId } = await say('still there?');
    const reply = await nextEvent('reply after bad webhooks', 'message.created', (p) => p.inReplyToMessageId === messageId);
    expect(reply.content).toEqual([{ type: 'text', text: 'Echo: still there?' }]);
  });

  it('refuses webhooks without the gateway token (401) and other routes (404)', async () => {
    const valid = JSON.stringify({ type: 'bot.status_request' });
    expect((await postWebhook(valid, null)).status).toBe(401);
    expect((await postWebhook(valid, 'Bearer not-the-token')).status).toBe(401);
    expect((await fetch(bot.webhookUrl)).status).toBe(404);
    expect((await postWebhook(valid)).status).toBe(200);
  });

  it('reports itself offline when it stops', async () => {
    await bot.close();
    expect((await alice.getBotStatus(demo.sandboxId)).status).toMatchObject({ online: false });
    await expect(postWebhook('{}')).rejects.toThrow();
  });
});
