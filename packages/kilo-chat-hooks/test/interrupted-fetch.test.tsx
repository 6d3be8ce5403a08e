import { createClientId } from '@kilocode/kilo-chat';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { messagesKey, useDeleteMessage, useMessages, useSendMessage } from '../src/index';
import { createUserSession, startMswServer, type UserSession } from './support/harness';

const server = startMswServer();
afterAll(() => server.stop());
let session: UserSession | undefined;
afterEach(() => {
  session?.close();
  server.core.faults.clearLatency();
});

/**
 * A fetch that was running when an optimistic write cancelled it (typically
 * the refetch of a resync, which recovers what the socket missed) is fetched
 * again once the mutation settles. Here the server holds a message that no
 * event announced (seeded server-side), so only that fetch can bring it.
 */
describe('an optimistic write interrupting a fetch', () => {
  it('fetches again after a send settles', async () => {
    session = await createUserSession(server, 'alice');
    const conversationId = server.core.seedConversation({ sandboxId: server.demo.sandboxId, userIds: ['alice'], title: 'interrupted send' });
    const { result } = renderHook(() => ({ messages: { ...useMessages(session!.chat, conversationId) }, send: useSendMessage(session!.chat, conversationId, 'alice') }), {
      wrapper: session.wrapper,
    });
    await waitFor(() => expect(result.current.messages.isSuccess).toBe(true));

    const missed = server.core.seedMessage({ conversationId, senderId: 'alice', text: 'missed while offline' });
    server.core.faults.addLatency(150, 'GET /v1/conversations/*/messages');
    void session.queryClient.invalidateQueries({ queryKey: messagesKey(conversationId) }); // the resync refetch
    await waitFor(() => expect(session!.queryClient.getQueryState(messagesKey(conversationId))?.fetchStatus).toBe('fetching'));
    await act(() => result.current.send.mutateAsync({ conversationId, clientId: createClientId(), content: [{ type: 'text', text: 'typed meanwhile' }] }));
    server.core.faults.clearLatency();

    await waitFor(() => expect(result.current.messages.data?.messages.map((m) => m.id)).toContain(missed));
  });

  it('fetches again after a row mutation settles', async () => {
    session = await createUserSession(server, 'alice');
    const conversationId = server.core.seedConversation({ sandboxId: server.demo.sandboxId, userIds: ['alice'], title: 'interrupted delete' });
    const own = server.core.seedMessage({ conversationId, senderId: 'alice', text: 'to delete' });
    const { result } = renderHook(() => ({ messages: { ...useMessages(session!.chat, conversationId) }, remove: useDeleteMessage(session!.chat, conversationId) }), {
      wrapper: session.wrapper,
    });
    await waitFor(() => expect(result.current.messages.isSuccess).toBe(true));

    const missed = server.core.seedMessage({ conversationId, senderId: 'alice', text: 'missed while offline' });
    server.core.faults.addLatency(150, 'GET /v1/conversations/*/messages');
    void session.queryClient.invalidateQueries({ queryKey: messagesKey(conversationId) });
    await waitFor(() => expect(session!.queryClient.getQueryState(messagesKey(conversationId))?.fetchStatus).toBe('fetching'));
    await act(() => result.current.remove.mutateAsync({ messageId: own, conversationId }));
    server.core.faults.clearLatency();

    await waitFor(() => expect(result.current.messages.data?.messages.map((m) => m.id)).toContain(missed));
  });
});
