import { kiloclawConversationContext } from '@kilocode/event-service';
import { act, renderHook } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { version as reactVersion } from 'react';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { useKiloChatClient } from '../src/index';
import { connectAndSubscribe, createUserSession, startMswServer, until } from './support/harness';

describe('harness (msw face)', () => {
  const server = startMswServer();
  afterAll(() => server.stop());

  it('reads the demo conversations and receives live events through msw', async () => {
    const alice = await createUserSession(server, 'alice');
    const { result } = renderHook(
      () => {
        const client = useKiloChatClient();
        return useQuery({ queryKey: ['list'], queryFn: () => client.listConversations({ sandboxId: server.demo.sandboxId }) });
      },
      { wrapper: alice.wrapper },
    );
    await until(() => result.current.isSuccess);
    expect(result.current.data!.conversations.map((c) => c.title).sort()).toEqual(['Team chat', 'Welcome']);
    const context = kiloclawConversationContext(server.demo.sandboxId, server.demo.welcomeConversationId);
    await connectAndSubscribe(server, alice, [context]);
    const seen: string[] = [];
    alice.chat.onMessageCreated((_ctx, message) => seen.push(message.messageId));
    const { messageId } = await alice.chat.sendMessage({ conversationId: server.demo.welcomeConversationId, content: [{ type: 'text', text: 'hi' }] });
    await act(() => until(() => seen.includes(messageId)));
    alice.close();
  });

  it('runs on the React version of its project (19, and 18 in kilo-chat-hooks-react18)', () => {
    expect(reactVersion.split('.')[0]).toBe(inject('reactMajor'));
  });
});
