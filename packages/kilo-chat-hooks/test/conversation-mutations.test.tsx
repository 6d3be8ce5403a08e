import { userCaller } from '@kilocode/kilo-chat-mock-server';
import { useIsMutating } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import { decodeTime } from 'ulid';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  conversationKey,
  conversationsKey,
  createConversationMutationKey,
  messagesKey,
  useConversationDetail,
  useConversations,
  useCreateConversation,
  useLeaveConversation,
  useMarkConversationRead,
  useRenameConversation,
  type ConversationListInfiniteData,
} from '../src/index';
import { eventually } from './support/eventually';
import { createUserSession, startMswServer, type UserSession, type UserSessionOptions } from './support/harness';

describe('conversation mutations (msw face)', () => {
  const server = startMswServer();
  afterAll(() => server.stop());
  let sessions: UserSession[] = [];
  afterEach(() => {
    cleanup();
    for (const session of sessions) session.close();
    sessions = [];
    server.core.faults.reset();
  });

  let sandboxCount = 0;
  /** A fresh sandbox of alice with two conversations, so each test owns its list. */
  function newSandbox() {
    sandboxCount += 1;
    const sandboxId = `mutations-${sandboxCount}`;
    server.core.createSandbox({ id: sandboxId, ownerId: 'alice', label: sandboxId });
    const olderId = server.core.createConversation(userCaller('alice'), { sandboxId, title: 'Older' }).conversationId;
    // The next millisecond, so "Newer" sorts first by time, never by a tie on ids.
    const createdAt = Date.now();
    while (Date.now() === createdAt) {
      // spin (under a millisecond)
    }
    const newerId = server.core.createConversation(userCaller('alice'), { sandboxId, title: 'Newer' }).conversationId;
    server.core.createMessage(userCaller('alice'), { conversationId: newerId, content: [{ type: 'text', text: 'latest' }] });
    return { sandboxId, olderId, newerId };
  }
  async function alice(options: UserSessionOptions = {}): Promise<UserSession> {
    const session = await createUserSession(server, 'alice', options);
    sessions.push(session);
    return session;
  }
  const titles = (s: UserSession, sandboxId: string) =>
    s.queryClient
      .getQueryData<ConversationListInfiniteData>(conversationsKey(sandboxId))
      ?.pages.flatMap((page) => page.conversations.map((c) => c.title));
  const rowOf = (s: UserSession, sandboxId: string, id: string) =>
    s.queryClient
      .getQueryData<ConversationListInfiniteData>(conversationsKey(sandboxId))
      ?.pages.flatMap((page) => page.conversations)
      .find((c) => c.conversationId === id);
  /** Renders the list of `sandboxId` (and waits for it), plus `hook`. */
  async function withList<T>(session: UserSession, sandboxId: string, hook: () => T) {
    const list = vi.spyOn(session.chat, 'listConversations');
    const rendered = renderHook(
      () => {
        const conversations = { ...useConversations(session.chat, sandboxId) };
        return { conversations, hook: hook() };
      },
      { wrapper: session.wrapper },
    );
    await eventually(() => rendered.result.current.conversations.isSuccess);
    return { ...rendered, list };
  }

  describe('useCreateConversation', () => {
    it('inserts the new conversation at the top of the cached list without a refetch', async () => {
      const { sandboxId } = newSandbox();
      const session = await alice();
      const { result, list } = await withList(session, sandboxId, () => useCreateConversation(session.chat));
      const response = await act(() => result.current.hook.mutateAsync({ sandboxId, title: 'Brand new' }));
      expect(titles(session, sandboxId)).toEqual(['Brand new', 'Newer', 'Older']);
      expect(rowOf(session, sandboxId, response.conversationId)).toEqual(response.conversation);
      expect(list).toHaveBeenCalledTimes(1);
      expect(server.core.conversations.has(response.conversationId)).toBe(true);
    });

    it('is tracked under createConversationMutationKey with the caller’s variables, for useIsMutating per sandbox', async () => {
      const { sandboxId } = newSandbox();
      const session = await alice();
      server.core.faults.addLatency(100, 'POST /v1/conversations');
      const { result } = renderHook(
        () => ({
          create: useCreateConversation(session.chat),
          creatingHere: useIsMutating({
            mutationKey: createConversationMutationKey,
            predicate: (mutation) => (mutation.state.variables as { sandboxId?: string } | undefined)?.sandboxId === sandboxId,
          }),
          creatingElsewhere: useIsMutating({
            mutationKey: createConversationMutationKey,
            predicate: (mutation) => (mutation.state.variables as { sandboxId?: string } | undefined)?.sandboxId === 'elsewhere',
          }),
        }),
        { wrapper: session.wrapper },
      );
      act(() => result.current.create.mutate({ sandboxId }));
      await eventually(() => result.current.creatingHere === 1);
      expect(result.current.creatingElsewhere).toBe(0);
      expect(result.current.create.variables).toEqual({ sandboxId });
      await eventually(() => result.current.creatingHere === 0);
    });

    it('a failure calls onError with the API error and leaves the list alone', async () => {
      const { sandboxId } = newSandbox();
      const session = await alice();
      const onError = vi.fn();
      server.core.faults.failNext('POST /v1/conversations', { status: 503, body: { error: 'busy' } });
      const { result } = await withList(session, sandboxId, () => useCreateConversation(session.chat, { onError }));
      act(() => result.current.hook.mutate({ sandboxId, title: 'Nope' }));
      await eventually(() => onError.mock.calls.length === 1);
      expect(onError.mock.calls[0]![0]).toMatchObject({ status: 503, body: { error: 'busy' }, code: 'unavailable' });
      expect(onError.mock.calls[0]![1]).toEqual({ sandboxId, title: 'Nope' });
      expect(titles(session, sandboxId)).toEqual(['Newer', 'Older']);
    });
  });

  describe('useRenameConversation', () => {
    it('shows the new title in the detail and the list at once after success, then refetches them', async () => {
      const { sandboxId, olderId } = newSandbox();
      const session = await alice();
      const { result } = await withList(session, sandboxId, () => ({
        rename: useRenameConversation(session.chat),
        detail: { ...useConversationDetail(session.chat, olderId) },
      }));
      await eventually(() => result.current.hook.detail.isSuccess);
      await act(() => result.current.hook.rename.mutateAsync({ conversationId: olderId, title: ' Roadmap ', sandboxId }));
      expect(session.queryClient.getQueryData<{ title: string }>(conversationKey(olderId))?.title).toBe('Roadmap');
      expect(rowOf(session, sandboxId, olderId)?.title).toBe('Roadmap');
      await eventually(() => result.current.hook.detail.data?.title === 'Roadmap' && !result.current.hook.detail.isFetching);
    });
  });

  describe('useLeaveConversation', () => {
    it('removes the row at once; success drops the detail and messages caches and refreshes the list', async () => {
      const { sandboxId, olderId, newerId } = newSandbox();
      const session = await alice();
      session.queryClient.setQueryData(conversationKey(olderId), { id: olderId, title: 'Older', createdBy: 'alice', createdAt: 1, members: [] });
      session.queryClient.setQueryData(messagesKey(olderId), { pages: [], pageParams: [] });
      server.core.faults.addLatency(80, 'POST /v1/conversations/:id/leave');
      const { result, list } = await withList(session, sandboxId, () => useLeaveConversation(session.chat));
      act(() => result.current.hook.mutate({ conversationId: olderId, sandboxId }));
      await eventually(() => titles(session, sandboxId)?.length === 1);
      expect(rowOf(session, sandboxId, newerId)).toBeDefined();
      await eventually(() => result.current.hook.isSuccess);
      expect(session.queryClient.getQueryState(conversationKey(olderId))).toBeUndefined();
      expect(session.queryClient.getQueryState(messagesKey(olderId))).toBeUndefined();
      await eventually(() => list.mock.calls.length === 2);
      expect(titles(session, sandboxId)).toEqual(['Newer']);
    });

    it('a failure puts the row back at its sorted position and calls onError', async () => {
      const { sandboxId, olderId } = newSandbox();
      const session = await alice();
      const onError = vi.fn();
      server.core.faults.failNext('POST /v1/conversations/:id/leave', { status: 500 });
      const { result, list } = await withList(session, sandboxId, () => useLeaveConversation(session.chat, { onError }));
      act(() => result.current.hook.mutate({ conversationId: olderId, sandboxId }));
      await eventually(() => onError.mock.calls.length === 1);
      expect(list).toHaveBeenCalledTimes(1);
      // The server's own order (activity, then id when two rows share a millisecond).
      const serverOrder = (await session.chat.listConversations({ sandboxId })).conversations.map((c) => c.title);
      expect(serverOrder.slice().sort()).toEqual(['Newer', 'Older']);
      expect(titles(session, sandboxId)).toEqual(serverOrder);
    });
  });

  describe('useMarkConversationRead', () => {
    it("moves lastReadAt to the message's ULID time at once, then to the server's value", async () => {
      const { sandboxId, olderId } = newSandbox();
      const messageId = server.core.seedMessage({ conversationId: olderId, senderId: server.core.botIdOf(sandboxId), text: 'hello' });
      const session = await alice();
      server.core.faults.addLatency(80, 'POST /v1/conversations/:id/mark-read');
      const { result, list } = await withList(session, sandboxId, () => useMarkConversationRead(session.chat));
      expect(rowOf(session, sandboxId, olderId)?.lastReadAt).toBeNull();
      act(() => result.current.hook.mutate({ conversationId: olderId, sandboxId, lastSeenMessageId: messageId }));
      await eventually(() => rowOf(session, sandboxId, olderId)?.lastReadAt === decodeTime(messageId));
      await eventually(() => result.current.hook.isSuccess);
      expect(rowOf(session, sandboxId, olderId)?.lastReadAt).toBe(result.current.hook.data!.lastReadAt);
      expect(list).toHaveBeenCalledTimes(1);
    });

    it('a failure restores the previous marker', async () => {
      const { sandboxId, olderId } = newSandbox();
      const messageId = server.core.seedMessage({ conversationId: olderId, senderId: server.core.botIdOf(sandboxId), text: 'hello' });
      const session = await alice();
      const onError = vi.fn();
      server.core.faults.failNext('POST /v1/conversations/:id/mark-read', { status: 500 });
      const { result } = await withList(session, sandboxId, () => useMarkConversationRead(session.chat, { onError }));
      act(() => result.current.hook.mutate({ conversationId: olderId, sandboxId, lastSeenMessageId: messageId }));
      await eventually(() => onError.mock.calls.length === 1);
      expect(rowOf(session, sandboxId, olderId)?.lastReadAt).toBeNull();
      expect(session.queryClient.getQueryState(conversationsKey(sandboxId))?.isInvalidated).toBe(false);
    });
  });

  describe('W2: one ownership policy for every conversation mutation', () => {
    it('W2: a lock right after mutate() writes nothing optimistically and sends nothing (leave, mark-read)', async () => {
      const { sandboxId, olderId, newerId } = newSandbox();
      const messageId = server.core.seedMessage({ conversationId: olderId, senderId: 'alice', text: 'mine' });
      let locked = false;
      const session = await alice({ chat: { captureOperationAdmission: () => () => {
        if (locked) throw new Error('locked');
      } } });
      const leave = vi.spyOn(session.chat, 'leaveConversation');
      const markRead = vi.spyOn(session.chat, 'markConversationRead');
      const { result } = await withList(session, sandboxId, () => ({ leave: useLeaveConversation(session.chat), read: useMarkConversationRead(session.chat) }));
      const before = session.queryClient.getQueryData(conversationsKey(sandboxId));
      act(() => {
        result.current.hook.leave.mutate({ conversationId: newerId, sandboxId });
        result.current.hook.read.mutate({ conversationId: olderId, sandboxId, lastSeenMessageId: messageId });
        locked = true;
      });
      await eventually(() => result.current.hook.leave.isError && result.current.hook.read.isError);
      expect(result.current.hook.leave.error?.message).toBe('locked');
      expect(session.queryClient.getQueryData(conversationsKey(sandboxId))).toBe(before);
      expect(leave).not.toHaveBeenCalled();
      expect(markRead).not.toHaveBeenCalled();
    });

    it('W2: when canPublish turns false mid-flight, a leave settles nothing for the new owner and mutateAsync rejects', async () => {
      const { sandboxId, olderId } = newSandbox();
      let owner = true;
      const session = await alice({ chat: { canPublish: () => owner } });
      session.queryClient.setQueryData(conversationKey(olderId), { id: olderId, title: 'Older', createdBy: 'alice', createdAt: 1, members: [] });
      session.queryClient.setQueryData(messagesKey(olderId), { pages: [], pageParams: [] });
      server.core.faults.addLatency(100, 'POST /v1/conversations/:id/leave');
      const onError = vi.fn();
      const { result } = await withList(session, sandboxId, () => useLeaveConversation(session.chat, { onError }));
      let outcome: unknown;
      act(() => {
        result.current.hook.mutateAsync({ conversationId: olderId, sandboxId }).then(
          () => (outcome = 'resolved'),
          (error: unknown) => (outcome = error),
        );
      });
      await eventually(() => titles(session, sandboxId)?.length === 1);
      owner = false;
      await eventually(() => outcome !== undefined);
      expect(outcome).toMatchObject({ code: 'not_owner', message: 'Kilo Chat owner is no longer active' });
      // The reference's plain useMutation settled here: it removed the detail and messages and refetched the list.
      expect(session.queryClient.getQueryState(conversationKey(olderId))).toBeDefined();
      expect(session.queryClient.getQueryState(messagesKey(olderId))).toBeDefined();
      expect(session.queryClient.getQueryState(conversationsKey(sandboxId))?.isInvalidated).toBe(false);
      expect(onError).not.toHaveBeenCalled();
    });

    it('W2: a create or rename that fails after the owner changed neither calls onError nor touches the cache', async () => {
      const { sandboxId, olderId } = newSandbox();
      let owner = true;
      const session = await alice({ chat: { canPublish: () => owner } });
      server.core.faults.addLatency(100, 'POST /v1/conversations');
      server.core.faults.failNext('POST /v1/conversations', { status: 500 });
      server.core.faults.addLatency(100, 'PATCH /v1/conversations/:id');
      const onCreateError = vi.fn();
      const onRenameSuccess = vi.fn();
      const { result } = await withList(session, sandboxId, () => ({
        create: useCreateConversation(session.chat, { onError: onCreateError }),
        rename: useRenameConversation(session.chat),
      }));
      act(() => {
        result.current.hook.create.mutate({ sandboxId });
        result.current.hook.rename.mutate({ conversationId: olderId, title: 'Renamed late', sandboxId }, { onSuccess: onRenameSuccess });
      });
      await eventually(() => session.queryClient.isMutating() === 2);
      owner = false;
      await eventually(() => session.queryClient.isMutating() === 0);
      expect(onCreateError).not.toHaveBeenCalled();
      expect(onRenameSuccess).not.toHaveBeenCalled();
      expect(titles(session, sandboxId)).toEqual(['Newer', 'Older']);
      expect(session.queryClient.getQueryState(conversationsKey(sandboxId))?.isInvalidated).toBe(false);
    });
  });
});
