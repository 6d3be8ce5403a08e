/**
 * Message-cache operations on a QueryClient: the pure appliers of
 * `message-pages.ts` and `message-events.ts` written through
 * `setQueryData`, plus the optimistic send and its settlement.
 */
import type { CreateMessageResponse, Message } from '@kilocode/kilo-chat';
import { KiloChatApiError } from '@kilocode/kilo-chat';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { jsonEqual } from './json-equal.js';
import { applyCreateMessageResponseToPages, applyOptimisticMessageToPages } from './message-events.js';
import { locateMessage } from './message-page-index.js';
import { type MessageInfiniteData, isPendingMessageId, removeMessageFromPages, updateMessageInPages } from './message-pages.js';
import { messagesKey } from './query-keys.js';
import { refetchIfFetching } from './refetch-if-fetching.js';
import { clientIdOfPendingMessage, sendOutboxFor } from './send-outbox.js';

/**
 * Writes `apply(current)` to the message cache under `queryKey` when it
 * differs from the current data. A write that seeds a cold cache is stored as
 * already stale (`updatedAt: 0`), so the first `useMessages` that mounts
 * fetches the real history instead of trusting a page holding only what was
 * seeded. A fetch of the query in flight during the write is restarted, so
 * its older response cannot overwrite the write.
 *
 * @returns the data now cached.
 */
export function updateMessagesCache(
  queryClient: QueryClient,
  queryKey: QueryKey,
  apply: (current: MessageInfiniteData | undefined) => MessageInfiniteData | undefined,
): MessageInfiniteData | undefined {
  const current = queryClient.getQueryData<MessageInfiniteData>(queryKey);
  const next = apply(current);
  if (next === current || next === undefined) return current;
  const written = queryClient.setQueryData<MessageInfiniteData>(queryKey, next, current === undefined ? { updatedAt: 0 } : undefined);
  refetchIfFetching(queryClient, queryKey);
  return written;
}

/** The cached row `messageId` under `queryKey`, if loaded. */
export function findMessageInCache(queryClient: QueryClient, queryKey: QueryKey, messageId: string): Message | undefined {
  const data = queryClient.getQueryData<MessageInfiniteData>(queryKey);
  return data ? locateMessage(data.pages, messageId)?.message : undefined;
}

/**
 * Puts `snapshot` back in place of the row with its id. With `guard`, only
 * when the cached row still deep-equals `guard` (the row a mutation wrote),
 * so a newer change from an event or another mutation is never overwritten.
 *
 * @returns true when the snapshot was written (or the row already equals it).
 */
export function restoreMessageInCache(queryClient: QueryClient, queryKey: QueryKey, snapshot: Message, guard?: Message): boolean {
  let restored = false;
  updateMessagesCache(queryClient, queryKey, (data) =>
    updateMessageInPages(data, snapshot.id, (current) => {
      if (guard !== undefined && current !== guard && !jsonEqual(current, guard)) return current;
      restored = true;
      return current === snapshot || jsonEqual(current, snapshot) ? current : snapshot;
    }),
  );
  return restored;
}

/** Removes the row `messageId` from the cache under `queryKey`. */
export function removeMessageFromCache(queryClient: QueryClient, queryKey: QueryKey, messageId: string): void {
  updateMessagesCache(queryClient, queryKey, (data) => removeMessageFromPages(data, messageId));
}

/**
 * Rolls back a failed edit: restores `snapshot` while the row still shows
 * the optimistic edit, and invalidates the messages query when it could not
 * (a newer change landed) or when the server answered 409 (a newer edit won:
 * refetch to show it).
 */
export function rollbackEditMessageError(queryClient: QueryClient, queryKey: QueryKey, snapshot: Message, optimistic: Message, error: unknown): void {
  const restored = restoreMessageInCache(queryClient, queryKey, snapshot, optimistic);
  const conflict = error instanceof KiloChatApiError ? error.status === 409 : (error as { status?: unknown } | null)?.status === 409;
  if (!restored || conflict) void queryClient.invalidateQueries({ queryKey });
}

/** What `useSendMessage` remembers between the optimistic write and the settlement. */
export interface SendMessageContext {
  /** The messages key written to. */
  queryKey: QueryKey;
  /** The optimistic row's id, `pending-<clientId>`. */
  pendingId: string;
  /** True when the cache was empty and got seeded with just the optimistic row (refetched after settlement). */
  seededColdCache: boolean;
  /** True when the send cancelled a running fetch of the query (fetched again once it settles). */
  interruptedFetch?: boolean;
}

/** Writes the optimistic row of a send (seeding a cold cache) and returns the settlement context. */
export function applyOptimisticSendMessageToCache(queryClient: QueryClient, queryKey: QueryKey, pendingId: string, message: Message): SendMessageContext {
  const seededColdCache = queryClient.getQueryData(queryKey) === undefined;
  updateMessagesCache(queryClient, queryKey, (data) => applyOptimisticMessageToPages(data, message));
  return { queryKey, pendingId, seededColdCache };
}

/**
 * Lands a successful send: the optimistic row becomes the stored message
 * (merged when the echo was first), the outbox entry goes, and a cache that
 * was seeded cold (or is cold now) is refetched to load the real history.
 */
export function settleSendMessageSuccess(queryClient: QueryClient, response: CreateMessageResponse, context: SendMessageContext): void {
  const wasCold = queryClient.getQueryData(context.queryKey) === undefined;
  updateMessagesCache(queryClient, context.queryKey, (data) => applyCreateMessageResponseToPages(data, context.pendingId, response));
  const clientId = clientIdOfPendingMessage(context.pendingId);
  if (clientId !== null) sendOutboxFor(queryClient).remove(clientId);
  if (context.seededColdCache || wasCold) void queryClient.invalidateQueries({ queryKey: context.queryKey });
}

/**
 * Settles a failed send without losing it: the `pending-` row stays and the
 * outbox marks the send `'failed'` with `error` (see `useSendMessage().retry`
 * and `discard`). A cache that was seeded cold is refetched; the refetched
 * newest page keeps the failed row.
 */
export function settleSendMessageFailure(queryClient: QueryClient, error: unknown, context: SendMessageContext): void {
  const clientId = clientIdOfPendingMessage(context.pendingId);
  if (clientId !== null) sendOutboxFor(queryClient).markFailed(clientId, error);
  if (context.seededColdCache) void queryClient.invalidateQueries({ queryKey: context.queryKey });
}

/**
 * Drops a failed send: removes its `pending-` row from the cache and its
 * outbox entry. Sends still running are left alone.
 *
 * @returns true when something was discarded.
 */
export function discardFailedSend(queryClient: QueryClient, clientId: string): boolean {
  const outbox = sendOutboxFor(queryClient);
  const entry = outbox.get(clientId);
  if (!entry || entry.status !== 'failed') return false;
  removeMessageFromCache(queryClient, messagesKey(entry.conversationId), entry.message.id);
  outbox.remove(clientId);
  return true;
}

/**
 * The id to mark read: the newest id of `messages` (oldest → newest, as in
 * `useMessages().data.messages`) that is not an optimistic `pending-` row;
 * null when there is none.
 */
export function latestMarkReadMessageId(messages: readonly Pick<Message, 'id'>[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const id = (messages[i] as Pick<Message, 'id'>).id;
    if (!isPendingMessageId(id)) return id;
  }
  return null;
}
