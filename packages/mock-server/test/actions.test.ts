import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createConversation, createWorld, startTestServer, type World } from './helpers';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

describe('actions', () => {
  let server: MockServer;
  let world: World;
  let receiver: WebhookReceiver;
  let C: string;
  let BM: string;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    server = await startTestServer({ botWebhookUrl: receiver.url });
    world = await createWorld(server);
    C = await createConversation(world);
    const res = await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', {
      token: world.bot1,
      body: {
        conversationId: C,
        content: [
          { type: 'text', text: 'May I?' },
          {
            type: 'actions',
            groupId: 'g1',
            actions: [
              { label: 'Once', style: 'primary', value: 'allow-once' },
              { label: 'No', style: 'danger', value: 'deny' },
            ],
          },
        ],
      },
    });
    BM = res.body.messageId;
  });
  afterEach(async () => {
    await server.close();
    await receiver.close();
  });

  const execute = (value = 'allow-once', token = world.u1) =>
    call(server, 'POST', `/v1/conversations/${C}/messages/${BM}/execute-action`, { token, body: { groupId: 'g1', value } });

  it('resolves, returns the content, pushes message.updated and webhooks the author bot', async () => {
    const before = Date.now();
    const res = await execute();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, messageId: BM, resolved: { groupId: 'g1', value: 'allow-once', resolvedBy: 'u1' } });
    expect(res.body.resolved.resolvedAt).toBeGreaterThanOrEqual(before);
    expect(res.body.content[1].resolved).toEqual({ value: 'allow-once', resolvedBy: 'u1', resolvedAt: res.body.resolved.resolvedAt });
    const updated = server.core.events.history.filter((e) => e.event === 'message.updated');
    expect(updated.at(-1)!.payload).toMatchObject({ messageId: BM, clientUpdatedAt: null });
    expect(server.core.events.history.some((e) => e.event === 'action.executed')).toBe(false);
    await server.webhooksSettled();
    const hook = receiver.requests.find((r) => r.body.type === 'action.executed');
    expect(hook!.body).toMatchObject({ conversationId: C, messageId: BM, groupId: 'g1', value: 'allow-once', executedBy: 'u1' });
    expect(new Date(hook!.body.executedAt).toISOString()).toBe(hook!.body.executedAt);
  });

  it('refuses a second resolution with 409', async () => {
    await execute();
    expect(await execute('deny')).toMatchObject({ status: 409, body: { error: 'Action already resolved' } });
  });

  it('reverts on bot-reported failure (idempotent) and pushes action.delivery_failed only on a real revert', async () => {
    await execute();
    const path = `/bot/v1/sandboxes/sb1/conversations/${C}/actions/g1/delivery-failed`;
    expect((await call(server, 'POST', path, { token: world.bot1, body: { messageId: BM } })).body).toEqual({ ok: true });
    expect((await call(server, 'POST', path, { token: world.bot1, body: { messageId: BM, reason: 'again' } })).body).toEqual({ ok: true });
    expect(server.core.events.history.filter((e) => e.event === 'action.delivery_failed')).toHaveLength(1);
    // A revert pushes no message.updated (only the one from the execute).
    expect(server.core.events.history.filter((e) => e.event === 'message.updated')).toHaveLength(1);
    const [message] = (await call(server, 'GET', `/v1/conversations/${C}/messages?limit=1`, { token: world.u1 })).body.messages;
    expect(message.content[1].resolved).toBeUndefined();
    expect((await execute('deny')).status).toBe(200);
    expect((await call(server, 'POST', path)).status).toBe(401);
  });

  it('reverts when the action.executed webhook fails three times', async () => {
    receiver.respondWith(() => 500);
    await execute();
    await server.webhooksSettled();
    const attempts = receiver.requests.filter((r) => r.body.type === 'action.executed');
    expect(attempts).toHaveLength(3);
    const failed = server.core.events.history.filter((e) => e.event === 'action.delivery_failed');
    expect(failed.map((e) => e.payload)).toEqual([{ conversationId: C, messageId: BM, groupId: 'g1' }]);
    expect(server.core.conversations.get(C)!.getMessage(BM)!.content[1]).not.toHaveProperty('resolved');
  });

  it('sends no action.executed webhook when the author bot has left', async () => {
    server.core.conversations.get(C)!.members.get('bot:kiloclaw:sb1')!.leftAt = Date.now();
    await execute();
    await server.webhooksSettled();
    expect(receiver.requests.filter((r) => r.body.type === 'action.executed')).toHaveLength(0);
  });

  it('refuses execute on a deleted message', async () => {
    await call(server, 'DELETE', `/bot/v1/sandboxes/sb1/messages/${BM}?conversationId=${C}`, { token: world.bot1 });
    expect(await execute()).toMatchObject({ status: 404, body: { error: 'Message not found' } });
  });
});
