import type { Message, MessageListResponse } from '@kilocode/kilo-chat';
import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { applyMessageCreatedEventToPages, messagesKey, updateMessagesCache } from '../src/index';

const row = (id: string): Message => ({
  id,
  senderId: 'bob',
  content: [{ type: 'text', text: id }],
  inReplyToMessageId: null,
  replyTo: null,
  updatedAt: null,
  clientUpdatedAt: null,
  deleted: false,
  deliveryFailed: false,
  reactions: [],
});

describe('a live write while a fetch is in flight', () => {
  it('is not overwritten by the older response: the fetch is restarted', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const key = messagesKey('01JCONVERSATION0000000000A');
    // The "server": what a fetch returns is what the server held when the fetch read it.
    let serverRows = [row('01J0000000000000000000000A')];
    const pendingResponses: Array<() => void> = [];
    const observer = new InfiniteQueryObserver(queryClient, {
      queryKey: key,
      initialPageParam: undefined as string | undefined,
      getNextPageParam: () => undefined,
      queryFn: () => {
        const snapshot: MessageListResponse = { messages: [...serverRows].reverse(), hasMore: false, nextCursor: null };
        return new Promise<MessageListResponse>((resolve) => pendingResponses.push(() => resolve(snapshot)));
      },
    });
    const unsubscribe = observer.subscribe(() => {});
    await Promise.resolve();
    expect(pendingResponses).toHaveLength(1);

    // The server takes a new message and pushes message.created; the event lands while the fetch is in flight.
    const created = row('01J0000000000000000000000B');
    serverRows = [...serverRows, created];
    updateMessagesCache(queryClient, key, (data) =>
      applyMessageCreatedEventToPages(data, { messageId: created.id, senderId: 'bob', content: created.content, inReplyToMessageId: null, replyTo: null, clientId: null }),
    );
    // The first response (read before the message existed) arrives now, then the restarted fetch's.
    pendingResponses[0]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pendingResponses).toHaveLength(2);
    pendingResponses[1]!();
    await new Promise((resolve) => setTimeout(resolve, 0));

    const ids = queryClient.getQueryData<{ pages: MessageListResponse[] }>(key)!.pages.flatMap((p) => p.messages.map((m) => m.id));
    expect(ids).toEqual([created.id, '01J0000000000000000000000A']);
    unsubscribe();
  });
});
