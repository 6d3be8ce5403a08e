import type { KiloChatClient, Message } from '@kilocode/kilo-chat';
import { KiloChatError } from '@kilocode/kilo-chat';
import { type UseInfiniteQueryOptions, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { type MessageInfiniteData, type MessagePage, PAGE_SIZE, getNextMessagesPageParam } from './message-pages.js';
import { markProducedMessageData, shareMessageInfiniteData } from './message-structural-sharing.js';
import { messagesKey } from './query-keys.js';
import { sendOutboxFor, withOutboxRows } from './send-outbox.js';

/** What `useMessages` exposes as `data`: the cached pages plus `messages`, every loaded row oldest → newest. */
export type MessagesData = MessageInfiniteData & {
  /** All loaded rows in display order: oldest first, newest last (the pages flattened and reversed). */
  messages: Message[];
};

/** The query key of a conversation's messages. */
export type MessagesQueryKey = ReturnType<typeof messagesKey>;

/** The options `messagesInfiniteQueryOptions` returns (TanStack's `useInfiniteQuery` options). */
export type MessagesInfiniteQueryOptions = UseInfiniteQueryOptions<MessagePage, Error, MessagesData, MessagesQueryKey, string | undefined>;

/**
 * Options a caller may override on the message query (addition: the
 * reference took none). Anything TanStack's `useInfiniteQuery` accepts,
 * except what defines the query itself.
 */
export type MessagesQueryOverrides = Partial<
  Omit<MessagesInfiniteQueryOptions, 'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam' | 'select' | 'enabled'>
> & {
  /** ANDed with "a conversation id is set". @default true */
  enabled?: boolean;
  /**
   * Messages per page, 1–100 (the API's maximum). Larger pages mean fewer
   * requests for a long history. Changing it on a cached query takes effect
   * on the next page fetched.
   * @default 50 (`PAGE_SIZE`)
   */
  pageSize?: number;
};

/**
 * Default `staleTime` of the message query, in milliseconds (30 s).
 *
 * Live events keep a mounted conversation's cache current, and a resync of
 * the event socket invalidates it (`useMessageCacheUpdater`), so a window
 * refocus or a remount within 30 s does not refetch every loaded page (the
 * reference's `staleTime: 0` did, one page after another). `maxPages` is
 * left unset: message pages only go backwards in time, so trimming would drop
 * the newest page, the one live messages land in.
 */
export const MESSAGES_STALE_TIME_MS = 30_000;

function selectMessages(data: MessageInfiniteData): MessagesData {
  const messages: Message[] = [];
  for (let pageIndex = data.pages.length - 1; pageIndex >= 0; pageIndex--) {
    const rows = (data.pages[pageIndex] as MessagePage).messages;
    for (let row = rows.length - 1; row >= 0; row--) messages.push(rows[row] as Message);
  }
  return markProducedMessageData({ ...data, messages });
}

/**
 * The options of a conversation's message history as an infinite query, for
 * `useInfiniteQuery`, `prefetchInfiniteQuery` or `ensureInfiniteQueryData`
 * (`useMessages` uses them).
 *
 * - key `messagesKey(conversationId)`; disabled while `conversationId` is null or empty;
 * - each page is `listMessagesPage(id, { before: pageParam, limit: pageSize })` (50 unless overridden)
 *   (the previous page's cursor as `before`), then `client.assertOwner()`, so
 *   a page fetched for a previous owner rejects instead of landing;
 * - when the newest page is (re)fetched, the rows of this conversation's
 *   unsent and failed sends (the send outbox) are put back at its top;
 * - `select` adds `messages`, oldest → newest;
 * - `staleTime` {@link MESSAGES_STALE_TIME_MS}; structural sharing by message
 *   id, so unchanged rows keep their identity across refetches and events.
 *
 * @param overrides - `pageSize`, and any other `useInfiniteQuery` option, applied last (e.g. `{ staleTime: 0 }`).
 * @throws KiloChatError `invalid_argument` when `pageSize` is not an integer from 1 to 100.
 */
export function messagesInfiniteQueryOptions(
  client: KiloChatClient,
  conversationId: string | null,
  overrides: MessagesQueryOverrides = {},
): MessagesInfiniteQueryOptions {
  const { enabled = true, pageSize = PAGE_SIZE, ...rest } = overrides;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new KiloChatError('invalid_argument', `pageSize must be an integer from 1 to 100, got ${pageSize}`);
  }
  return {
    staleTime: MESSAGES_STALE_TIME_MS,
    structuralSharing: shareMessageInfiniteData,
    ...rest,
    queryKey: messagesKey(conversationId),
    queryFn: async (context) => {
      if (!conversationId) throw new KiloChatError('invalid_argument', 'useMessages called without a conversation id');
      const page = await client.listMessagesPage(conversationId, { before: context.pageParam, limit: pageSize }, { signal: context.signal });
      client.assertOwner();
      const queryClient = (context as { client?: Parameters<typeof sendOutboxFor>[0] }).client;
      return context.pageParam === undefined && queryClient ? withOutboxRows(page, sendOutboxFor(queryClient), conversationId) : page;
    },
    initialPageParam: undefined,
    getNextPageParam: getNextMessagesPageParam,
    select: selectMessages,
    enabled: Boolean(conversationId) && enabled,
  };
}

/**
 * A conversation's message history, newest page first, with `data.messages`
 * in display order (oldest → newest). Disabled while `conversationId` is null
 * or empty. Call `fetchNextPage()` to load older history. Keep it current
 * with `useMessageCacheUpdater`.
 *
 * @param overrides - addition: any `useInfiniteQuery` option (see {@link messagesInfiniteQueryOptions}).
 *
 * @example
 * ```tsx
 * const { data, fetchNextPage, hasNextPage } = useMessages(client, conversationId);
 * return <List rows={data?.messages ?? []} onTopReached={() => hasNextPage && fetchNextPage()} />;
 * ```
 */
export function useMessages(
  client: KiloChatClient,
  conversationId: string | null,
  overrides?: MessagesQueryOverrides,
): UseInfiniteQueryResult<MessagesData, Error> {
  return useInfiniteQuery(messagesInfiniteQueryOptions(client, conversationId, overrides));
}
