import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, convContext, createConversation, createWorld, instanceContext, openSocket, startTestServer, type World } from './helpers';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

describe('bot and conversation status', () => {
  let server: MockServer;
  let world: World;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    server = await startTestServer({ botWebhookUrl: receiver.url });
    world = await createWorld(server);
  });
  afterEach(async () => {
    await server.close();
    await receiver.close();
  });

  const postStatus = (body: unknown) => call(server, 'POST', '/bot/v1/sandboxes/sb1/bot-status', { token: world.bot1, body });
  const getStatus = (token = world.u1) => call(server, 'GET', '/v1/sandboxes/sb1/bot-status', { token });

  it('stores, filters capabilities, and pushes bot.status to the owner only', async () => {
    const owner = await openSocket(server, world.u1, [instanceContext()]);
    const other = await openSocket(server, world.u2, [instanceContext()]);
    expect((await getStatus()).body).toEqual({ status: null });
    expect((await postStatus({ online: true, at: 1000, capabilities: ['attachments', 'foo'] })).body).toEqual({ ok: true });
    const { status } = (await getStatus()).body;
    expect(status).toMatchObject({ online: true, at: 1000, capabilities: ['attachments'] });
    expect(typeof status.updatedAt).toBe('number');
    await owner.waitFor(() => owner.events('bot.status').length === 1);
    expect(owner.events('bot.status')[0]!.payload).toEqual({ sandboxId: 'sb1', online: true, at: 1000, capabilities: ['attachments'] });
    await other.roundTrip();
    expect(other.events()).toEqual([]);
    owner.close();
    other.close();
  });

  it('upserts monotonically on at, yet still answers ok and pushes', async () => {
    await postStatus({ online: true, at: 2000 });
    await postStatus({ online: false, at: 2000 });
    await postStatus({ online: false, at: 1000 });
    expect((await getStatus()).body.status).toMatchObject({ online: true, at: 2000 });
    expect((await getStatus()).body.status).not.toHaveProperty('capabilities');
    expect(server.core.events.history.filter((e) => e.event === 'bot.status')).toHaveLength(3);
    await postStatus({ online: false, at: 2001, capabilities: ['foo'] });
    expect((await getStatus()).body.status).toMatchObject({ online: false, at: 2001 });
    expect((await getStatus()).body.status).not.toHaveProperty('capabilities');
  });

  it('request-bot-status sends one webhook when stale and none when fresh', async () => {
    const first = await call(server, 'POST', '/v1/sandboxes/sb1/request-bot-status', { token: world.u1 });
    expect(first.body).toEqual({ ok: true, cached: null });
    await server.webhooksSettled();
    expect(receiver.requests.map((r) => r.body)).toEqual([{ type: 'bot.status_request' }]);
    expect(receiver.requests[0]!.headers.authorization).toBe(`Bearer ${world.bot1}`);
    await postStatus({ online: true, at: Date.now() });
    const second = await call(server, 'POST', '/v1/sandboxes/sb1/request-bot-status', { token: world.u1 });
    expect(second.body.cached).toMatchObject({ online: true });
    await server.webhooksSettled();
    expect(receiver.requests).toHaveLength(1);
  });

  it('stores and pushes offline when the bot is definitely unreachable (4xx)', async () => {
    receiver.respondWith(() => 404);
    await call(server, 'POST', '/v1/sandboxes/sb1/request-bot-status', { token: world.u1 });
    await server.webhooksSettled();
    expect((await getStatus()).body.status).toMatchObject({ online: false });
    expect(server.core.events.history.filter((e) => e.event === 'bot.status').map((e) => e.payload)).toEqual([
      expect.objectContaining({ sandboxId: 'sb1', online: false }),
    ]);
  });

  it('ignores a transient failure (5xx)', async () => {
    receiver.respondWith(() => 503);
    await call(server, 'POST', '/v1/sandboxes/sb1/request-bot-status', { token: world.u1 });
    await server.webhooksSettled();
    expect((await getStatus()).body.status).toBeNull();
  });

  it('stores conversation status monotonically and pushes it to the owner on the conversation context', async () => {
    const C = await createConversation(world);
    const owner = await openSocket(server, world.u1, [convContext(C)]);
    const path = `/bot/v1/sandboxes/sb1/conversations/${C}/conversation-status`;
    const body = { contextTokens: 0, contextWindow: 0, model: null, provider: null, at: 0 };
    expect((await call(server, 'GET', `/v1/conversations/${C}/conversation-status`, { token: world.u1 })).body).toEqual({ status: null });
    expect((await call(server, 'POST', path, { token: world.bot1, body: { ...body, at: 5, model: 'm' } })).body).toEqual({ ok: true });
    await call(server, 'POST', path, { token: world.bot1, body: { ...body, at: 4, model: 'old' } });
    const stored = (await call(server, 'GET', `/v1/conversations/${C}/conversation-status`, { token: world.u1 })).body.status;
    expect(stored).toMatchObject({ conversationId: C, model: 'm', at: 5 });
    await owner.waitFor(() => owner.events('conversation.status').length === 2);
    expect(owner.events('conversation.status')[0]!.payload).toEqual({ conversationId: C, ...body, at: 5, model: 'm' });
    owner.close();
  });
});
