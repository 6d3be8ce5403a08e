/**
 * Integration: two users' hooks against the real mock server on loopback
 * (real HTTP, real WebSocket), the way two browser tabs would use them.
 */
import { kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import { createClientId, type Message } from '@kilocode/kilo-chat';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  useAddReaction,
  useConversationListCache,
  useConversations,
  useEventServiceClient,
  useKiloChatClient,
  useMessageCacheUpdater,
  useMessages,
  usePresenceSubscription,
  useSendMessage,
} from '../src/index';
import { createUserSession, startLoopbackServer, type UserSession } from './support/harness';

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
let alice: UserSession;
let bob: UserSession;
beforeAll(async () => {
  server = await startLoopbackServer();
  alice = await createUserSession(server, 'alice', { connect: true });
  bob = await createUserSession(server, 'bob', { connect: true });
});
afterAll(async () => {
  alice?.close();
  bob?.close();
  await server?.stop();
});

function useTeamScreen(me: string) {
  const client = useKiloChatClient();
  const events = useEventServiceClient();
  const { sandboxId, teamConversationId } = server.demo;
  usePresenceSubscription(kiloclawConversationContext(sandboxId, teamConversationId), true);
  usePresenceSubscription(kiloclawInstanceContext(sandboxId), true);
  useMessageCacheUpdater(client, sandboxId, teamConversationId);
  useConversationListCache(client, events, { sandboxId, currentUserId: me, activeConversationId: teamConversationId });
  return {
    messages: { ...useMessages(client, teamConversationId) },
    conversations: { ...useConversations(client, sandboxId) },
    send: useSendMessage(client, teamConversationId, me),
    react: useAddReaction(client, teamConversationId, me),
  };
}

const texts = (messages: Message[] | undefined) => (messages ?? []).map((m) => (m.content[0]?.type === 'text' ? m.content[0].text : ''));

describe('two users on the real server (loopback HTTP + WebSocket)', () => {
  it('see each other’s messages and reactions live, and keep receiving after every socket is dropped', async () => {
    const a = renderHook(() => useTeamScreen('alice'), { wrapper: alice.wrapper });
    const b = renderHook(() => useTeamScreen('bob'), { wrapper: bob.wrapper });
    const context = kiloclawConversationContext(server.demo.sandboxId, server.demo.teamConversationId);
    await waitFor(() => expect(server.core.realtime.isUserInContext('alice', context) && server.core.realtime.isUserInContext('bob', context)).toBe(true));
    await waitFor(() => expect(a.result.current.messages.isSuccess && b.result.current.messages.isSuccess).toBe(true));

    // alice sends: her row is optimistic at once, then the server's; bob sees it live.
    await act(() => a.result.current.send.mutateAsync({ conversationId: server.demo.teamConversationId, clientId: createClientId(), content: [{ type: 'text', text: 'hello bob' }] }));
    await waitFor(() => expect(texts(b.result.current.messages.data?.messages).at(-1)).toBe('hello bob'));
    const sent = a.result.current.messages.data!.messages.at(-1)!;
    expect(sent.id.startsWith('pending-')).toBe(false);

    // bob reacts: alice sees it live.
    await act(() => b.result.current.react.mutateAsync({ messageId: sent.id, emoji: '👍' }));
    await waitFor(() => expect(a.result.current.messages.data?.messages.at(-1)?.reactions).toEqual([{ emoji: '👍', count: 1, memberIds: ['bob'] }]));

    // Every socket dropped by the server: both clients reconnect and resubscribe, and live delivery resumes.
    server.core.faults.closeAllSockets(1011, 'restart');
    await waitFor(() => expect(server.core.realtime.sessions().length).toBe(2), { timeout: 10_000 });
    await waitFor(() => expect(server.core.realtime.isUserInContext('alice', context)).toBe(true), { timeout: 10_000 });
    await act(() => b.result.current.send.mutateAsync({ conversationId: server.demo.teamConversationId, clientId: createClientId(), content: [{ type: 'text', text: 'back again' }] }));
    await waitFor(() => expect(texts(a.result.current.messages.data?.messages).at(-1)).toBe('back again'), { timeout: 10_000 });
    expect(texts(a.result.current.messages.data?.messages).filter((t) => t === 'back again')).toHaveLength(1);

    // The conversation list follows activity: the team chat is first, as the server lists it.
    const fresh = await alice.chat.listConversations({ sandboxId: server.demo.sandboxId });
    await waitFor(() => expect(a.result.current.conversations.data?.conversations.map((c) => c.conversationId)).toEqual(fresh.conversations.map((c) => c.conversationId)));
    expect(fresh.conversations[0]!.conversationId).toBe(server.demo.teamConversationId);
    a.unmount();
    b.unmount();
  });
});
