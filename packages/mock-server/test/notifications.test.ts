import { badgeBucketForConversation, pushDataSchema } from '@kilocode/notifications';
import { presenceContextForConversation } from '@kilocode/event-service';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatCore, type MockServer, userCaller } from '../src/index';
import { call, createWorld, openSocket, sendText, startTestServer, type World } from './helpers';

describe('notification path', () => {
  let server: MockServer;
  let world: World;
  let C: string;
  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    server.createSandbox({ id: 'sb1', ownerId: 'u1', label: 'My claw' });
    C = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2', 'u3'], title: 'Trio' });
  });
  afterEach(() => server.close());

  it('badges and records a push for each other human, not the sender', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'ping all');
    const bucket = badgeBucketForConversation('sb1', C);
    expect(server.outbox.records.map((r) => r.userId).sort()).toEqual(['u2', 'u3']);
    const record = server.outbox.forUser('u2')[0]!;
    expect(record).toMatchObject({
      idempotencyKey: `chat:${messageId}:u2`,
      presenceContext: presenceContextForConversation('sb1', C),
      badge: { badgeBucket: bucket, delta: 1 },
      badgeTotal: 1,
      outcome: 'delivered',
      trigger: 'message.created',
      push: { title: 'My claw · Trio', body: 'ping all', sound: 'default', priority: 'high' },
    });
    expect(pushDataSchema.parse(record.push.data)).toEqual({ type: 'chat.message', sandboxId: 'sb1', conversationId: C, messageId });
    expect(server.core.badges.count('u1', bucket)).toBe(0);
  });

  it('suppresses the push and badge for a recipient present in the conversation', async () => {
    const present = await openSocket(server, world.u2, [presenceContextForConversation('sb1', C)]);
    await sendText(world, world.u1, C, 'you are here');
    expect(server.outbox.forUser('u2')[0]).toMatchObject({ outcome: 'suppressed_presence', badge: null });
    expect(server.outbox.forUser('u3')[0]).toMatchObject({ outcome: 'delivered' });
    expect((await call(server, 'GET', '/v1/badges', { token: world.u2 })).body.buckets).toEqual([]);
    present.close();
    await present.closed();
    await sendText(world, world.u1, C, 'now you are gone');
    expect(server.outbox.forUser('u2')[1]).toMatchObject({ outcome: 'delivered' });
  });

  it('does not push when the sender is the only human', async () => {
    const solo = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1'] });
    await sendText(world, world.u1, solo, 'alone');
    expect(server.outbox.records).toEqual([]);
  });

  it('localises untitled conversations', async () => {
    const untitled = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2'] });
    server.core.conversations.get(untitled)!.title = null;
    const actions = [{ type: 'actions', groupId: 'g', actions: [{ label: 'x', style: 'primary', value: 'deny' }] }];
    await call(server, 'POST', '/v1/messages', { token: world.u1, body: { conversationId: untitled, content: actions } });
    expect(server.outbox.forUser('u2')[0]!.push).toMatchObject({ title: 'My claw · Untitled', i18nKey: 'chat.untitled' });
  });

  it('pushes a long bot message at once to every human', async () => {
    await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', {
      token: world.bot1,
      body: { conversationId: C, content: [{ type: 'text', text: 'x'.repeat(160) }] },
    });
    expect(server.outbox.records.map((r) => [r.userId, r.trigger])).toEqual([
      ['u1', 'bot.length'],
      ['u2', 'bot.length'],
      ['u3', 'bot.length'],
    ]);
  });

  it('pushes a short bot message when the bot stops typing', async () => {
    await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', { token: world.bot1, body: { conversationId: C, content: [{ type: 'text', text: 'short' }] } });
    expect(server.outbox.records).toEqual([]);
    await call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${C}/typing/stop`, { token: world.bot1 });
    expect(server.outbox.records.map((r) => r.trigger)).toEqual(['bot.typing_stop', 'bot.typing_stop', 'bot.typing_stop']);
    await call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${C}/typing/stop`, { token: world.bot1 });
    expect(server.outbox.records).toHaveLength(3);
  });
});

describe('bot push timeout (fake timers, core only)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires after 10 s, after an edit reaches 160 characters, and never for a deleted message', () => {
    vi.useFakeTimers();
    const core = new ChatCore({ gatewaySecret: 's' });
    core.createSandbox({ id: 'sb', ownerId: 'owner' });
    const conversationId = core.seedConversation({ sandboxId: 'sb', userIds: ['owner', 'friend'], title: 'T' });
    const bot = { id: 'bot:kiloclaw:sb', kind: 'bot' as const };
    const send = (text: string) => core.createMessage(bot, { conversationId, content: [{ type: 'text', text }] }).messageId;

    send('short one');
    vi.advanceTimersByTime(9_999);
    expect(core.outbox.records).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(core.outbox.records.map((r) => r.trigger)).toEqual(['bot.timeout', 'bot.timeout']);

    const edited = send('short two');
    core.editMessage(bot, edited, { conversationId, content: [{ type: 'text', text: 'y'.repeat(170) }], timestamp: 1 });
    expect(core.outbox.records.slice(2).map((r) => r.trigger)).toEqual(['bot.length', 'bot.length']);

    const deleted = send('short three');
    core.deleteMessage(bot, deleted, conversationId);
    vi.advanceTimersByTime(20_000);
    expect(core.outbox.records).toHaveLength(4);
    core.dispose();
    expect(userCaller('x')).toEqual({ id: 'x', kind: 'user' });
  });
});
