import type { KiloChatClient } from '@kilocode/kilo-chat';
import { act, renderHook } from '@testing-library/react';
import { focusManager } from '@tanstack/react-query';
import { ulid } from 'ulid';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGES_STALE_TIME_MS, messagesInfiniteQueryOptions, messagesKey, sendOutboxFor, useMessages, type MessagesQueryOverrides } from '../src/index';
import { createUserSession, startMswServer, until, type UserSession } from './support/harness';
import { LIST_MESSAGES, logRequests, seedTeamConversation } from './messages-test-kit';

describe('useMessages (msw face)', () => {
  const server = startMswServer();
  const sessions: UserSession[] = [];
  afterAll(() => server.stop());
  afterEach(() => {
    while (sessions.length > 0) sessions.pop()!.close();
    vi.useRealTimers();
  });

  async function alice(options: Parameters<typeof createUserSession>[2] = {}) {
    const session = await createUserSession(server, 'alice', options);
    sessions.push(session);
    return session;
  }

  function render(session: UserSession, conversationId: string | null, overrides?: MessagesQueryOverrides, client: KiloChatClient = session.chat) {
    return renderHook(
      ({ id }: { id: string | null }) => {
        const query = useMessages(client, id, overrides);
        // Read what a list component reads while rendering (TanStack re-renders only for props read).
        void [query.data, query.hasNextPage, query.isFetchingNextPage, query.error, query.status, query.fetchStatus];
        return query;
      },
      { wrapper: session.wrapper, initialProps: { id: conversationId } },
    );
  }

  it('A2: useMessages is disabled when the conversation id is null or empty', async () => {
    const session = await alice();
    const log = logRequests(server);
    const nullId = render(session, null);
    const emptyId = render(session, '');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(nullId.result.current.fetchStatus).toBe('idle');
    expect(emptyId.result.current.fetchStatus).toBe('idle');
    expect(nullId.result.current.data).toBeUndefined();
    expect(log.count('GET', LIST_MESSAGES)).toBe(0);
    log.stop();
  });

  it('A3: requests 50 messages per page, passing the previous page’s cursor as before', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 120);
    const session = await alice();
    const log = logRequests(server);
    const { result } = render(session, conversationId);
    await until(() => result.current.isSuccess);
    await act(() => result.current.fetchNextPage());
    await until(() => result.current.data!.pages.length === 2);
    await act(() => result.current.fetchNextPage());
    await until(() => result.current.data!.pages.length === 3);
    const lists = log.requests.filter((r) => r.method === 'GET' && LIST_MESSAGES.test(r.path));
    expect(lists.map((r) => r.search.get('limit'))).toEqual(['50', '50', '50']);
    expect(lists.map((r) => r.search.get('before'))).toEqual([null, messageIds[70], messageIds[20]]);
    // A4: the third page is the last one.
    expect(result.current.hasNextPage).toBe(false);
    log.stop();
  });

  it('pageSize (addition): pages of up to 100 for long histories; out-of-range sizes are refused', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 120);
    const session = await alice();
    const log = logRequests(server);
    const { result } = render(session, conversationId, { pageSize: 100 });
    await until(() => result.current.isSuccess);
    await act(() => result.current.fetchNextPage());
    await until(() => result.current.data!.pages.length === 2);
    const lists = log.requests.filter((r) => r.method === 'GET' && LIST_MESSAGES.test(r.path));
    expect(lists.map((r) => r.search.get('limit'))).toEqual(['100', '100']);
    expect(lists.map((r) => r.search.get('before'))).toEqual([null, messageIds[20]]);
    expect(result.current.data!.messages).toHaveLength(120);
    log.stop();
    for (const pageSize of [0, 101, 1.5]) {
      expect(() => messagesInfiniteQueryOptions(session.chat, conversationId, { pageSize })).toThrow(/pageSize must be an integer from 1 to 100/);
    }
  });

  it('A5: exposes messages oldest to newest across all loaded pages', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 75);
    const session = await alice();
    const { result } = render(session, conversationId);
    await until(() => result.current.isSuccess);
    await act(() => result.current.fetchNextPage());
    await until(() => result.current.data!.pages.length === 2);
    expect(result.current.data!.pages.map((page) => page.messages.length)).toEqual([50, 25]);
    expect(result.current.data!.messages.map((message) => message.id)).toEqual(messageIds);
    expect(result.current.data!.messages[0]!.content).toEqual([{ type: 'text', text: 'm1' }]);
  });

  it('A6: a message page fetched after the client’s owner changed rejects rather than populating the cache', async () => {
    const { conversationId } = seedTeamConversation(server, 3);
    let owner = true;
    const session = await alice({ chat: { canPublish: () => owner } });
    server.core.faults.addLatency(80, 'GET /v1/conversations/:id/messages');
    try {
      const log = logRequests(server);
      const { result } = render(session, conversationId);
      await until(() => log.count('GET', LIST_MESSAGES) === 1);
      owner = false;
      await until(() => result.current.isError);
      expect(result.current.error!.message).toBe('Kilo Chat owner is no longer active');
      expect(session.queryClient.getQueryData(messagesKey(conversationId))).toBeUndefined();
      log.stop();
    } finally {
      server.core.faults.clearLatency();
    }
  });

  it('W12: a window refocus within the 30 s staleTime does not refetch every loaded page; after it, it does', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] });
    const { conversationId } = seedTeamConversation(server, 80);
    const session = await alice();
    const log = logRequests(server);
    const { result } = render(session, conversationId);
    await until(() => result.current.isSuccess);
    await act(() => result.current.fetchNextPage());
    expect(log.count('GET', LIST_MESSAGES)).toBe(2);
    expect(MESSAGES_STALE_TIME_MS).toBe(30_000);

    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.count('GET', LIST_MESSAGES)).toBe(2);

    vi.setSystemTime(Date.now() + 31_000);
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await until(() => log.count('GET', LIST_MESSAGES) === 4);
    focusManager.setFocused(undefined);
    log.stop();
  });

  it('W12: the caller can override the defaults through the options factory (staleTime 0 refetches on refocus)', async () => {
    const { conversationId } = seedTeamConversation(server, 3);
    const session = await alice();
    const log = logRequests(server);
    const { result } = render(session, conversationId, { staleTime: 0 });
    await until(() => result.current.isSuccess);
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await until(() => log.count('GET', LIST_MESSAGES) === 2);
    focusManager.setFocused(undefined);
    const untouched = seedTeamConversation(server, 1).conversationId;
    const disabled = render(session, untouched, { enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(disabled.result.current.fetchStatus).toBe('idle');
    expect(log.requests.some((r) => r.path.includes(untouched))).toBe(false);
    log.stop();
  });

  it('a refetch keeps the object identity of unchanged rows (structural sharing by id)', async () => {
    const { conversationId } = seedTeamConversation(server, 3);
    const session = await alice();
    const { result } = render(session, conversationId);
    await until(() => result.current.isSuccess);
    const before = result.current.data!.messages;
    server.core.seedMessage({ conversationId, senderId: 'bob', text: 'new' });
    await act(() => session.queryClient.invalidateQueries({ queryKey: messagesKey(conversationId) }));
    await until(() => result.current.data!.messages.length === 4);
    const after = result.current.data!.messages;
    before.forEach((message, index) => expect(after[index]).toBe(message));
  });

  it('W10: a refetch of the newest page keeps the row of a failed send (the outbox puts it back)', async () => {
    const { conversationId } = seedTeamConversation(server, 2);
    const session = await alice();
    const { result } = render(session, conversationId);
    await until(() => result.current.isSuccess);
    const clientId = ulid();
    const message = {
      id: `pending-${clientId}`,
      senderId: 'alice',
      content: [{ type: 'text' as const, text: 'lost?' }],
      inReplyToMessageId: null,
      replyTo: null,
      updatedAt: null,
      clientUpdatedAt: null,
      deleted: false,
      deliveryFailed: false,
      reactions: [],
    };
    const outbox = sendOutboxFor(session.queryClient);
    outbox.track({ clientId, conversationId, variables: { conversationId, clientId, content: [{ type: 'text', text: 'lost?' }] }, message });
    outbox.markFailed(clientId, new Error('offline'));
    await act(() => session.queryClient.refetchQueries({ queryKey: messagesKey(conversationId) }));
    await until(() => result.current.data!.messages.length === 3);
    expect(result.current.data!.messages.map((m) => m.id).at(-1)).toBe(message.id);
    expect(result.current.data!.messages).toHaveLength(3);
  });
});
