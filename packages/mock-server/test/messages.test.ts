import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { MockServer } from '../src/index';
import { botSend, call, createConversation, createWorld, sendText, startTestServer, type World } from './helpers';

describe('messages', () => {
  let server: MockServer;
  let world: World;
  let C: string;
  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world, 't');
  });
  afterEach(() => server.close());

  const edit = (token: string, messageId: string, text: string, timestamp: number) =>
    call(server, 'PATCH', `/v1/messages/${messageId}`, { token, body: { conversationId: C, content: [{ type: 'text', text }], timestamp } });

  it('returns the canonical message, echoing clientId only when sent', async () => {
    const clientId = ulid();
    const withId = await sendText(world, world.u1, C, ' a  b ', { clientId });
    expect(withId.clientId).toBe(clientId);
    expect(withId.message).toEqual({
      id: withId.messageId,
      senderId: 'u1',
      content: [{ type: 'text', text: 'a  b' }],
      inReplyToMessageId: null,
      replyTo: null,
      updatedAt: null,
      clientUpdatedAt: null,
      deleted: false,
      deliveryFailed: false,
      reactions: [],
    });
    const without = await sendText(world, world.u1, C, 'x');
    expect('clientId' in without).toBe(false);
  });

  it('does not deduplicate creates', async () => {
    const clientId = ulid();
    const a = await sendText(world, world.u1, C, 'same', { clientId });
    const b = await sendText(world, world.u1, C, 'same', { clientId });
    expect(a.messageId).not.toBe(b.messageId);
  });

  it('assigns strictly increasing ids and lists newest first with an exclusive cursor', async () => {
    const ids = [];
    for (const t of ['1', '2', '3']) ids.push((await sendText(world, world.u1, C, t)).messageId);
    expect([...ids].sort()).toEqual(ids);
    const first = await call(server, 'GET', `/v1/conversations/${C}/messages?limit=2`, { token: world.u1 });
    expect(first.body.messages.map((m: any) => m.id)).toEqual([ids[2], ids[1]]);
    expect(first.body).toMatchObject({ hasMore: true, nextCursor: ids[1] });
    const second = await call(server, 'GET', `/v1/conversations/${C}/messages?limit=2&before=${first.body.nextCursor}`, { token: world.u1 });
    expect(second.body.messages.map((m: any) => m.id)).toEqual([ids[0]]);
    expect(second.body).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it('builds reply snapshots, including for deleted parents', async () => {
    const parent = await sendText(world, world.u1, C, 'parent text');
    const reply = await sendText(world, world.u1, C, 'reply', { inReplyToMessageId: parent.messageId });
    expect(reply.message.replyTo).toEqual({ messageId: parent.messageId, senderId: 'u1', deleted: false, previewText: 'parent text' });
    await call(server, 'DELETE', `/v1/messages/${parent.messageId}?conversationId=${C}`, { token: world.u1 });
    const list = await call(server, 'GET', `/v1/conversations/${C}/messages?limit=1`, { token: world.u1 });
    expect(list.body.messages[0].replyTo).toEqual({ messageId: parent.messageId, senderId: 'u1', deleted: true, previewText: null });
  });

  it('accepts a newer edit and refuses a stale or equal one with 409', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'v1');
    expect((await edit(world.u1, messageId, 'v2', 100)).body).toEqual({ messageId });
    const stale = await edit(world.u1, messageId, 'v3', 100);
    expect(stale).toMatchObject({ status: 409, body: { error: 'Edit conflict', messageId } });
    expect((await edit(world.u1, messageId, 'v0', 50)).status).toBe(409);
    const [message] = (await call(server, 'GET', `/v1/conversations/${C}/messages?limit=1`, { token: world.u1 })).body.messages;
    expect(message.content).toEqual([{ type: 'text', text: 'v2' }]);
    expect(message.clientUpdatedAt).toBe(100);
    expect(typeof message.updatedAt).toBe('number');
  });

  it('refuses edits by non-senders and of deleted messages', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'v1');
    const byBot = await call(server, 'PATCH', `/bot/v1/sandboxes/sb1/messages/${messageId}`, {
      token: world.bot1,
      body: { conversationId: C, content: [{ type: 'text', text: 'x' }], timestamp: 5 },
    });
    expect(byBot.status).toBe(403);
    await call(server, 'DELETE', `/v1/messages/${messageId}?conversationId=${C}`, { token: world.u1 });
    expect((await edit(world.u1, messageId, 'v2', 200)).status).toBe(404);
  });

  it('soft-deletes, and a repeated delete by the sender succeeds again', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'bye');
    expect((await call(server, 'DELETE', `/v1/messages/${messageId}?conversationId=${C}`, { token: world.u1 })).body).toEqual({ ok: true });
    expect((await call(server, 'DELETE', `/v1/messages/${messageId}?conversationId=${C}`, { token: world.u1 })).body).toEqual({ ok: true });
    const [message] = (await call(server, 'GET', `/v1/conversations/${C}/messages`, { token: world.u1 })).body.messages;
    expect(message).toMatchObject({ id: messageId, deleted: true, content: [] });
    expect(message.updatedAt).not.toBeNull();
    const deletes = server.core.events.history.filter((e) => e.event === 'message.deleted');
    expect(deletes).toHaveLength(2);
  });

  it('lets member bots send, edit and delete their own messages', async () => {
    const sent = await botSend(world, 'sb1', C, [{ type: 'text', text: 'from bot' }]);
    expect(sent.status).toBe(201);
    const id = sent.body.messageId;
    const edited = await call(server, 'PATCH', `/bot/v1/sandboxes/sb1/messages/${id}`, {
      token: world.bot1,
      body: { conversationId: C, content: [{ type: 'text', text: 'edited' }], timestamp: 1 },
    });
    expect(edited.status).toBe(200);
    expect((await call(server, 'DELETE', `/bot/v1/sandboxes/sb1/messages/${id}?conversationId=${C}`, { token: world.bot1 })).status).toBe(200);
    const list = await call(server, 'GET', `/bot/v1/sandboxes/sb1/conversations/${C}/messages`, { token: world.bot1 });
    expect(list.body.messages[0]).toMatchObject({ id, deleted: true });
  });

  it('redelivers a failed message: no-op when not failed, 409 without a bot, clears the flag otherwise', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'hello');
    await server.webhooksSettled();
    const path = `/v1/conversations/${C}/messages/${messageId}/redeliver`;
    expect((await call(server, 'POST', path, { token: world.u1 })).body).toEqual({ ok: true });
    const failed = await call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${C}/messages/${messageId}/delivery-failed`, { token: world.bot1 });
    expect(failed.body).toEqual({ ok: true });
    expect((await call(server, 'POST', path, { token: world.u1 })).body).toEqual({ ok: true });
    const [message] = (await call(server, 'GET', `/v1/conversations/${C}/messages`, { token: world.u1 })).body.messages;
    expect(message.deliveryFailed).toBe(false);
    expect(server.core.events.history.map((e) => e.event)).toContain('message.redelivered');
  });

  it('refuses redelivery when no bot remains and keeps the flag', async () => {
    const id = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2'] });
    const { messageId } = await sendText(world, world.u1, id, 'x');
    await call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${id}/messages/${messageId}/delivery-failed`, { token: world.bot1, body: { reason: 'nope' } });
    server.core.conversations.get(id)!.members.get('bot:kiloclaw:sb1')!.leftAt = Date.now();
    const res = await call(server, 'POST', `/v1/conversations/${id}/messages/${messageId}/redeliver`, { token: world.u1 });
    expect(res).toMatchObject({ status: 409, body: { error: 'No active bot to redeliver to' } });
    expect(server.core.conversations.get(id)!.getMessage(messageId)!.deliveryFailed).toBe(true);
  });

  it('forbids redelivery by a non-sender', async () => {
    const id = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2'] });
    const { messageId } = await sendText(world, world.u1, id, 'x');
    expect((await call(server, 'POST', `/v1/conversations/${id}/messages/${messageId}/redeliver`, { token: world.u2 })).status).toBe(403);
  });
});
