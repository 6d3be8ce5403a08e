import { kiloclawInstanceContext } from '@kilocode/event-service';
import type { ConversationDetailResponse } from '@kilocode/kilo-chat';
import { userCaller } from '@kilocode/kilo-chat-mock-server';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  conversationKey,
  conversationsKey,
  messagesKey,
  registerConversationListCacheHandlers,
  sendOutboxFor,
  useConversationDetail,
  useConversationListCache,
  useConversations,
  type ConversationListInfiniteData,
} from '../src/index';
import { eventually } from './support/eventually';
import { connectAndSubscribe, createUserSession, startMswServer, type UserSession } from './support/harness';

const text = (value: string) => [{ type: 'text' as const, text: value }];

describe('conversation list cache: live events (msw face)', () => {
  const server = startMswServer();
  afterAll(() => server.stop());
  let sessions: UserSession[] = [];
  const offs: Array<() => void> = [];
  afterEach(() => {
    cleanup();
    for (const off of offs.splice(0)) off();
    for (const session of sessions) session.close();
    sessions = [];
  });

  let sandboxCount = 0;
  /** A fresh sandbox of alice with one conversation of alice and bob, so each test owns its list. */
  function newSandbox(): { sandboxId: string; context: string; sharedId: string } {
    sandboxCount += 1;
    const sandboxId = `list-cache-${sandboxCount}`;
    server.core.createSandbox({ id: sandboxId, ownerId: 'alice', label: sandboxId });
    const sharedId = server.core.seedConversation({ sandboxId, userIds: ['alice', 'bob'], title: 'Shared' });
    return { sandboxId, context: kiloclawInstanceContext(sandboxId), sharedId };
  }
  async function session(userId: string): Promise<UserSession> {
    const created = await createUserSession(server, userId);
    sessions.push(created);
    return created;
  }
  const rows = (s: UserSession, sandboxId: string | null) =>
    s.queryClient.getQueryData<ConversationListInfiniteData>(conversationsKey(sandboxId))?.pages.flatMap((page) => page.conversations) ?? [];

  /** Alice with the list of `sandboxId` loaded and kept live, connected and subscribed. */
  async function aliceWithLiveList(sandboxId: string, activeConversationId: string | null = null) {
    const alice = await session('alice');
    const list = vi.spyOn(alice.chat, 'listConversations');
    const rendered = renderHook(
      ({ active }) => {
        useConversationListCache(alice.chat, alice.events, { sandboxId, currentUserId: 'alice', activeConversationId: active });
        // Spread: read every field during render, so TanStack re-renders on any change the test later looks at.
        return { ...useConversations(alice.chat, sandboxId) };
      },
      { wrapper: alice.wrapper, initialProps: { active: activeConversationId } },
    );
    await eventually(() => rendered.result.current.isSuccess);
    await connectAndSubscribe(server, alice, [kiloclawInstanceContext(sandboxId)]);
    return { alice, list, ...rendered };
  }

  it('conversation.created inserts the row at its sorted position without a refetch', async () => {
    const { sandboxId } = newSandbox();
    const { alice, list, result } = await aliceWithLiveList(sandboxId);
    const { conversationId } = server.core.createConversation(userCaller('alice'), { sandboxId, title: 'Fresh' });
    await eventually(() => result.current.data?.conversations[0]?.conversationId === conversationId);
    expect(result.current.data!.conversations.map((c) => c.title)).toEqual(['Fresh', 'Shared']);
    expect(list).toHaveBeenCalledTimes(1);
    expect(alice.queryClient.getQueryState(conversationsKey(sandboxId))?.isInvalidated).toBe(false);
  });

  it("conversation.renamed patches the row's title and the cached detail", async () => {
    const { sandboxId, sharedId } = newSandbox();
    const { alice, result } = await aliceWithLiveList(sandboxId);
    const detail = renderHook(() => ({ ...useConversationDetail(alice.chat, sharedId) }), { wrapper: alice.wrapper });
    await eventually(() => detail.result.current.isSuccess);
    server.core.renameConversation(userCaller('bob'), sharedId, 'Renamed by Bob');
    await eventually(() => result.current.data?.conversations[0]?.title === 'Renamed by Bob');
    await eventually(() => detail.result.current.data?.title === 'Renamed by Bob');
  });

  it('W8: a conversation.left event removes the row and drops the detail, messages and outbox entries, like the leave mutation', async () => {
    const { sandboxId, sharedId } = newSandbox();
    const { alice, result } = await aliceWithLiveList(sandboxId);
    alice.queryClient.setQueryData<ConversationDetailResponse>(conversationKey(sharedId), {
      id: sharedId,
      title: 'Shared',
      createdBy: 'alice',
      createdAt: 1,
      members: [],
    });
    alice.queryClient.setQueryData(messagesKey(sharedId), { pages: [{ messages: [], hasMore: false, nextCursor: null }], pageParams: [undefined] });
    const outbox = sendOutboxFor(alice.queryClient);
    const clientId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const content = [{ type: 'text' as const, text: 'unsent' }];
    outbox.track({ clientId, conversationId: sharedId, variables: { conversationId: sharedId, clientId, content }, message: { id: `pending-${clientId}`, senderId: 'alice', content, inReplyToMessageId: null, replyTo: null, updatedAt: null, clientUpdatedAt: null, deleted: false, deliveryFailed: false, reactions: [] } });
    // Alice leaves on another device: only her sockets get conversation.left.
    server.core.leaveConversation(userCaller('alice'), sharedId);
    await eventually(() => result.current.data?.conversations.length === 0);
    expect(alice.queryClient.getQueryState(conversationKey(sharedId))).toBeUndefined();
    expect(alice.queryClient.getQueryState(messagesKey(sharedId))).toBeUndefined();
    // A send to a conversation the user left can never be retried: its outbox entry goes too.
    expect(outbox.entries(sharedId)).toEqual([]);
  });

  it('conversation.read moves the current user’s own marker forward', async () => {
    const { sandboxId, sharedId } = newSandbox();
    const messageId = server.core.seedMessage({ conversationId: sharedId, senderId: 'bob', text: 'hello' });
    const { result } = await aliceWithLiveList(sandboxId);
    expect(result.current.data!.conversations[0]!.lastReadAt).toBeNull();
    const { lastReadAt } = server.core.markRead(userCaller('alice'), sharedId, messageId);
    await eventually(() => result.current.data?.conversations[0]?.lastReadAt === lastReadAt);
  });

  it("conversation.read of another member is ignored", async () => {
    const { sandboxId, sharedId, context } = newSandbox();
    const alice = await session('alice');
    alice.queryClient.setQueryData<ConversationListInfiniteData>(conversationsKey(sandboxId), {
      pages: [{ conversations: [{ conversationId: sharedId, title: 'Shared', lastActivityAt: null, lastReadAt: null, joinedAt: 1 }], hasMore: false, nextCursor: null }],
      pageParams: [null],
    });
    offs.push(
      registerConversationListCacheHandlers({
        currentUserId: 'alice',
        eventService: alice.events,
        kiloChatClient: alice.chat,
        queryClient: alice.queryClient,
        queryKey: conversationsKey(sandboxId),
        sandboxId,
      }),
    );
    await connectAndSubscribe(server, alice, [context]);
    server.core.events.push('alice', context, 'conversation.read', { conversationId: sharedId, memberId: 'bob', lastReadAt: 5 });
    server.core.events.push('alice', context, 'conversation.read', { conversationId: sharedId, memberId: 'alice', lastReadAt: 7 });
    await eventually(() => rows(alice, sandboxId)[0]?.lastReadAt === 7);
  });

  it('E71: activity for a non-active conversation invalidates its messages cache; activity for the active one does not', async () => {
    const { sandboxId, sharedId } = newSandbox();
    const otherId = server.core.seedConversation({ sandboxId, userIds: ['alice', 'bob'], title: 'Other' });
    const { alice, result } = await aliceWithLiveList(sandboxId, sharedId);
    const empty = { pages: [{ messages: [], hasMore: false, nextCursor: null }], pageParams: [undefined] };
    alice.queryClient.setQueryData(messagesKey(sharedId), empty);
    alice.queryClient.setQueryData(messagesKey(otherId), empty);
    server.core.createMessage(userCaller('bob'), { conversationId: sharedId, content: text('to the active one') });
    server.core.createMessage(userCaller('bob'), { conversationId: otherId, content: text('to the other one') });
    await eventually(() => alice.queryClient.getQueryState(messagesKey(otherId))?.isInvalidated === true);
    await eventually(() => result.current.data?.conversations.every((c) => c.lastActivityAt !== null) === true);
    expect(alice.queryClient.getQueryState(messagesKey(sharedId))?.isInvalidated).toBe(false);
    // The most recently active conversation is listed first.
    expect(result.current.data!.conversations[0]!.conversationId).toBe(otherId);
  });

  it('changing the active conversation or re-rendering never re-registers the handlers', async () => {
    const { sandboxId, sharedId } = newSandbox();
    const alice = await session('alice');
    const created = vi.spyOn(alice.chat, 'onConversationCreated');
    const { rerender } = renderHook(
      ({ active }) => useConversationListCache(alice.chat, alice.events, { sandboxId, currentUserId: 'alice', activeConversationId: active }),
      { wrapper: alice.wrapper, initialProps: { active: null as string | null } },
    );
    rerender({ active: sharedId });
    rerender({ active: null });
    expect(created).toHaveBeenCalledTimes(1);
  });

  it('E70: a resync (reconnect) invalidates the registered list, which refetches', async () => {
    const { sandboxId } = newSandbox();
    const { list } = await aliceWithLiveList(sandboxId);
    expect(list).toHaveBeenCalledTimes(1);
    server.core.faults.closeAllSockets(1012, 'restart');
    await eventually(() => list.mock.calls.length === 2, 8_000);
  });

  it('W7: a null sandbox accepts no event without the explicit allSandboxes opt-in', async () => {
    const { sandboxId, context } = newSandbox();
    const alice = await session('alice');
    alice.queryClient.setQueryData<ConversationListInfiniteData>(conversationsKey(null), {
      pages: [{ conversations: [], hasMore: false, nextCursor: null }],
      pageParams: [null],
    });
    offs.push(
      registerConversationListCacheHandlers({
        currentUserId: 'alice',
        eventService: alice.events,
        kiloChatClient: alice.chat,
        queryClient: alice.queryClient,
        queryKey: conversationsKey(null),
        sandboxId: null,
      }),
    );
    await connectAndSubscribe(server, alice, [context]);
    const { conversationId } = server.core.createConversation(userCaller('alice'), { sandboxId, title: 'Not for the null list' });
    // Wait for the event to reach the client, then check it was not applied.
    await eventually(() => server.core.events.history.some((e) => e.event === 'conversation.created' && (e.payload as { conversationId: string }).conversationId === conversationId && e.delivered));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(rows(alice, null)).toEqual([]);
    expect(alice.queryClient.getQueryState(conversationsKey(null))?.isInvalidated).toBe(false);
  });

  it('W7: with sandboxId null and allSandboxes, the cross-sandbox list follows every sandbox', async () => {
    const first = newSandbox();
    const second = newSandbox();
    const alice = await session('alice');
    alice.queryClient.setQueryData<ConversationListInfiniteData>(conversationsKey(null), {
      pages: [{ conversations: [], hasMore: false, nextCursor: null }],
      pageParams: [null],
    });
    const { result } = renderHook(
      () => useConversationListCache(alice.chat, alice.events, { sandboxId: null, allSandboxes: true, currentUserId: 'alice' }),
      { wrapper: alice.wrapper },
    );
    expect(result.current).toBeUndefined();
    await connectAndSubscribe(server, alice, [first.context, second.context]);
    const a = server.core.createConversation(userCaller('alice'), { sandboxId: first.sandboxId, title: 'A' });
    const b = server.core.createConversation(userCaller('alice'), { sandboxId: second.sandboxId, title: 'B' });
    await eventually(() => rows(alice, null).length === 2);
    expect(rows(alice, null).map((c) => c.conversationId).sort()).toEqual([a.conversationId, b.conversationId].sort());
  });

  it('useConversationListCache holds a reference on the instance context while mounted (ref-counted)', async () => {
    const { sandboxId, context } = newSandbox();
    const alice = await session('alice');
    alice.events.subscribe([context]);
    const { unmount } = renderHook(() => useConversationListCache(alice.chat, alice.events, { sandboxId, currentUserId: 'alice' }), {
      wrapper: alice.wrapper,
    });
    expect(alice.events.activeContexts()).toContain(context);
    unmount();
    await Promise.resolve(); // a hook's release waits one microtask (StrictMode remounts adopt it)
    expect(alice.events.activeContexts()).toContain(context);
    alice.events.unsubscribe([context]);
    expect(alice.events.activeContexts()).not.toContain(context);
  });
});
