/**
 * useTyping against the mock server's msw face: bob and the sandbox's bot
 * type through the real routes, alice's hook receives the events over the
 * event socket; alice's own typing requests are counted as the server saw them.
 */
import { kiloclawConversationContext } from '@kilocode/event-service';
import { KiloChatBotClient, type KiloChatFetch } from '@kilocode/kilo-chat';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { useTyping, typingLabel, type UseTypingOptions } from '../src/index';
import { connectAndSubscribe, createUserSession, startMswServer, type UserSession } from './support/harness';

const server = startMswServer();
afterAll(() => server.stop());

const team = () => server.demo.teamConversationId;
const welcome = () => server.demo.welcomeConversationId;
const sandbox = () => server.demo.sandboxId;
const contextOf = (conversationId: string) => kiloclawConversationContext(sandbox(), conversationId);

function botClient() {
  return new KiloChatBotClient({ baseUrl: server.chatUrl, sandboxId: sandbox(), getToken: () => server.mock.gatewayToken(sandbox()) });
}

/** Alice, connected and subscribed to both demo conversations, with her typing requests recorded. */
async function aliceSession(): Promise<{ alice: UserSession; typingRequests: string[] }> {
  const typingRequests: string[] = [];
  const record: KiloChatFetch = async (url, init) => {
    const path = new URL(url).pathname;
    if (path.endsWith('/typing')) typingRequests.push(`typing ${path.split('/')[3]}`);
    if (path.endsWith('/typing/stop')) typingRequests.push(`stop ${path.split('/')[3]}`);
    return globalThis.fetch(url, init as RequestInit);
  };
  const alice = await createUserSession(server, 'alice', { chat: { fetch: record } });
  await connectAndSubscribe(server, alice, [contextOf(team()), contextOf(welcome())]);
  return { alice, typingRequests };
}

function renderTyping(alice: UserSession, conversationId: string | null, options?: UseTypingOptions) {
  return renderHook(
    ({ id, opts }: { id: string | null; opts?: UseTypingOptions }) => useTyping(alice.chat, sandbox(), id, alice.userId, opts),
    { wrapper: alice.wrapper, initialProps: { id: conversationId, opts: options } },
  );
}

describe('useTyping: receiving (msw face)', () => {
  it('shows a member while they type, and clears them when they send a message', async () => {
    const { alice } = await aliceSession();
    const bob = await createUserSession(server, 'bob');
    const { result } = renderTyping(alice, team());
    expect(result.current.typingMemberIds).toEqual([]);

    await bob.chat.sendTyping(team());
    await waitFor(() => expect(result.current.typingMemberIds).toEqual(['bob']));
    expect(typingLabel(result.current.typingMemberIds)).toBe('Someone');

    await bob.chat.sendMessage({ conversationId: team(), content: [{ type: 'text', text: 'done typing' }] });
    await waitFor(() => expect(result.current.typingMemberIds).toEqual([]));
    bob.close();
    alice.close();
  });

  it('clears a member on typing.stop', async () => {
    const { alice } = await aliceSession();
    const bob = await createUserSession(server, 'bob');
    const { result } = renderTyping(alice, team());
    await bob.chat.sendTyping(team());
    await waitFor(() => expect(result.current.typingMemberIds).toEqual(['bob']));
    await bob.chat.sendTypingStop(team());
    await waitFor(() => expect(result.current.typingMemberIds).toEqual([]));
    bob.close();
    alice.close();
  });

  it('expires a member after the expiry without further typing events', async () => {
    const { alice } = await aliceSession();
    const bob = await createUserSession(server, 'bob');
    const { result } = renderTyping(alice, team(), { expiryMs: 500 });
    await bob.chat.sendTyping(team());
    await waitFor(() => expect(result.current.typingMemberIds).toEqual(['bob']));
    await waitFor(() => expect(result.current.typingMemberIds).toEqual([]), { timeout: 2_000 });
    bob.close();
    alice.close();
  });

  it("keeps the bot typing across its streamed messages until the bot's typing.stop", async () => {
    const { alice } = await aliceSession();
    const bot = botClient();
    const { result } = renderTyping(alice, welcome());
    await bot.sendTyping(welcome());
    await waitFor(() => expect(result.current.typingMemberIds).toEqual([`bot:kiloclaw:${sandbox()}`]));
    expect(typingLabel(result.current.typingMemberIds)).toBe('Bot');
    await bot.sendMessage({ conversationId: welcome(), content: [{ type: 'text', text: 'part one' }] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current.typingMemberIds).toHaveLength(1);
    await bot.sendTypingStop(welcome());
    await waitFor(() => expect(result.current.typingMemberIds).toEqual([]));
    alice.close();
  });

  it('ignores typing in other conversations and the current user’s own typing', async () => {
    const { alice } = await aliceSession();
    const bot = botClient();
    const { result } = renderTyping(alice, team());
    await bot.sendTyping(welcome()); // another conversation
    await alice.chat.sendTyping(team()); // herself (the server echoes it to her)
    const bob = await createUserSession(server, 'bob');
    await bob.chat.sendTyping(team()); // a marker that events did arrive
    await waitFor(() => expect(result.current.typingMemberIds).toEqual(['bob']));
    bob.close();
    alice.close();
  });

  it('starts empty again for another conversation', async () => {
    const { alice } = await aliceSession();
    const bob = await createUserSession(server, 'bob');
    const { result, rerender } = renderTyping(alice, team());
    await bob.chat.sendTyping(team());
    await waitFor(() => expect(result.current.typingMemberIds).toEqual(['bob']));
    rerender({ id: welcome(), opts: undefined });
    expect(result.current.typingMemberIds).toEqual([]);
    bob.close();
    alice.close();
  });
});

describe('useTyping: sending (msw face)', () => {
  it('sends typing at most once per 3 s however often notifyTyping is called, and typing.stop on stopTyping', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { alice, typingRequests } = await aliceSession();
      const { result } = renderTyping(alice, team());
      const conversation = team();
      act(() => {
        for (let i = 0; i < 10; i += 1) result.current.notifyTyping();
      });
      await waitFor(() => expect(typingRequests).toEqual([`typing ${conversation}`]));
      vi.setSystemTime(Date.now() + 2_999);
      act(() => result.current.notifyTyping());
      vi.setSystemTime(Date.now() + 1);
      act(() => result.current.notifyTyping());
      await waitFor(() => expect(typingRequests).toHaveLength(2));
      act(() => result.current.stopTyping());
      await waitFor(() => expect(typingRequests).toEqual([`typing ${conversation}`, `typing ${conversation}`, `stop ${conversation}`]));
      alice.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends typing.stop on unmount and on a conversation change, only when typing was sent', async () => {
    const { alice, typingRequests } = await aliceSession();
    const view = renderTyping(alice, team());
    act(() => view.result.current.notifyTyping());
    await waitFor(() => expect(typingRequests).toEqual([`typing ${team()}`]));
    view.rerender({ id: welcome(), opts: undefined });
    await waitFor(() => expect(typingRequests).toEqual([`typing ${team()}`, `stop ${team()}`]));
    view.unmount(); // nothing typed in welcome: nothing to stop
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(typingRequests).toHaveLength(2);

    const second = renderTyping(alice, welcome());
    act(() => second.result.current.notifyTyping());
    second.unmount();
    await waitFor(() => expect(typingRequests.slice(2)).toEqual([`typing ${welcome()}`, `stop ${welcome()}`]));
    alice.close();
  });

  it('reports a refused typing request through onError, held in a ref (W3: a new callback re-subscribes nothing)', async () => {
    const { alice } = await aliceSession();
    const onTyping = vi.spyOn(alice.chat, 'onTyping');
    const first = vi.fn();
    const second = vi.fn();
    const view = renderTyping(alice, team(), { onError: first });
    expect(onTyping).toHaveBeenCalledTimes(1);
    view.rerender({ id: team(), opts: { onError: second } });
    view.rerender({ id: team(), opts: { onError: (error) => second(error) } });
    expect(onTyping).toHaveBeenCalledTimes(1);
    const { notifyTyping, stopTyping } = view.result.current;

    server.core.faults.failNext('POST /v1/conversations/:id/typing', { status: 503 });
    act(() => view.result.current.notifyTyping());
    await waitFor(() => expect(second).toHaveBeenCalledWith(expect.objectContaining({ status: 503 })));
    expect(first).not.toHaveBeenCalled();
    expect(view.result.current.notifyTyping).toBe(notifyTyping);
    expect(view.result.current.stopTyping).toBe(stopTyping);
    view.unmount();
    alice.close();
  });

  it('does nothing without a conversation', async () => {
    const { alice, typingRequests } = await aliceSession();
    const onTyping = vi.spyOn(alice.chat, 'onTyping');
    const { result } = renderTyping(alice, null);
    act(() => {
      result.current.notifyTyping();
      result.current.stopTyping();
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(typingRequests).toEqual([]);
    expect(onTyping).not.toHaveBeenCalled();
    expect(result.current.typingMemberIds).toEqual([]);
    alice.close();
  });
});
