import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createConversation, createWorld, sendText, startTestServer, type World } from './helpers';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

describe('bot webhooks', () => {
  let server: MockServer;
  let world: World;
  let receiver: WebhookReceiver;
  let C: string;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    server = await startTestServer();
    world = await createWorld(server);
    server.core.setBotWebhookUrl('sb1', receiver.url);
    C = await createConversation(world);
  });
  afterEach(async () => {
    await server.close();
    await receiver.close();
  });

  it('POSTs message.created with the gateway bearer and the reference payload', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'Hello');
    await server.webhooksSettled();
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.headers.authorization).toBe(`Bearer ${world.bot1}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toEqual({ type: 'message.created', conversationId: C, messageId, from: 'u1', text: 'Hello', sentAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(request!.body.sentAt))).toBe(false);
  });

  it('concatenates text blocks without a separator and carries reply fields', async () => {
    const parent = await sendText(world, world.u1, C, 'parent');
    await call(server, 'POST', '/v1/messages', {
      token: world.u1,
      body: { conversationId: C, content: [{ type: 'text', text: 'Hello' }, { type: 'text', text: ' world' }], inReplyToMessageId: parent.messageId },
    });
    await server.webhooksSettled();
    expect(receiver.requests[1]!.body).toMatchObject({
      text: 'Helloworld',
      inReplyToMessageId: parent.messageId,
      inReplyToBody: 'parent',
      inReplyToSender: 'u1',
    });
  });

  it('omits the parent body and sender when the parent is deleted', async () => {
    const parent = await sendText(world, world.u1, C, 'parent');
    await call(server, 'DELETE', `/v1/messages/${parent.messageId}?conversationId=${C}`, { token: world.u1 });
    await sendText(world, world.u1, C, 'reply', { inReplyToMessageId: parent.messageId });
    await server.webhooksSettled();
    const last = receiver.requests.at(-1)!.body;
    expect(last.inReplyToMessageId).toBe(parent.messageId);
    expect(last).not.toHaveProperty('inReplyToBody');
    expect(last).not.toHaveProperty('inReplyToSender');
  });

  it('skips actions-only messages and the sending bot itself', async () => {
    await call(server, 'POST', '/v1/messages', {
      token: world.u1,
      body: { conversationId: C, content: [{ type: 'actions', groupId: 'g', actions: [{ label: 'a', style: 'primary', value: 'deny' }] }] },
    });
    await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', { token: world.bot1, body: { conversationId: C, content: [{ type: 'text', text: 'mine' }] } });
    await server.webhooksSettled();
    expect(receiver.requests).toHaveLength(0);
  });

  it('delivers rapid sends in commit order, even while earlier ones retry', async () => {
    receiver.respondWith((request, index) => (index === 0 ? 500 : 200));
    const ids = [];
    for (let i = 0; i < 5; i += 1) ids.push((await sendText(world, world.u1, C, `m${i}`)).messageId);
    await server.webhooksSettled();
    const order = receiver.requests.map((r) => r.body.messageId);
    expect(order).toEqual([ids[0], ids[0], ...ids.slice(1)]);
  });

  it('succeeds on the second try without any failure', async () => {
    receiver.respondWith((request, index) => (index === 0 ? 502 : 200));
    await sendText(world, world.u1, C, 'retry me');
    await server.webhooksSettled();
    expect(receiver.requests).toHaveLength(2);
    expect(server.core.events.history.some((e) => e.event === 'message.delivery_failed')).toBe(false);
  });

  it('gives up after 3 tries, flags deliveryFailed and pushes message.delivery_failed once', async () => {
    receiver.respondWith(() => 500);
    const { messageId } = await sendText(world, world.u1, C, 'doomed');
    await server.webhooksSettled();
    expect(receiver.requests).toHaveLength(3);
    const failed = server.core.events.history.filter((e) => e.event === 'message.delivery_failed');
    expect(failed.map((e) => e.payload)).toEqual([{ messageId }]);
    const [message] = (await call(server, 'GET', `/v1/conversations/${C}/messages`, { token: world.u1 })).body.messages;
    expect(message.deliveryFailed).toBe(true);
    expect(server.core.webhooks.deliveries.at(-1)!.outcome).toBe('failed');
    // Bot-reported failure on an already failed message changes nothing.
    await call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${C}/messages/${messageId}/delivery-failed`, { token: world.bot1 });
    expect(server.core.events.history.filter((e) => e.event === 'message.delivery_failed')).toHaveLength(1);
    // Redeliver clears it and re-sends.
    receiver.respondWith(() => 200);
    await call(server, 'POST', `/v1/conversations/${C}/messages/${messageId}/redeliver`, { token: world.u1 });
    await server.webhooksSettled();
    expect(receiver.requests).toHaveLength(4);
    expect(server.core.conversations.get(C)!.getMessage(messageId)!.deliveryFailed).toBe(false);
  });

  it('treats a network failure like a failed try', async () => {
    server.core.setBotWebhookUrl('sb1', 'http://127.0.0.1:1/unreachable');
    await sendText(world, world.u1, C, 'nowhere');
    await server.webhooksSettled();
    const delivery = server.core.webhooks.deliveries.at(-1)!;
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts.every((a) => a.status === null && a.error !== null)).toBe(true);
    expect(delivery.outcome).toBe('failed');
  });

  it('records but skips delivery when the bot has no webhook URL', async () => {
    server.core.setBotWebhookUrl('sb1', null);
    await sendText(world, world.u1, C, 'no url');
    await server.webhooksSettled();
    expect(server.core.webhooks.deliveries.at(-1)!.outcome).toBe('skipped');
    expect(server.core.events.history.some((e) => e.event === 'message.delivery_failed')).toBe(false);
  });
});
