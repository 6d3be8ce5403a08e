import { userCaller } from '@kilocode/kilo-chat-mock-server';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_CONVERSATIONS_STALE_TIME_MS,
  compareConversationListItems,
  conversationDetailQueryOptions,
  conversationKey,
  conversationsInfiniteQueryOptions,
  conversationsKey,
  useConversationDetail,
  useConversations,
} from '../src/index';
import { eventually } from './support/eventually';
import { createUserSession, startMswServer, type UserSession } from './support/harness';

describe('conversation queries (msw face)', () => {
  const server = startMswServer();
  afterAll(() => server.stop());
  let sessions: UserSession[] = [];
  afterEach(() => {
    cleanup();
    for (const session of sessions) session.close();
    sessions = [];
    server.core.faults.reset();
  });
  async function alice(options: Parameters<typeof createUserSession>[2] = {}): Promise<UserSession> {
    const session = await createUserSession(server, 'alice', options);
    sessions.push(session);
    return session;
  }

  // Hooks are rendered as `{ ...result }`: every field is read during render, so TanStack's
  // tracked result re-renders on any change a test looks at later.

  // A sandbox with 60 conversations: two pages of 50 and 10.
  const pagingSandbox = 'paging-sandbox';
  server.core.createSandbox({ id: pagingSandbox, ownerId: 'alice', label: 'Paging' });
  for (let i = 0; i < 60; i += 1) server.core.createConversation(userCaller('alice'), { sandboxId: pagingSandbox, title: `c${i}` });

  it('A7: useConversations is disabled without a sandbox id', async () => {
    const session = await alice();
    const list = vi.spyOn(session.chat, 'listConversations');
    const { result } = renderHook(() => ({ ...useConversations(session.chat, null) }), { wrapper: session.wrapper });
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(result.current.fetchStatus).toBe('idle');
    expect(result.current.data).toBeUndefined();
    expect(list).not.toHaveBeenCalled();
  });

  it("A7: pages of 50; the next page param is the server's nextCursor, and a null cursor stops", async () => {
    const session = await alice();
    const list = vi.spyOn(session.chat, 'listConversations');
    const { result } = renderHook(() => ({ ...useConversations(session.chat, pagingSandbox) }), { wrapper: session.wrapper });
    await eventually(() => result.current.isSuccess);
    expect(result.current.data!.conversations).toHaveLength(50);
    expect(result.current.hasNextPage).toBe(true);
    const cursor = result.current.data!.pages[0]!.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    await act(() => result.current.fetchNextPage());
    await eventually(() => result.current.data?.pages.length === 2);
    expect(list.mock.calls.map(([options]) => options)).toEqual([
      { sandboxId: pagingSandbox, limit: 50, cursor: undefined },
      { sandboxId: pagingSandbox, limit: 50, cursor },
    ]);
    expect(result.current.data!.conversations).toHaveLength(60);
    expect(result.current.hasNextPage).toBe(false);
    // data.conversations is every page flattened in server order, each conversation once.
    const rows = result.current.data!.conversations;
    expect(new Set(rows.map((c) => c.conversationId)).size).toBe(60);
    expect(rows.slice().sort(compareConversationListItems)).toEqual(rows);
  });

  it('A8: refetchOnMount stays undefined unless passed; "always" is forwarded', async () => {
    const session = await alice();
    expect(conversationsInfiniteQueryOptions(session.chat, 'x').refetchOnMount).toBeUndefined();
    expect(conversationsInfiniteQueryOptions(session.chat, 'x', { refetchOnMount: 'always' }).refetchOnMount).toBe('always');

    const list = vi.spyOn(session.chat, 'listConversations');
    const first = renderHook(() => ({ ...useConversations(session.chat, server.demo.sandboxId) }), { wrapper: session.wrapper });
    await eventually(() => first.result.current.isSuccess);
    first.unmount();
    const fresh = renderHook(() => ({ ...useConversations(session.chat, server.demo.sandboxId) }), { wrapper: session.wrapper });
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(list).toHaveBeenCalledTimes(1);
    fresh.unmount();
    const always = renderHook(() => ({ ...useConversations(session.chat, server.demo.sandboxId, { refetchOnMount: 'always' }) }), {
      wrapper: session.wrapper,
    });
    await eventually(() => list.mock.calls.length === 2 && !always.result.current.isFetching);
  });

  it('W12: a fresh list (30 s by default) is not refetched on remount or window refocus; staleTime and maxPages are overridable', async () => {
    const session = await alice();
    const options = conversationsInfiniteQueryOptions(session.chat, 'x');
    expect(options.staleTime).toBe(DEFAULT_CONVERSATIONS_STALE_TIME_MS);
    expect(DEFAULT_CONVERSATIONS_STALE_TIME_MS).toBe(30_000);
    expect(options.maxPages).toBeUndefined();
    expect(conversationsInfiniteQueryOptions(session.chat, 'x', { staleTime: 5, maxPages: 3 })).toMatchObject({ staleTime: 5, maxPages: 3 });

    const list = vi.spyOn(session.chat, 'listConversations');
    const { result } = renderHook(() => ({ ...useConversations(session.chat, pagingSandbox) }), { wrapper: session.wrapper });
    await eventually(() => result.current.isSuccess);
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await eventually(() => result.current.data?.pages.length === 2);
    expect(list).toHaveBeenCalledTimes(2);
    // A refocus: TanStack's focusManager refetches stale queries; this one is fresh, so no page is refetched.
    await act(async () => {
      window.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('focus'));
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    expect(list).toHaveBeenCalledTimes(2);

    const stale = renderHook(() => ({ ...useConversations(session.chat, pagingSandbox, { staleTime: 0 }) }), { wrapper: session.wrapper });
    // staleTime 0: mounting a second observer refetches both loaded pages.
    await eventually(() => list.mock.calls.length === 4 && !stale.result.current.isFetching);
  });

  it('allSandboxes: a null sandbox with the opt-in lists the conversations of every sandbox under conversationsKey(null)', async () => {
    const session = await alice();
    const { result } = renderHook(() => ({ ...useConversations(session.chat, null, { allSandboxes: true }) }), { wrapper: session.wrapper });
    await eventually(() => result.current.isSuccess);
    expect(result.current.hasNextPage).toBe(true);
    expect(session.queryClient.getQueryData(conversationsKey(null))).toBeDefined();
  });

  it('a list page that arrives after the client owner changed rejects instead of landing', async () => {
    let owner = true;
    const session = await alice({ chat: { canPublish: () => owner } });
    server.core.faults.addLatency(100, 'GET /v1/conversations');
    const { result } = renderHook(() => ({ ...useConversations(session.chat, server.demo.sandboxId) }), { wrapper: session.wrapper });
    await eventually(() => result.current.isFetching);
    owner = false;
    await eventually(() => result.current.isError);
    expect(result.current.error).toMatchObject({ code: 'not_owner' });
    expect(result.current.data).toBeUndefined();
  });

  it('A9: useConversationDetail is disabled without an id and fetches the detail by id', async () => {
    const session = await alice();
    const get = vi.spyOn(session.chat, 'getConversation');
    const none = renderHook(() => ({ ...useConversationDetail(session.chat, null) }), { wrapper: session.wrapper });
    const empty = renderHook(() => ({ ...useConversationDetail(session.chat, '') }), { wrapper: session.wrapper });
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(none.result.current.fetchStatus).toBe('idle');
    expect(empty.result.current.fetchStatus).toBe('idle');
    expect(get).not.toHaveBeenCalled();

    const id = server.demo.teamConversationId;
    const { result } = renderHook(() => ({ ...useConversationDetail(session.chat, id) }), { wrapper: session.wrapper });
    await eventually(() => result.current.isSuccess);
    expect(get).toHaveBeenCalledWith(id, expect.anything());
    expect(result.current.data).toMatchObject({ id, title: 'Team chat' });
    expect(result.current.data!.members.map((m) => m.id).sort()).toEqual(['alice', 'bob', server.demo.botId].sort());
    expect(conversationDetailQueryOptions(session.chat, id).queryKey).toEqual(conversationKey(id));
  });
});
