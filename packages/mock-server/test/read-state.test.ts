import { badgeBucketForConversation } from '@kilocode/notifications';
import { ulidToTimestamp } from '@kilocode/kilo-chat/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, createWorld, sendText, startTestServer, type World } from './helpers';

describe('read state and badges', () => {
  let server: MockServer;
  let world: World;
  let C: string;
  let bucket: string;
  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2'], title: 'pair' });
    bucket = badgeBucketForConversation('sb1', C);
  });
  afterEach(() => server.close());

  const markRead = (token: string, lastSeenMessageId: string) =>
    call(server, 'POST', `/v1/conversations/${C}/mark-read`, { token, body: { lastSeenMessageId } });
  const row = (userId: string) => server.core.lists.get(userId, C)!;

  it('advances the sender on send, recipients only on mark-read', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'hi');
    const t = ulidToTimestamp(messageId);
    expect(row('u1')).toMatchObject({ lastActivityAt: t, lastReadAt: t });
    expect(row('u2')).toMatchObject({ lastActivityAt: t, lastReadAt: null });
    expect(server.core.badges.count('u2', bucket)).toBe(1);
    const res = await markRead(world.u2, messageId);
    expect(res.body).toEqual({ ok: true, applied: true, lastReadAt: t, badgeClear: { badgeBucket: bucket, badgeCount: 0 } });
    expect(row('u2').lastReadAt).toBe(t);
  });

  it('is monotonic: an older marker is applied only when newer, and never clears a stale badge', async () => {
    const older = (await sendText(world, world.u1, C, 'one')).messageId;
    const newer = (await sendText(world, world.u1, C, 'two')).messageId;
    const first = await markRead(world.u2, older);
    expect(first.body).toMatchObject({ applied: true, lastReadAt: ulidToTimestamp(older), badgeClear: null });
    expect(server.core.badges.count('u2', bucket)).toBe(2);
    const latest = await markRead(world.u2, newer);
    expect(latest.body.applied).toBe(true);
    const back = await markRead(world.u2, older);
    expect(back.body).toMatchObject({ applied: false, lastReadAt: ulidToTimestamp(newer), badgeClear: null });
  });

  it('a repeat mark-read is not applied but clears a newly incremented badge', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'one');
    await markRead(world.u2, messageId);
    server.core.badges.increment('u2', bucket, 1);
    const again = await markRead(world.u2, messageId);
    expect(again.body).toMatchObject({ applied: false, badgeClear: { badgeBucket: bucket, badgeCount: 0 } });
  });

  it('marking through a deleted final message still clears the badge', async () => {
    const first = (await sendText(world, world.u1, C, 'one')).messageId;
    const last = (await sendText(world, world.u1, C, 'two')).messageId;
    await call(server, 'DELETE', `/v1/messages/${last}?conversationId=${C}`, { token: world.u1 });
    expect((await markRead(world.u2, first)).body.badgeClear).toEqual({ badgeBucket: bucket, badgeCount: 0 });
    expect((await markRead(world.u2, last)).body.applied).toBe(true);
  });

  it('answers 503 when the badge clear fails, after storing the marker', async () => {
    const { messageId } = await sendText(world, world.u1, C, 'one');
    server.faults.failBadgeClears(1);
    const res = await markRead(world.u2, messageId);
    expect(res).toMatchObject({ status: 503, body: { error: 'Failed to clear notification badge' } });
    expect(row('u2').lastReadAt).toBe(ulidToTimestamp(messageId));
    expect(server.core.badges.count('u2', bucket)).toBe(1);
    expect((await markRead(world.u2, messageId)).body).toMatchObject({ applied: false, badgeClear: { badgeCount: 0 } });
  });

  it('serves the badge routes for the caller only', async () => {
    await sendText(world, world.u1, C, 'one');
    await sendText(world, world.u1, C, 'two');
    expect((await call(server, 'GET', '/v1/badges', { token: world.u2 })).body).toEqual({ buckets: [{ badgeBucket: bucket, badgeCount: 2 }] });
    expect((await call(server, 'GET', '/v1/badges', { token: world.u1 })).body).toEqual({ buckets: [] });
    expect((await call(server, 'POST', '/v1/badges/mark-read', { token: world.u2, body: { badgeBucket: bucket } })).body).toEqual({ badgeCount: 0 });
    expect((await call(server, 'POST', '/v1/badges/mark-read', { token: world.u2, body: { badgeBucket: 'kiloclaw:nope' } })).body).toEqual({ badgeCount: 0 });
    expect((await call(server, 'GET', '/v1/badges')).status).toBe(401);
  });
});
