import type { Message } from '@kilocode/kilo-chat';
import { act, renderHook } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  getReactionOperationTracker,
  messagesKey,
  reactionTrackerFor,
  useAddReaction,
  useDeleteMessage,
  useEditMessage,
  useExecuteAction,
  useMessageCacheUpdater,
  useMessages,
  useRedeliverMessage,
  useRemoveReaction,
  type MessageInfiniteData,
} from '../src/index';
import { type UserSession, createUserSession, startMswServer, until } from './support/harness';
import { LIST_MESSAGES, approval, bot, joinConversation, logRequests, seedTeamConversation, user } from './messages-test-kit';

describe('message row mutations (msw face)', () => {
  const server = startMswServer();
  const sessions: UserSession[] = [];
  afterAll(() => server.stop());
  afterEach(() => {
    while (sessions.length > 0) sessions.pop()!.close();
    server.core.faults.reset();
  });

  async function session(options: Parameters<typeof createUserSession>[2] = {}) {
    const created = await createUserSession(server, 'alice', options);
    sessions.push(created);
    return created;
  }

  /** A conversation view with every row mutation of alice. */
  async function mountView(alice: UserSession, conversationId: string, live = false) {
    const rendered = renderHook(
      () => {
        useMessageCacheUpdater(alice.chat, server.demo.sandboxId, live ? conversationId : null);
        const query = useMessages(alice.chat, conversationId);
        void [query.data, query.status];
        const mutations = {
          edit: useEditMessage(alice.chat, conversationId),
          remove: useDeleteMessage(alice.chat, conversationId),
          redeliver: useRedeliverMessage(alice.chat, conversationId),
          react: useAddReaction(alice.chat, conversationId, 'alice'),
          unreact: useRemoveReaction(alice.chat, conversationId, 'alice'),
          execute: useExecuteAction(alice.chat, conversationId, 'alice'),
        };
        for (const mutation of Object.values(mutations)) void [mutation.status, mutation.error];
        return { query, ...mutations };
      },
      { wrapper: alice.wrapper },
    );
    await until(() => rendered.result.current.query.isSuccess);
    if (live) await joinConversation(server, alice, conversationId);
    return rendered;
  }

  const rowIn = (alice: UserSession, conversationId: string, messageId: string): Message | undefined =>
    alice.queryClient
      .getQueryData<MessageInfiniteData>(messagesKey(conversationId))
      ?.pages.flatMap((page) => page.messages)
      .find((message) => message.id === messageId);
  const text = (value: string) => [{ type: 'text' as const, text: value }];
  const serverRow = (conversationId: string, messageId: string) =>
    server.core.listMessages(user('alice'), conversationId, { limit: 100 }).messages.find((m: Message) => m.id === messageId);

  it('D45 + W13: edit writes content and clientUpdatedAt = timestamp at once; delete marks the row deleted at once and blanks its content', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 2);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    server.core.faults.addLatency(100, '/v1/messages/:id');
    act(() => {
      result.current.edit.mutate({ messageId: messageIds[0]!, conversationId, content: text('edited'), timestamp: 1_234 });
      result.current.remove.mutate({ messageId: messageIds[1]!, conversationId });
    });
    await until(() => rowIn(alice, conversationId, messageIds[1]!)!.deleted);
    expect(rowIn(alice, conversationId, messageIds[0]!)).toMatchObject({ content: text('edited'), clientUpdatedAt: 1_234 });
    expect(rowIn(alice, conversationId, messageIds[1]!)).toMatchObject({ deleted: true, content: [] });
    await until(() => result.current.edit.isSuccess && result.current.remove.isSuccess);
    expect(serverRow(conversationId, messageIds[0]!)).toMatchObject({ content: text('edited'), clientUpdatedAt: 1_234 });
    expect(serverRow(conversationId, messageIds[1]!)).toMatchObject({ deleted: true, content: [] });
    expect(rowIn(alice, conversationId, messageIds[1]!)).toMatchObject({ deleted: true, content: [] });
  });

  it('D46: an edit conflict (409) restores the original row and invalidates the messages query', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    const original = rowIn(alice, conversationId, messageIds[0]!)!;
    // Another device of alice's edited first with a later clock; this cache has not heard of it.
    server.core.editMessage(user('alice'), messageIds[0]!, { conversationId, content: text('from the phone'), timestamp: 5_000 });
    const log = logRequests(server);
    const invalidate = vi.spyOn(alice.queryClient, 'invalidateQueries');
    act(() => result.current.edit.mutate({ messageId: messageIds[0]!, conversationId, content: text('from the laptop'), timestamp: 1_000 }));
    await until(() => result.current.edit.isError);
    expect(result.current.edit.error).toMatchObject({ status: 409, code: 'edit_conflict' });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: messagesKey(conversationId) });
    await until(() => log.count('GET', LIST_MESSAGES) === 1);
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.clientUpdatedAt === 5_000);
    expect(rowIn(alice, conversationId, messageIds[0]!)!.content).toEqual(text('from the phone'));
    expect(original.content).toEqual(text('m1'));
    log.stop();
  });

  it('D47: a failed delete restores the snapshot while the row still shows the delete', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    const snapshot = rowIn(alice, conversationId, messageIds[0]!)!;
    const log = logRequests(server);
    server.core.faults.failNext('DELETE /v1/messages/:id', { status: 500 });
    act(() => result.current.remove.mutate({ messageId: messageIds[0]!, conversationId }));
    await until(() => result.current.remove.isError);
    expect(rowIn(alice, conversationId, messageIds[0]!)).toBe(snapshot);
    expect(log.count('GET', LIST_MESSAGES)).toBe(0);
    log.stop();
  });

  it('D47: when an event changed the row meanwhile, a failed reaction is not rolled back over it; the query is refetched', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId, true);
    const log = logRequests(server);
    server.core.faults.addLatency(120, 'POST /v1/messages/:id/reactions');
    server.core.faults.failNext('POST /v1/messages/:id/reactions', { status: 500 });
    act(() => result.current.react.mutate({ messageId: messageIds[0]!, emoji: '👍' }));
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.reactions.length === 1);
    server.core.editMessage(user('alice'), messageIds[0]!, { conversationId, content: text('edited meanwhile'), timestamp: 10 });
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.clientUpdatedAt === 10);
    await until(() => result.current.react.isError);
    await until(() => log.count('GET', LIST_MESSAGES) === 1);
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.reactions.length === 0);
    expect(rowIn(alice, conversationId, messageIds[0]!)).toEqual(serverRow(conversationId, messageIds[0]!));
    log.stop();
  });

  it('D48: redeliver changes nothing until success, then clears the failure flag', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    server.core.reportMessageDeliveryFailed(bot(server), conversationId, messageIds[0]!);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    expect(rowIn(alice, conversationId, messageIds[0]!)!.deliveryFailed).toBe(true);
    server.core.faults.addLatency(80, 'POST /v1/conversations/:cid/messages/:mid/redeliver');
    act(() => result.current.redeliver.mutate({ messageId: messageIds[0]! }));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(rowIn(alice, conversationId, messageIds[0]!)!.deliveryFailed).toBe(true);
    await until(() => result.current.redeliver.isSuccess);
    expect(rowIn(alice, conversationId, messageIds[0]!)!.deliveryFailed).toBe(false);
  });

  it('D49: execute action marks the group resolved by the current user at once; success replaces the content with the server’s', async () => {
    const { conversationId } = seedTeamConversation(server);
    const posted = server.core.createMessage(bot(server), { conversationId, content: [...text('Deploy?'), approval('g1')] });
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    server.core.faults.addLatency(100, 'POST /v1/conversations/:cid/messages/:mid/execute-action');
    const before = Date.now();
    act(() => result.current.execute.mutate({ messageId: posted.messageId, groupId: 'g1', value: 'allow-once' }));
    await until(() => (rowIn(alice, conversationId, posted.messageId)!.content[1] as { resolved?: unknown }).resolved !== undefined);
    const optimistic = rowIn(alice, conversationId, posted.messageId)!.content[1] as { resolved: { value: string; resolvedBy: string; resolvedAt: number } };
    expect(optimistic.resolved).toMatchObject({ value: 'allow-once', resolvedBy: 'alice' });
    expect(optimistic.resolved.resolvedAt).toBeGreaterThanOrEqual(before);
    await until(() => result.current.execute.isSuccess);
    expect(rowIn(alice, conversationId, posted.messageId)!.content).toEqual(result.current.execute.data!.content);
    expect(rowIn(alice, conversationId, posted.messageId)!.content).toEqual(serverRow(conversationId, posted.messageId)!.content);
  });

  it('D50: already_resolved keeps a foreign resolution already in cache and does not refetch', async () => {
    const { conversationId } = seedTeamConversation(server);
    const posted = server.core.createMessage(bot(server), { conversationId, content: [...text('Deploy?'), approval('g1')] });
    const alice = await session();
    const { result } = await mountView(alice, conversationId, true);
    const log = logRequests(server);
    server.core.faults.addLatency(100, 'POST /v1/conversations/:cid/messages/:mid/execute-action');
    act(() => result.current.execute.mutate({ messageId: posted.messageId, groupId: 'g1', value: 'allow-once' }));
    await until(() => log.requests.some((r) => r.path.endsWith('/execute-action')));
    // Bob answers first; his resolution reaches alice's cache while her request waits.
    server.core.executeAction(user('bob'), conversationId, posted.messageId, { groupId: 'g1', value: 'deny' });
    const group = () => rowIn(alice, conversationId, posted.messageId)!.content[1] as { resolved?: { resolvedBy: string; value: string } };
    await until(() => group().resolved?.resolvedBy === 'bob');
    await until(() => result.current.execute.isError);
    expect(result.current.execute.error).toMatchObject({ status: 409 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(group().resolved).toMatchObject({ resolvedBy: 'bob', value: 'deny' });
    expect(log.count('GET', LIST_MESSAGES)).toBe(0);
    log.stop();
  });

  it('D50: already_resolved refetches when the row still shows our own answer, and then shows the real one', async () => {
    const { conversationId } = seedTeamConversation(server);
    const posted = server.core.createMessage(bot(server), { conversationId, content: [...text('Deploy?'), approval('g1')] });
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    server.core.executeAction(user('bob'), conversationId, posted.messageId, { groupId: 'g1', value: 'deny' });
    const log = logRequests(server);
    act(() => result.current.execute.mutate({ messageId: posted.messageId, groupId: 'g1', value: 'allow-once' }));
    await until(() => result.current.execute.isError);
    await until(() => log.count('GET', LIST_MESSAGES) === 1);
    const group = () => rowIn(alice, conversationId, posted.messageId)!.content[1] as { resolved?: { resolvedBy: string } };
    await until(() => group().resolved?.resolvedBy === 'bob');
    log.stop();
  });

  it('D42 (approve): if admission goes stale during the optimistic wait, execute action rejects with the lease error, sends nothing and leaves the cache as it was', async () => {
    const { conversationId } = seedTeamConversation(server);
    const posted = server.core.createMessage(bot(server), { conversationId, content: [...text('Deploy?'), approval('g1')] });
    let epoch = 0;
    const alice = await session({
      chat: {
        captureOperationAdmission: () => {
          const captured = epoch;
          return () => {
            if (captured !== epoch) throw new Error('stale admission');
          };
        },
      },
    });
    const { result } = await mountView(alice, conversationId);
    const before = alice.queryClient.getQueryData(messagesKey(conversationId));
    const cancel = alice.queryClient.cancelQueries.bind(alice.queryClient);
    vi.spyOn(alice.queryClient, 'cancelQueries').mockImplementation((...args) => {
      epoch++;
      return cancel(...args);
    });
    const log = logRequests(server);
    const outcome = await act(() =>
      result.current.execute.mutateAsync({ messageId: posted.messageId, groupId: 'g1', value: 'allow-once' }).catch((error: unknown) => error),
    );
    expect((outcome as Error).message).toBe('stale admission');
    await until(() => result.current.execute.isError);
    expect(log.requests.some((r) => r.path.endsWith('/execute-action'))).toBe(false);
    expect(alice.queryClient.getQueryData(messagesKey(conversationId))).toBe(before);
    log.stop();
  });

  it('mutations that need a conversation reject with code invalid_argument when it is null, and send nothing', async () => {
    const alice = await session();
    const log = logRequests(server);
    const { result } = renderHook(
      () => ({ redeliver: useRedeliverMessage(alice.chat, null), react: useAddReaction(alice.chat, null, 'alice') }),
      { wrapper: alice.wrapper },
    );
    const failure = await act(() => result.current.redeliver.mutateAsync({ messageId: 'x' }).catch((error: unknown) => error));
    expect(failure).toMatchObject({ code: 'invalid_argument', message: 'useRedeliverMessage called without a conversation id' });
    const other = await act(() => result.current.react.mutateAsync({ messageId: 'x', emoji: '👍' }).catch((error: unknown) => error));
    expect(other).toMatchObject({ code: 'invalid_argument' });
    expect(log.requests).toHaveLength(0);
    log.stop();
  });

  it('reactions: add and remove show at once and settle on the server’s state', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    act(() => result.current.react.mutate({ messageId: messageIds[0]!, emoji: '🚀' }));
    expect(rowIn(alice, conversationId, messageIds[0]!)!.reactions).toEqual([]);
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.reactions.length === 1);
    await until(() => result.current.react.isSuccess);
    expect(rowIn(alice, conversationId, messageIds[0]!)!.reactions).toEqual(serverRow(conversationId, messageIds[0]!)!.reactions);
    act(() => result.current.unreact.mutate({ messageId: messageIds[0]!, emoji: '🚀' }));
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.reactions.length === 0);
    await until(() => result.current.unreact.isSuccess);
    expect(serverRow(conversationId, messageIds[0]!)!.reactions).toEqual([]);
  });

  it('C32 + W4 (hooks): after our removal, an older delayed reaction.added cannot undo it; the ordering lives in this QueryClient’s tracker', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    const added = server.core.addReaction(user('alice'), messageIds[0]!, { conversationId, emoji: '👍' });
    const alice = await session();
    const { result } = await mountView(alice, conversationId, true);
    expect(rowIn(alice, conversationId, messageIds[0]!)!.reactions).toHaveLength(1);
    act(() => result.current.unreact.mutate({ messageId: messageIds[0]!, emoji: '👍' }));
    await until(() => result.current.unreact.isSuccess);
    expect(reactionTrackerFor(alice.queryClient, conversationId).size).toBe(1);
    expect(getReactionOperationTracker(conversationId).size).toBe(0);
    // The add's event, delayed on the network, arrives after the removal.
    const seen: string[] = [];
    alice.chat.onReactionAdded((_context, event) => seen.push(event.operationId));
    const conversation = server.core.conversations.get(conversationId)!;
    server.core.pushToConversation(conversation, 'reaction.added', { messageId: messageIds[0]!, operationId: added.id, memberId: 'alice', emoji: '👍' });
    await until(() => seen.length === 1);
    expect(rowIn(alice, conversationId, messageIds[0]!)!.reactions).toEqual([]);
  });
});
