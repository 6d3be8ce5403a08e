import { kiloclawInstanceContext } from '@kilocode/event-service';
import type { BotStatusRecord } from '@kilocode/kilo-chat';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as hooks from '../src/index';
import { BOT_STATUS_POLL_INTERVAL_MS, botStatusKey, botStatusQueryOptions, reduceBotStatusOnEvent, useBotStatus } from '../src/index';
import { eventually } from './support/eventually';
import { connectAndSubscribe, createUserSession, startMswServer, type UserSession } from './support/harness';

describe('reduceBotStatusOnEvent (G76–G78)', () => {
  it('G76: an event into an empty cache creates a record with updatedAt = at and its capabilities', () => {
    expect(reduceBotStatusOnEvent(undefined, { sandboxId: 's', online: true, at: 10, capabilities: ['attachments'] })).toEqual({
      online: true,
      at: 10,
      updatedAt: 10,
      capabilities: ['attachments'],
    });
    expect(reduceBotStatusOnEvent(null, { sandboxId: 's', online: false, at: 10 })).toEqual({ online: false, at: 10, updatedAt: 10 });
  });

  it('G77: an older (or equal) event returns the previous record object unchanged', () => {
    const prev: BotStatusRecord = { online: true, at: 20, updatedAt: 25 };
    expect(reduceBotStatusOnEvent(prev, { sandboxId: 's', online: false, at: 19 })).toBe(prev);
    expect(reduceBotStatusOnEvent(prev, { sandboxId: 's', online: false, at: 20 })).toBe(prev);
  });

  it('G78: a newer event without capabilities keeps the previous ones; an empty list overwrites them', () => {
    const prev: BotStatusRecord = { online: true, at: 20, updatedAt: 20, capabilities: ['attachments'] };
    expect(reduceBotStatusOnEvent(prev, { sandboxId: 's', online: false, at: 30 })).toEqual({
      online: false,
      at: 30,
      updatedAt: 30,
      capabilities: ['attachments'],
    });
    expect(reduceBotStatusOnEvent(prev, { sandboxId: 's', online: true, at: 30, capabilities: [] }).capabilities).toEqual([]);
  });
});

describe('useBotStatus (msw face)', () => {
  const server = startMswServer();
  afterAll(() => server.stop());
  let sessions: UserSession[] = [];
  afterEach(() => {
    cleanup();
    for (const session of sessions) session.close();
    sessions = [];
    server.core.faults.reset();
    vi.useRealTimers();
  });

  let sandboxCount = 0;
  /** A fresh sandbox of alice, so each test owns its bot status. */
  function newSandbox(): string {
    sandboxCount += 1;
    const id = `bot-status-${sandboxCount}`;
    server.core.createSandbox({ id, ownerId: 'alice', label: id });
    return id;
  }
  /** Stores a status the server considers fresh (so request-bot-status does not ask the bot again). */
  function storeStatus(sandboxId: string, record: { online: boolean; at: number; capabilities?: string[] }) {
    server.core.setBotStatus(sandboxId, record);
  }
  async function alice(): Promise<UserSession> {
    const session = await createUserSession(server, 'alice');
    sessions.push(session);
    return session;
  }

  it("G79/G80: the query runs as soon as a sandbox id exists (no socket) and returns the server's cached record", async () => {
    const sandboxId = newSandbox();
    storeStatus(sandboxId, { online: true, at: Date.now(), capabilities: ['attachments'] });
    const session = await alice();
    const { result } = renderHook(() => useBotStatus(session.chat, session.events, sandboxId), { wrapper: session.wrapper });
    await eventually(() => result.current !== null);
    expect(session.events.state).not.toBe('open');
    expect(result.current).toMatchObject({ online: true, capabilities: ['attachments'] });
  });

  it('G80: the query returns null when the server has no record', async () => {
    const sandboxId = newSandbox();
    const session = await alice();
    const { result } = renderHook(() => useBotStatus(session.chat, session.events, sandboxId), { wrapper: session.wrapper });
    await eventually(() => session.queryClient.getQueryState(botStatusKey(sandboxId))?.status === 'success');
    expect(result.current).toBeNull();
  });

  it('G79/W16: a null sandbox disables the query and registers no resync handler', async () => {
    const session = await alice();
    const request = vi.spyOn(session.chat, 'requestBotStatus');
    const onResync = vi.spyOn(session.events, 'onResync');
    const { result } = renderHook(() => useBotStatus(session.chat, session.events, null), { wrapper: session.wrapper });
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(result.current).toBeNull();
    expect(request).not.toHaveBeenCalled();
    expect(onResync).not.toHaveBeenCalled();
    expect(session.events.activeContexts()).toEqual([]);
  });

  it('G81: a fresher WebSocket record present before the request is kept over an older server record', async () => {
    const sandboxId = newSandbox();
    const now = Date.now();
    storeStatus(sandboxId, { online: false, at: now - 1_000 });
    const session = await alice();
    const fresher: BotStatusRecord = { online: true, at: now, updatedAt: now, capabilities: ['attachments'] };
    session.queryClient.setQueryData(botStatusKey(sandboxId), fresher);
    const request = vi.spyOn(session.chat, 'requestBotStatus');
    const { result } = renderHook(() => useBotStatus(session.chat, session.events, sandboxId), { wrapper: session.wrapper });
    await eventually(() => request.mock.calls.length === 1 && session.queryClient.isFetching() === 0);
    expect(result.current).toEqual(fresher);
  });

  it('G81: a bot.status event that lands during the request wins over the older record the server answers', async () => {
    const sandboxId = newSandbox();
    const now = Date.now();
    storeStatus(sandboxId, { online: false, at: now - 1_000 });
    const session = await alice();
    await connectAndSubscribe(server, session, [kiloclawInstanceContext(sandboxId)]);
    server.core.faults.addLatency(150, 'POST /v1/sandboxes/:sandboxId/request-bot-status');
    const { result } = renderHook(() => useBotStatus(session.chat, session.events, sandboxId), { wrapper: session.wrapper });
    await eventually(() => session.queryClient.isFetching() === 1);
    // Only the socket hears of it; the stored record stays the older one.
    server.core.events.push('alice', kiloclawInstanceContext(sandboxId), 'bot.status', { sandboxId, online: true, at: now, capabilities: ['attachments'] });
    await eventually(() => result.current?.at === now);
    await eventually(() => session.queryClient.isFetching() === 0);
    expect(result.current).toEqual({ online: true, at: now, updatedAt: now, capabilities: ['attachments'] });
  });

  it('W16: the query function returns the merged record instead of writing the cache itself', async () => {
    const sandboxId = newSandbox();
    storeStatus(sandboxId, { online: true, at: Date.now() });
    const session = await alice();
    const setQueryData = vi.spyOn(session.queryClient, 'setQueryData');
    const { result } = renderHook(() => useBotStatus(session.chat, session.events, sandboxId), { wrapper: session.wrapper });
    await eventually(() => result.current !== null);
    expect(setQueryData).not.toHaveBeenCalled();
    expect(session.queryClient.getQueryData(botStatusKey(sandboxId))).toEqual(result.current);
    expect('botStatusRequestKey' in hooks).toBe(false);
  });

  it('live bot.status events of this sandbox update the record; other sandboxes and older events do not', async () => {
    const sandboxId = newSandbox();
    const other = newSandbox();
    const at = Date.now();
    storeStatus(sandboxId, { online: true, at });
    const session = await alice();
    await connectAndSubscribe(server, session, [kiloclawInstanceContext(sandboxId), kiloclawInstanceContext(other)]);
    const { result } = renderHook(() => useBotStatus(session.chat, session.events, sandboxId), { wrapper: session.wrapper });
    await eventually(() => result.current !== null);
    storeStatus(other, { online: false, at: at + 10 });
    storeStatus(sandboxId, { online: false, at: at + 5, capabilities: ['attachments'] });
    await eventually(() => result.current?.online === false);
    expect(result.current).toEqual({ online: false, at: at + 5, updatedAt: at + 5, capabilities: ['attachments'] });
    server.core.events.push('alice', kiloclawInstanceContext(sandboxId), 'bot.status', { sandboxId, online: true, at: at + 1 });
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(result.current?.online).toBe(false);
  });

  it('G82: a resync invalidates exactly botStatusKey(sandboxId)', async () => {
    const sandboxId = newSandbox();
    storeStatus(sandboxId, { online: true, at: Date.now() });
    const session = await alice();
    await connectAndSubscribe(server, session, [kiloclawInstanceContext(sandboxId)]);
    const request = vi.spyOn(session.chat, 'requestBotStatus');
    session.queryClient.setQueryData(botStatusKey('unrelated'), null);
    const { result } = renderHook(() => useBotStatus(session.chat, session.events, sandboxId, false), { wrapper: session.wrapper });
    await eventually(() => result.current !== null);
    expect(request).toHaveBeenCalledTimes(1);
    server.core.faults.closeAllSockets(1012, 'restart');
    await eventually(() => request.mock.calls.length === 2, 8_000, 'refetch after resync');
    expect(session.queryClient.getQueryState(botStatusKey('unrelated'))?.isInvalidated).toBe(false);
  });

  it('G82: polls every 15 s while active and not at all when inactive', async () => {
    expect(BOT_STATUS_POLL_INTERVAL_MS).toBe(15_000);
    const session = await alice();
    const intervalOf = (options: { refetchInterval?: unknown }) => (options.refetchInterval as (query: { state: { error: unknown } }) => number | false)({ state: { error: null } });
    expect(intervalOf(botStatusQueryOptions(session.chat, session.queryClient, 's'))).toBe(15_000);
    expect(intervalOf(botStatusQueryOptions(session.chat, session.queryClient, 's', { active: false }))).toBe(false);
    expect(botStatusQueryOptions(session.chat, session.queryClient, 's').staleTime).toBe(0);

    vi.useFakeTimers({ shouldAdvanceTime: true });
    const sandboxId = newSandbox();
    storeStatus(sandboxId, { online: true, at: Date.now() });
    const request = vi.spyOn(session.chat, 'requestBotStatus');
    const { result, rerender } = renderHook(({ active }) => useBotStatus(session.chat, session.events, sandboxId, active), {
      wrapper: session.wrapper,
      initialProps: { active: true },
    });
    await eventually(() => result.current !== null);
    expect(request).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(15_000));
    await eventually(() => request.mock.calls.length === 2);
    rerender({ active: false });
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('a user the server refuses (403: not the owner) is not asked again, neither retried nor polled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const sandboxId = newSandbox(); // owned by alice
    const bob = await createUserSession(server, 'bob');
    sessions.push(bob);
    const request = vi.spyOn(bob.chat, 'requestBotStatus');
    const { result } = renderHook(() => useBotStatus(bob.chat, bob.events, sandboxId, true), { wrapper: bob.wrapper });
    await eventually(() => bob.queryClient.getQueryState(botStatusKey(sandboxId))?.status === 'error');
    expect(result.current).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('holds a reference on the instance context while mounted, without cancelling another holder', async () => {
    const sandboxId = newSandbox();
    const session = await alice();
    const context = kiloclawInstanceContext(sandboxId);
    session.events.subscribe([context]);
    const { unmount } = renderHook(() => useBotStatus(session.chat, session.events, sandboxId), { wrapper: session.wrapper });
    expect(session.events.activeContexts()).toContain(context);
    unmount();
    await Promise.resolve(); // a hook's release waits one microtask (StrictMode remounts adopt it)
    expect(session.events.activeContexts()).toContain(context);
    session.events.unsubscribe([context]);
    expect(session.events.activeContexts()).not.toContain(context);
  });
});
