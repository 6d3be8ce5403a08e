import { kiloclawConversationContext } from '@kilocode/event-service';
import { createClientId, type ExecApprovalDecision, type InputContentBlock, type Message } from '@kilocode/kilo-chat';
import { messagesKey, useKiloChatClient } from '@kilocode/kilo-chat-hooks';
import { useInfiniteQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useContextSubscription } from './connection.js';
import {
  applyReactionToPages,
  markMessageDeleted,
  messageFromCreatedEvent,
  messagesOldestFirst,
  setDeliveryFailed,
  setMessageContent,
  upsertMessage,
  type MessagePages,
} from './message-cache.js';
import { useSession } from './session-context.js';

/** Messages per history page: the API's maximum, so a long history takes half as many loads (each re-lays out every loaded row). */
const PAGE_SIZE = 100;

/**
 * One conversation's history (older pages on demand) kept live from its
 * conversation context. Returns the messages oldest first.
 */
export function useMessageHistory(sandboxId: string, conversationId: string, onNewMessage?: (message: Message) => void) {
  const client = useKiloChatClient();
  const queryClient = useQueryClient();
  const queryKey = messagesKey(conversationId);
  const context = kiloclawConversationContext(sandboxId, conversationId);
  useContextSubscription([context]);
  const announce = useRef(onNewMessage);
  announce.current = onNewMessage;

  useEffect(() => {
    const key = messagesKey(conversationId);
    const update = (fn: (data: MessagePages | undefined) => MessagePages | undefined) => queryClient.setQueryData<MessagePages>(key, fn);
    const offs = [
      client.onMessageCreated((ctx, event) => {
        if (ctx !== context) return;
        const message = messageFromCreatedEvent(event);
        update((data) => upsertMessage(data, message));
        if (event.clientId) outbox.settle(event.clientId);
        announce.current?.(message);
      }),
      client.onMessageUpdated((ctx, event) => {
        if (ctx === context) update((data) => setMessageContent(data, event.messageId, event.content, event.clientUpdatedAt));
      }),
      client.onMessageDeleted((ctx, event) => {
        if (ctx === context) update((data) => markMessageDeleted(data, event.messageId));
      }),
      client.onMessageDeliveryFailed((ctx, event) => {
        if (ctx === context) update((data) => setDeliveryFailed(data, event.messageId, true));
      }),
      client.onMessageRedelivered((ctx, event) => {
        if (ctx === context) update((data) => setDeliveryFailed(data, event.messageId, false));
      }),
      client.onReactionAdded((ctx, event) => {
        if (ctx === context) update((data) => applyReactionToPages(data, event.messageId, event.emoji, event.memberId, true));
      }),
      client.onReactionRemoved((ctx, event) => {
        if (ctx === context) update((data) => applyReactionToPages(data, event.messageId, event.emoji, event.memberId, false));
      }),
      client.onActionDeliveryFailed((ctx) => {
        // The answer never reached the bot and the server undid the resolution: reload to show the buttons again.
        if (ctx === context) void queryClient.invalidateQueries({ queryKey: key });
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client, queryClient, context, conversationId]);

  const query = useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => client.listMessagesPage(conversationId, { limit: PAGE_SIZE, ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (last) => (last.hasMore && last.nextCursor ? last.nextCursor : undefined),
  });
  const messages = useMemo(() => messagesOldestFirst(query.data as MessagePages | undefined), [query.data]);
  return { ...query, messages };
}

// ----------------------------------------------------------------- the outbox

/** A message the user sent that the server has not confirmed. */
export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  senderId: string;
  content: InputContentBlock[];
  inReplyTo: Message | null;
  status: 'sending' | 'failed';
  error: string | null;
}

/**
 * Sends in order, keeps what failed for a retry with the same `clientId`,
 * and drops an entry as soon as either the response or the server's
 * `message.created` (which carries the `clientId`) confirms it. (Stands in
 * for the hooks package's send outbox and `retry(clientId)`.)
 */
class Outbox {
  private entries: OutboxEntry[] = [];
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  snapshot = () => this.entries;

  private set(entries: OutboxEntry[]) {
    this.entries = entries;
    this.listeners.forEach((listener) => listener());
  }
  put(entry: OutboxEntry) {
    this.set([...this.entries.filter((row) => row.clientId !== entry.clientId), entry]);
  }
  patch(clientId: string, patch: Partial<OutboxEntry>) {
    if (!this.entries.some((row) => row.clientId === clientId)) return;
    this.set(this.entries.map((row) => (row.clientId === clientId ? { ...row, ...patch } : row)));
  }
  settle(clientId: string) {
    if (this.entries.some((row) => row.clientId === clientId)) this.set(this.entries.filter((row) => row.clientId !== clientId));
  }
  get(clientId: string) {
    return this.entries.find((row) => row.clientId === clientId);
  }
  clear() {
    this.set([]);
  }
}

export const outbox = new Outbox();

async function deliver(client: ReturnType<typeof useKiloChatClient>, queryClient: QueryClient, entry: OutboxEntry): Promise<void> {
  outbox.patch(entry.clientId, { status: 'sending', error: null });
  try {
    const response = await client.sendMessage({
      conversationId: entry.conversationId,
      content: entry.content,
      clientId: entry.clientId,
      ...(entry.inReplyTo ? { inReplyToMessageId: entry.inReplyTo.id } : {}),
    });
    queryClient.setQueryData<MessagePages>(messagesKey(entry.conversationId), (data) => upsertMessage(data, response.message));
    outbox.settle(entry.clientId);
  } catch (error) {
    outbox.patch(entry.clientId, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

/** The unconfirmed sends of one conversation, and send/retry/discard. */
export function useSendMessages(conversationId: string) {
  const client = useKiloChatClient();
  const queryClient = useQueryClient();
  const { userId } = useSession();
  const all = useSyncExternalStore(outbox.subscribe, outbox.snapshot);
  const pending = useMemo(() => all.filter((entry) => entry.conversationId === conversationId), [all, conversationId]);

  const send = useCallback(
    (content: InputContentBlock[], inReplyTo: Message | null) => {
      const entry: OutboxEntry = {
        clientId: createClientId(),
        conversationId,
        senderId: userId,
        content,
        inReplyTo,
        status: 'sending',
        error: null,
      };
      outbox.put(entry);
      void deliver(client, queryClient, entry);
    },
    [client, queryClient, conversationId, userId],
  );
  const retry = useCallback(
    (clientId: string) => {
      const entry = outbox.get(clientId);
      if (entry && entry.status === 'failed') void deliver(client, queryClient, entry);
    },
    [client, queryClient],
  );
  const discard = useCallback((clientId: string) => outbox.settle(clientId), []);
  return { pending, send, retry, discard };
}

// ----------------------------------------------------------- message actions

export function useMessageActions(conversationId: string) {
  const client = useKiloChatClient();
  const queryClient = useQueryClient();
  const { userId } = useSession();
  const key = messagesKey(conversationId);
  const update = useCallback(
    (fn: (data: MessagePages | undefined) => MessagePages | undefined) => queryClient.setQueryData<MessagePages>(key, fn),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryClient, conversationId],
  );

  return useMemo(
    () => ({
      async edit(message: Message, text: string) {
        const content: InputContentBlock[] = [
          { type: 'text', text },
          ...message.content.filter((block) => block.type === 'attachment'),
        ];
        const timestamp = Date.now();
        await client.editMessage(message.id, { conversationId, content, timestamp });
        update((data) => setMessageContent(data, message.id, content, timestamp));
      },
      async remove(message: Message) {
        await client.deleteMessage(message.id, { conversationId });
        update((data) => markMessageDeleted(data, message.id));
      },
      async toggleReaction(message: Message, emoji: string) {
        const mine = message.reactions.find((reaction) => reaction.emoji === emoji)?.memberIds.includes(userId) ?? false;
        if (mine) {
          update((data) => applyReactionToPages(data, message.id, emoji, userId, false));
          await client.removeReaction(message.id, { conversationId, emoji }).catch((error: unknown) => {
            update((data) => applyReactionToPages(data, message.id, emoji, userId, true));
            throw error;
          });
        } else {
          update((data) => applyReactionToPages(data, message.id, emoji, userId, true));
          await client.addReaction(message.id, { conversationId, emoji }).catch((error: unknown) => {
            update((data) => applyReactionToPages(data, message.id, emoji, userId, false));
            throw error;
          });
        }
      },
      async redeliver(message: Message) {
        await client.redeliverMessage(conversationId, message.id);
        update((data) => setDeliveryFailed(data, message.id, false));
      },
      async executeAction(message: Message, groupId: string, value: ExecApprovalDecision) {
        const response = await client.executeAction(conversationId, message.id, { groupId, value });
        update((data) => setMessageContent(data, response.messageId, response.content, null));
      },
    }),
    [client, conversationId, update, userId],
  );
}

/**
 * Which action group is being answered. A second click, on any button, while
 * one answer is in flight does nothing: the ref is checked synchronously, so
 * even two clicks in one frame send one request.
 */
export function usePendingAction() {
  const current = useRef<{ messageId: string; groupId: string } | null>(null);
  const [pending, setPending] = useState<{ messageId: string; groupId: string } | null>(null);
  const run = useCallback(async (messageId: string, groupId: string, action: () => Promise<void>) => {
    if (current.current) return false;
    current.current = { messageId, groupId };
    setPending(current.current);
    try {
      await action();
      return true;
    } finally {
      current.current = null;
      setPending(null);
    }
  }, []);
  return { pending, run };
}
