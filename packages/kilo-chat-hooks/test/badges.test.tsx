import { kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import { userCaller } from '@kilocode/kilo-chat-mock-server';
import { BadgeClient, badgeBucketForConversation, pushSuppressionContextForConversation } from '@kilocode/notifications';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { badgesKey, unreadBadgesQueryOptions, useMarkConversationReadWhenSeen, useUnreadBadges } from '../src/index';
import { eventually } from './support/eventually';
import { connectAndSubscribe, createUserSession, startMswServer, type UserSession } from './support/harness';

const text = (value: string) => [{ type: 'text' as const, text: value }];

describe('useUnreadBadges (msw face)', () => {
  const server = startMswServer();
  afterAll(() => server.stop());
  let sessions: UserSession[] = [];
  afterEach(() => {
    cleanup();
    for (const session of sessions) session.close();
    sessions = [];
    server.core.faults.reset();
  });

  let count = 0;
  /** A fresh sandbox of alice with a conversation shared with bob. */
  function newConversation() {
    count += 1;
    const sandboxId = `badges-${count}`;
    server.core.createSandbox({ id: sandboxId, ownerId: 'alice', label: sandboxId });
    const conversationId = server.core.seedConversation({ sandboxId, userIds: ['alice', 'bob'], title: 'Shared' });
    return {
      sandboxId,
      conversationId,
      bucket: badgeBucketForConversation(sandboxId, conversationId),
      contexts: [kiloclawInstanceContext(sandboxId), kiloclawConversationContext(sandboxId, conversationId)],
    };
  }
  const bobSays = (conversationId: string, value: string) =>
    server.core.createMessage(userCaller('bob'), { conversationId, content: text(value) }).messageId;

  async function aliceWithBadges() {
    const alice = await createUserSession(server, 'alice');
    sessions.push(alice);
    const badgeClient = new BadgeClient({ baseUrl: server.chatUrl, getToken: () => alice.token });
    const listBadges = vi.spyOn(badgeClient, 'listBadges');
    const rendered = renderHook(() => useUnreadBadges(alice.chat, alice.events, badgeClient, { currentUserId: 'alice' }), {
      wrapper: alice.wrapper,
    });
    await eventually(() => rendered.result.current.query.isSuccess);
    return { alice, listBadges, ...rendered };
  }

  it("loads the user's buckets and counts them per conversation, per sandbox and in total", async () => {
    const first = newConversation();
    const second = newConversation();
    bobSays(first.conversationId, 'one');
    bobSays(first.conversationId, 'two');
    bobSays(second.conversationId, 'three');
    const { result } = await aliceWithBadges();
    expect(result.current.countForConversation(first.sandboxId, first.conversationId)).toBe(2);
    expect(result.current.countForBucket(second.bucket)).toBe(1);
    expect(result.current.countForInstance(first.sandboxId)).toBe(2);
    expect(result.current.total).toBeGreaterThanOrEqual(3);
  });

  it("message.created from someone else adds 1 to that conversation's bucket at once, matching the server", async () => {
    const conversation = newConversation();
    const { alice, listBadges, result } = await aliceWithBadges();
    await connectAndSubscribe(server, alice, conversation.contexts);
    bobSays(conversation.conversationId, 'ping');
    await eventually(() => result.current.countForBucket(conversation.bucket) === 1);
    expect(listBadges).toHaveBeenCalledTimes(1);
    expect(server.core.badges.count('alice', conversation.bucket)).toBe(1);
  });

  it('a list screen holding only the instance context sees another conversation’s new message through its activity (one refetch per burst)', async () => {
    const conversation = newConversation();
    const { alice, listBadges, result } = await aliceWithBadges();
    await connectAndSubscribe(server, alice, [kiloclawInstanceContext(conversation.sandboxId)]);
    bobSays(conversation.conversationId, 'one');
    bobSays(conversation.conversationId, 'two');
    await eventually(() => result.current.countForBucket(conversation.bucket) === 2);
    expect(server.core.badges.count('alice', conversation.bucket)).toBe(2);
    expect(listBadges).toHaveBeenCalledTimes(2); // the first load, then one refetch for the burst
  });

  it('refetchInterval (addition) refetches on the interval', () => {
    const badgeClient = new BadgeClient({ baseUrl: server.chatUrl, getToken: () => 'unused' });
    expect(unreadBadgesQueryOptions(badgeClient, { refetchInterval: 10_000 }).refetchInterval).toBe(10_000);
    expect(unreadBadgesQueryOptions(badgeClient).refetchInterval).toBe(false);
  });

  it('the same message counts once (repeated events), and the user’s own messages never count', async () => {
    const conversation = newConversation();
    const { alice, result } = await aliceWithBadges();
    await connectAndSubscribe(server, alice, conversation.contexts);
    const messageId = bobSays(conversation.conversationId, 'ping');
    await eventually(() => result.current.countForBucket(conversation.bucket) === 1);
    const created = server.core.events.history.find((e) => e.event === 'message.created' && (e.payload as { messageId: string }).messageId === messageId);
    server.core.events.push('alice', conversation.contexts[1]!, 'message.created', created!.payload);
    server.core.createMessage(userCaller('alice'), { conversationId: conversation.conversationId, content: text('mine') });
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(result.current.countForBucket(conversation.bucket)).toBe(1);
  });

  it("nothing is added while this client holds the conversation's presence context (the server suppresses the badge)", async () => {
    const conversation = newConversation();
    const { alice, result } = await aliceWithBadges();
    await connectAndSubscribe(server, alice, [...conversation.contexts, pushSuppressionContextForConversation(conversation.sandboxId, conversation.conversationId)]);
    bobSays(conversation.conversationId, 'seen live');
    await eventually(() => server.core.events.history.some((e) => e.userId === 'alice' && e.event === 'message.created' && e.delivered));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(result.current.countForBucket(conversation.bucket)).toBe(0);
    expect(server.core.badges.count('alice', conversation.bucket)).toBe(0);
  });

  it("the user's own conversation.read (another device) refetches the badges", async () => {
    const conversation = newConversation();
    const messageId = bobSays(conversation.conversationId, 'unread');
    const { alice, listBadges, result } = await aliceWithBadges();
    expect(result.current.countForBucket(conversation.bucket)).toBe(1);
    await connectAndSubscribe(server, alice, conversation.contexts);
    server.core.markRead(userCaller('alice'), conversation.conversationId, messageId);
    await eventually(() => result.current.countForBucket(conversation.bucket) === 0);
    expect(listBadges).toHaveBeenCalledTimes(2);
  });

  it('a mark-read response’s badgeClear removes the bucket at once, without a refetch when the totals agree', async () => {
    const conversation = newConversation();
    const messageId = bobSays(conversation.conversationId, 'unread');
    const { alice, listBadges, result } = await aliceWithBadges();
    const before = result.current.total;
    renderHook(
      () =>
        useMarkConversationReadWhenSeen(alice.chat, {
          sandboxId: conversation.sandboxId,
          conversationId: conversation.conversationId,
          latestMessageId: messageId,
          active: true,
        }),
      { wrapper: alice.wrapper },
    );
    await eventually(() => result.current.countForBucket(conversation.bucket) === 0);
    expect(result.current.total).toBe(before - 1);
    expect(listBadges).toHaveBeenCalledTimes(1);
    expect(alice.queryClient.getQueryState(badgesKey())?.isInvalidated).toBe(false);
  });

  it('a resync refetches the badges', async () => {
    const conversation = newConversation();
    const { alice, listBadges } = await aliceWithBadges();
    await connectAndSubscribe(server, alice, conversation.contexts);
    server.core.faults.closeAllSockets(1012, 'restart');
    await eventually(() => listBadges.mock.calls.length === 2, 8_000);
  });
});
