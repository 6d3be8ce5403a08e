import { userCaller } from '@kilocode/kilo-chat-mock-server';
import { act, cleanup, renderHook } from '@testing-library/react';
import { StrictMode, createElement, type ReactNode } from 'react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { useMarkConversationReadWhenSeen, type UseMarkConversationReadWhenSeenOptions } from '../src/index';
import { eventually } from './support/eventually';
import { createUserSession, startMswServer, type UserSession } from './support/harness';

describe('useMarkConversationReadWhenSeen (msw face)', () => {
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

  let count = 0;
  /** A fresh conversation of alice with two bot messages. */
  function newConversation() {
    count += 1;
    const sandboxId = `mark-read-${count}`;
    server.core.createSandbox({ id: sandboxId, ownerId: 'alice', label: sandboxId });
    const conversationId = server.core.createConversation(userCaller('alice'), { sandboxId }).conversationId;
    const bot = server.core.botIdOf(sandboxId);
    const first = server.core.seedMessage({ conversationId, senderId: bot, text: 'one' });
    const second = server.core.seedMessage({ conversationId, senderId: bot, text: 'two' });
    return { sandboxId, conversationId, first, second };
  }
  async function alice(): Promise<UserSession> {
    const session = await createUserSession(server, 'alice');
    sessions.push(session);
    return session;
  }
  const readMarker = (conversationId: string) => server.core.lists.get('alice', conversationId)?.lastReadAt ?? null;

  function render(session: UserSession, initial: UseMarkConversationReadWhenSeenOptions, wrapper = session.wrapper) {
    return renderHook((props: UseMarkConversationReadWhenSeenOptions) => useMarkConversationReadWhenSeen(session.chat, props), {
      wrapper,
      initialProps: initial,
    });
  }

  it('W1: markRead keeps its identity across renders, and re-renders send no extra request', async () => {
    const { sandboxId, conversationId, first, second } = newConversation();
    const session = await alice();
    const requests = vi.spyOn(session.chat, 'markConversationRead');
    const props = { sandboxId, conversationId, latestMessageId: first, active: true };
    const { result, rerender } = render(session, props);
    const markRead = result.current.markRead;
    await eventually(() => readMarker(conversationId) !== null);
    for (let i = 0; i < 5; i += 1) rerender({ ...props });
    expect(result.current.markRead).toBe(markRead);
    rerender({ ...props, latestMessageId: second });
    expect(result.current.markRead).toBe(markRead);
    await eventually(() => requests.mock.calls.length === 2);
    for (let i = 0; i < 5; i += 1) rerender({ ...props, latestMessageId: second });
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(requests.mock.calls.map(([id, body]) => [id, body.lastSeenMessageId])).toEqual([
      [conversationId, first],
      [conversationId, second],
    ]);
    // The imperative trigger does nothing for a marker that already succeeded.
    act(() => markRead());
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(requests).toHaveBeenCalledTimes(2);
  });

  it('marks nothing while inactive, without a message, or for a pending id; becoming active marks the latest message', async () => {
    const { sandboxId, conversationId, second } = newConversation();
    const session = await alice();
    const requests = vi.spyOn(session.chat, 'markConversationRead');
    const { rerender } = render(session, { sandboxId, conversationId, latestMessageId: second, active: false });
    rerender({ sandboxId, conversationId, latestMessageId: null, active: true });
    rerender({ sandboxId, conversationId, latestMessageId: 'pending-01ARZ3NDEKTSV4RRFFQ69G5FAV', active: true });
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(requests).not.toHaveBeenCalled();
    rerender({ sandboxId, conversationId, latestMessageId: second, active: true });
    await eventually(() => readMarker(conversationId) !== null);
    expect(requests).toHaveBeenCalledTimes(1);
  });

  it('under StrictMode the double mount sends one request', async () => {
    const { sandboxId, conversationId, second } = newConversation();
    const session = await alice();
    const requests = vi.spyOn(session.chat, 'markConversationRead');
    const strict = ({ children }: { children: ReactNode }) => createElement(StrictMode, null, session.wrapper({ children }));
    render(session, { sandboxId, conversationId, latestMessageId: second, active: true }, strict);
    await eventually(() => readMarker(conversationId) !== null);
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(requests).toHaveBeenCalledTimes(1);
  });

  it('F72 (hook): a failed mark-read is retried after 250 ms and then succeeds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { sandboxId, conversationId, second } = newConversation();
    const session = await alice();
    const requests = vi.spyOn(session.chat, 'markConversationRead');
    server.core.faults.failNext('POST /v1/conversations/:id/mark-read', { status: 503 });
    render(session, { sandboxId, conversationId, latestMessageId: second, active: true });
    await eventually(() => requests.mock.calls.length === 1 && session.queryClient.isMutating() === 0);
    expect(readMarker(conversationId)).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(250));
    await eventually(() => readMarker(conversationId) !== null);
    expect(requests).toHaveBeenCalledTimes(2);
  });

  it('F74 (hook): becoming inactive or unmounting cancels a pending retry', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const first = newConversation();
    const second = newConversation();
    const session = await alice();
    const requests = vi.spyOn(session.chat, 'markConversationRead');
    server.core.faults.failNext('POST /v1/conversations/:id/mark-read', { status: 503, times: 2 });
    const a = render(session, { sandboxId: first.sandboxId, conversationId: first.conversationId, latestMessageId: first.second, active: true });
    const b = render(session, { sandboxId: second.sandboxId, conversationId: second.conversationId, latestMessageId: second.second, active: true });
    await eventually(() => requests.mock.calls.length === 2 && session.queryClient.isMutating() === 0);
    a.rerender({ sandboxId: first.sandboxId, conversationId: first.conversationId, latestMessageId: first.second, active: false });
    b.unmount();
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(requests).toHaveBeenCalledTimes(2);
    expect(readMarker(first.conversationId)).toBeNull();
    expect(readMarker(second.conversationId)).toBeNull();
  });
});
