import { KiloChatApiError, type Message } from '@kilocode/kilo-chat';
import { act, renderHook } from '@testing-library/react';
import { ulid } from 'ulid';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  OPTIMISTIC_SENDER_ID,
  messagesKey,
  removeMessageFromCache,
  sendOutboxFor,
  useMessageCacheUpdater,
  useMessages,
  useSendMessage,
  useSendStates,
  type MessageInfiniteData,
  type SendMessageVariables,
} from '../src/index';
import { type UserSession, createUserSession, startMswServer, until } from './support/harness';
import { SEND_MESSAGE, joinConversation, logRequests, seedTeamConversation, user } from './messages-test-kit';

describe('useSendMessage (msw face)', () => {
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

  interface ViewOptions {
    currentUserId?: string | null;
    history?: boolean;
    live?: boolean;
    onError?: (error: Error) => void;
  }

  /** A conversation view: history, live updater, the send hook and the send states. */
  async function mountView(alice: UserSession, conversationId: string, options: ViewOptions = {}) {
    const { currentUserId = 'alice', history = true, live = false, onError } = options;
    const rendered = renderHook(
      () => {
        useMessageCacheUpdater(alice.chat, server.demo.sandboxId, live ? conversationId : null);
        const query = useMessages(alice.chat, conversationId, { enabled: history });
        void [query.data, query.status];
        const send = useSendMessage(alice.chat, conversationId, currentUserId, { onError });
        void [send.status, send.error, send.variables];
        const states = useSendStates(conversationId);
        return { query, send, states };
      },
      { wrapper: alice.wrapper },
    );
    if (history) await until(() => rendered.result.current.query.isSuccess);
    if (live) await joinConversation(server, alice, conversationId);
    return rendered;
  }

  const text = (value: string) => [{ type: 'text' as const, text: value }];
  const variables = (conversationId: string, value = 'hello'): SendMessageVariables => ({ conversationId, content: text(value), clientId: ulid() });
  const cachedRows = (alice: UserSession, conversationId: string): Message[] =>
    alice.queryClient.getQueryData<MessageInfiniteData>(messagesKey(conversationId))?.pages.flatMap((page) => page.messages) ?? [];

  it('D35: send inserts a pending-<clientId> row owned by the current user at the newest position', async () => {
    const { conversationId } = seedTeamConversation(server, 2);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    server.core.faults.addLatency(150, 'POST /v1/messages');
    const vars = variables(conversationId);
    act(() => result.current.send.mutate(vars));
    await until(() => cachedRows(alice, conversationId).length === 3);
    expect(cachedRows(alice, conversationId)[0]).toEqual({
      id: `pending-${vars.clientId}`,
      senderId: 'alice',
      content: vars.content,
      inReplyToMessageId: null,
      replyTo: null,
      updatedAt: null,
      clientUpdatedAt: null,
      deleted: false,
      deliveryFailed: false,
      reactions: [],
    });
    expect(result.current.query.data!.messages.at(-1)!.id).toBe(`pending-${vars.clientId}`);
    expect(result.current.states.get(vars.clientId)).toEqual({ status: 'sending', error: undefined });
    await until(() => result.current.send.isSuccess);
    expect(result.current.states.size).toBe(0);
  });

  it('D36: send with a cold cache seeds a page with just the optimistic row, then invalidates after settlement', async () => {
    const { conversationId } = seedTeamConversation(server, 2);
    const alice = await session();
    const { result } = await mountView(alice, conversationId, { history: false });
    server.core.faults.addLatency(100, 'POST /v1/messages');
    const vars = variables(conversationId);
    act(() => result.current.send.mutate(vars));
    await until(() => cachedRows(alice, conversationId).length === 1);
    expect(cachedRows(alice, conversationId).map((m) => m.id)).toEqual([`pending-${vars.clientId}`]);
    expect(alice.queryClient.getQueryState(messagesKey(conversationId))!.isInvalidated).toBe(false);
    await until(() => result.current.send.isSuccess);
    expect(cachedRows(alice, conversationId).map((m) => m.id)).toEqual([result.current.send.data!.messageId]);
    expect(alice.queryClient.getQueryState(messagesKey(conversationId))!.isInvalidated).toBe(true);
  });

  it('D37: send success replaces the pending row with the server message; the later echo leaves it equal to the server message', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId, { live: true });
    const seen: string[] = [];
    alice.chat.onMessageCreated((_context, event) => seen.push(event.messageId));
    let response: Awaited<ReturnType<typeof result.current.send.mutateAsync>> | undefined;
    await act(async () => {
      response = await result.current.send.mutateAsync(variables(conversationId, '  padded  '));
    });
    await until(() => seen.includes(response!.messageId));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const rows = cachedRows(alice, conversationId);
    expect(rows.map((m) => m.id)).toEqual([response!.messageId, expect.any(String)]);
    expect(rows[0]).toEqual(response!.message);
    expect(rows[0]!.content).toEqual(text('padded'));
    expect(rows.some((m) => m.id.startsWith('pending-'))).toBe(false);
  });

  it('D38: send success with no pending row (it was removed meanwhile) lands the server message in the newest page', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    server.core.faults.addLatency(100, 'POST /v1/messages');
    const vars = variables(conversationId);
    act(() => result.current.send.mutate(vars));
    await until(() => cachedRows(alice, conversationId).length === 2);
    act(() => removeMessageFromCache(alice.queryClient, messagesKey(conversationId), `pending-${vars.clientId}`));
    await until(() => result.current.send.isSuccess);
    expect(cachedRows(alice, conversationId)[0]).toEqual(result.current.send.data!.message);
    expect(cachedRows(alice, conversationId)).toHaveLength(2);
  });

  it('W10 (supersedes D39): a failed send keeps its own row, marked failed; other rows are untouched', async () => {
    const { conversationId } = seedTeamConversation(server, 2);
    const onError = vi.fn();
    const alice = await session();
    const { result } = await mountView(alice, conversationId, { onError });
    const before = cachedRows(alice, conversationId);
    server.core.faults.failNext('POST /v1/messages', { status: 503, body: { error: 'down' } });
    const failing = variables(conversationId, 'will fail');
    const passing = variables(conversationId, 'will pass');
    act(() => {
      result.current.send.mutate(failing);
      result.current.send.mutate(passing);
    });
    await until(() => result.current.states.get(failing.clientId)?.status === 'failed' && result.current.states.size === 1);
    const rows = cachedRows(alice, conversationId);
    expect(rows.map((m) => m.id)).toEqual([expect.any(String), `pending-${failing.clientId}`, before[0]!.id, before[1]!.id]);
    expect(rows[0]!.content).toEqual(text('will pass'));
    expect(rows[1]!.content).toEqual(text('will fail'));
    expect(rows[2]).toBe(before[0]);
    expect(rows[3]).toBe(before[1]);
    const state = result.current.states.get(failing.clientId)!;
    expect(state.error).toBeInstanceOf(KiloChatApiError);
    expect((state.error as KiloChatApiError).status).toBe(503);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('W10: retry resends the same variables with the same clientId, and the stored message replaces the failed row', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    const log = logRequests(server);
    server.core.faults.failNext('POST /v1/messages', { status: 500 });
    const vars = variables(conversationId, 'again');
    act(() => result.current.send.mutate(vars));
    await until(() => result.current.states.get(vars.clientId)?.status === 'failed');
    let retried = false;
    act(() => {
      retried = result.current.send.retry(vars.clientId);
    });
    expect(retried).toBe(true);
    await until(() => result.current.send.isSuccess);
    await until(() => log.requests.filter((r) => SEND_MESSAGE.test(r.path)).every((r) => r.body !== undefined));
    const posts = log.requests.filter((r) => r.method === 'POST' && SEND_MESSAGE.test(r.path));
    expect(posts.map((r) => r.body)).toEqual([vars, vars]);
    expect(cachedRows(alice, conversationId).map((m) => m.id)).toEqual([result.current.send.data!.messageId, expect.any(String)]);
    expect(result.current.states.size).toBe(0);
    // Nothing left to retry.
    expect(result.current.send.retry(vars.clientId)).toBe(false);
    log.stop();
  });

  it('W10: discard drops a failed send’s row and state; running sends cannot be discarded', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    server.core.faults.failNext('POST /v1/messages', { status: 500 });
    const vars = variables(conversationId);
    act(() => result.current.send.mutate(vars));
    await until(() => result.current.states.get(vars.clientId)?.status === 'failed');
    let discarded = false;
    act(() => {
      discarded = result.current.send.discard(vars.clientId);
    });
    expect(discarded).toBe(true);
    await until(() => result.current.states.size === 0);
    expect(cachedRows(alice, conversationId)).toHaveLength(1);
    expect(result.current.send.discard(vars.clientId)).toBe(false);
  });

  it('W10: after the echo of a send the server did store, retry does not post it twice', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId, { live: true });
    const log = logRequests(server);
    server.core.faults.failNext('POST /v1/messages', { status: 504 });
    const vars = variables(conversationId, 'stored after all');
    act(() => result.current.send.mutate(vars));
    await until(() => result.current.states.get(vars.clientId)?.status === 'failed');
    // The request had in fact reached the server (a lost response): its echo arrives.
    const stored = server.core.createMessage(user('alice'), { conversationId, content: vars.content, clientId: vars.clientId });
    await until(() => result.current.states.size === 0);
    expect(cachedRows(alice, conversationId)[0]).toEqual(stored.message);
    expect(result.current.send.retry(vars.clientId)).toBe(false);
    expect(log.count('POST', SEND_MESSAGE)).toBe(1);
    log.stop();
  });

  it('D40: the request body is exactly the variables (clientId included); per-call onSuccess receives the variables', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    const log = logRequests(server);
    const vars: SendMessageVariables = { ...variables(conversationId, 'reply'), inReplyToMessageId: messageIds[0]! };
    const onSuccess = vi.fn();
    act(() => result.current.send.mutate(vars, { onSuccess }));
    await until(() => onSuccess.mock.calls.length === 1);
    await until(() => log.requests.some((r) => r.body !== undefined));
    expect(log.requests.find((r) => r.method === 'POST' && SEND_MESSAGE.test(r.path))!.body).toEqual(vars);
    expect(onSuccess.mock.calls[0]![1]).toBe(vars);
    expect(result.current.send.variables).toBe(vars);
    log.stop();
  });

  it('D41: API errors surface as errors carrying status and body', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId);
    server.core.faults.failNext('POST /v1/messages', { status: 400, body: { error: 'Invalid request', issues: [] } });
    const outcome = await act(() => result.current.send.mutateAsync(variables(conversationId)).catch((error: unknown) => error));
    expect(outcome).toBeInstanceOf(KiloChatApiError);
    expect(outcome).toMatchObject({ status: 400, body: { error: 'Invalid request', issues: [] } });
    await until(() => result.current.send.isError);
    expect(result.current.send.error).toBe(outcome);
  });

  it('D42: if admission goes stale during the optimistic wait, the send rejects with the lease error, sends nothing and leaves the cache as it was', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
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
    const outcome = await act(() => result.current.send.mutateAsync(variables(conversationId)).catch((error: unknown) => error));
    expect((outcome as Error).message).toBe('stale admission');
    await until(() => result.current.send.isError);
    expect(log.count('POST', SEND_MESSAGE)).toBe(0);
    expect(alice.queryClient.getQueryData(messagesKey(conversationId))).toBe(before);
    expect(sendOutboxFor(alice.queryClient).entries()).toEqual([]);
    log.stop();
  });

  it('D43: if the owner switches during the optimistic wait, nothing is inserted and mutateAsync rejects with "owner is no longer active"', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    let owner = true;
    const alice = await session({ chat: { canPublish: () => owner } });
    const { result } = await mountView(alice, conversationId);
    const before = alice.queryClient.getQueryData(messagesKey(conversationId));
    const cancel = alice.queryClient.cancelQueries.bind(alice.queryClient);
    vi.spyOn(alice.queryClient, 'cancelQueries').mockImplementation((...args) => {
      owner = false;
      return cancel(...args);
    });
    const outcome = await act(() => result.current.send.mutateAsync(variables(conversationId)).catch((error: unknown) => error));
    expect((outcome as Error).message).toBe('Kilo Chat owner is no longer active');
    expect(alice.queryClient.getQueryData(messagesKey(conversationId))).toBe(before);
  });

  it('D44: if the owner switches after the optimistic insert and the request then fails, the new owner’s cache is neither rolled back nor invalidated', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    let owner = true;
    const onError = vi.fn();
    const alice = await session({ chat: { canPublish: () => owner } });
    const { result } = await mountView(alice, conversationId, { onError });
    const log = logRequests(server);
    server.core.faults.addLatency(100, 'POST /v1/messages');
    server.core.faults.failNext('POST /v1/messages', { status: 500 });
    const vars = variables(conversationId);
    act(() => result.current.send.mutate(vars));
    await until(() => log.count('POST', SEND_MESSAGE) === 1);
    owner = false;
    await until(() => result.current.send.isError);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(cachedRows(alice, conversationId)[0]!.id).toBe(`pending-${vars.clientId}`);
    expect(alice.queryClient.getQueryState(messagesKey(conversationId))!.isInvalidated).toBe(false);
    expect(onError).not.toHaveBeenCalled();
    log.stop();
  });

  it('W11: the optimistic row is written even when currentUserId is null, with a placeholder sender the stored message replaces', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountView(alice, conversationId, { currentUserId: null });
    server.core.faults.addLatency(100, 'POST /v1/messages');
    const vars = variables(conversationId);
    act(() => result.current.send.mutate(vars));
    await until(() => cachedRows(alice, conversationId).length === 2);
    expect(cachedRows(alice, conversationId)[0]).toMatchObject({ id: `pending-${vars.clientId}`, senderId: OPTIMISTIC_SENDER_ID });
    await until(() => result.current.send.isSuccess);
    expect(cachedRows(alice, conversationId)[0]).toMatchObject({ id: result.current.send.data!.messageId, senderId: 'alice' });
  });
});
