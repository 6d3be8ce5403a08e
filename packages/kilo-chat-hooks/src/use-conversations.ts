import type { ConversationListItem, ConversationListResponse, KiloChatClient } from '@kilocode/kilo-chat';
import {
  infiniteQueryOptions,
  useInfiniteQuery,
  type InfiniteData,
  type UseInfiniteQueryResult,
} from '@tanstack/react-query';
import type { ConversationListInfiniteData } from './conversation-pages.js';
import { conversationsKey } from './query-keys.js';

/** Rows per conversation page requested from the server. */
export const CONVERSATIONS_PAGE_SIZE = 50;

/**
 * How long a loaded conversation list counts as fresh, in milliseconds:
 * 30 000. Live events and resyncs keep it current, so a remount or a window
 * refocus within this time does not refetch every loaded page (weakness 12).
 */
export const DEFAULT_CONVERSATIONS_STALE_TIME_MS = 30_000;

/** What `useConversations` exposes as `data`: the raw pages plus every loaded row flattened in server order. */
export type ConversationsQueryData = ConversationListInfiniteData & {
  /** Every loaded row, pages concatenated in order (most recent activity first). */
  conversations: ConversationListItem[];
};

/** Options of {@link useConversations} and {@link conversationsInfiniteQueryOptions}. */
export interface UseConversationsOptions {
  /**
   * Passed to TanStack Query as is (the web app passes `'always'`). Left
   * undefined unless given, so the QueryClient's default applies.
   */
  refetchOnMount?: boolean | 'always';
  /** Freshness in milliseconds. @default DEFAULT_CONVERSATIONS_STALE_TIME_MS (30 000) */
  staleTime?: number;
  /**
   * Most pages kept in the cache. @default undefined (unlimited). A limit
   * drops the first (most recent) pages when later ones load, so set it only
   * for views that do not show the top of the list.
   */
  maxPages?: number;
  /**
   * Addition: with `sandboxId` null, list the conversations of every sandbox
   * (under `conversationsKey(null)`). Without it a null sandbox disables the
   * query, as in the reference. @default false
   */
  allSandboxes?: boolean;
  /** Extra gate: the query runs only when this is not false. @default true */
  enabled?: boolean;
}

function selectConversations(data: InfiniteData<ConversationListResponse, string | null>): ConversationsQueryData {
  return { ...data, conversations: data.pages.flatMap((page) => page.conversations) };
}

/**
 * The infinite-query options behind {@link useConversations}, for apps that
 * prefer TanStack's own `useInfiniteQuery` (or `prefetchInfiniteQuery`).
 *
 * Key `conversationsKey(sandboxId)`; first page param `null`; each page is
 * `listConversations({ sandboxId, limit: 50, cursor })`; the next page param
 * is the last page's `nextCursor` while it `hasMore` (null stops). Enabled
 * only with a sandbox id (or `allSandboxes`). A page that arrives after the
 * client's owner changed rejects instead of landing.
 */
export function conversationsInfiniteQueryOptions(client: KiloChatClient, sandboxId: string | null, options: UseConversationsOptions = {}) {
  const crossSandbox = sandboxId === null && options.allSandboxes === true;
  return infiniteQueryOptions({
    queryKey: conversationsKey(sandboxId),
    queryFn: async ({ pageParam, signal }): Promise<ConversationListResponse> => {
      const page = await client.listConversations(
        { sandboxId: sandboxId ?? undefined, limit: CONVERSATIONS_PAGE_SIZE, cursor: pageParam ?? undefined },
        { signal },
      );
      client.assertOwner();
      return page;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage: ConversationListResponse): string | null => (lastPage.hasMore ? lastPage.nextCursor : null),
    enabled: (Boolean(sandboxId) || crossSandbox) && options.enabled !== false,
    staleTime: options.staleTime ?? DEFAULT_CONVERSATIONS_STALE_TIME_MS,
    refetchOnMount: options.refetchOnMount,
    maxPages: options.maxPages,
    select: selectConversations,
  });
}

/**
 * The signed-in user's conversations with one sandbox's bot, as an infinite
 * query; `data.conversations` holds every loaded row in server order
 * (`lastActivityAt ?? joinedAt` descending). Disabled while `sandboxId` is
 * null (unless `options.allSandboxes`). Keep it live with
 * `useConversationListCache`.
 *
 * @example
 * ```tsx
 * const list = useConversations(client, sandboxId, { refetchOnMount: 'always' });
 * list.data?.conversations.map((row) => <Row key={row.conversationId} row={row} />);
 * ```
 */
export function useConversations(
  client: KiloChatClient,
  sandboxId: string | null,
  options?: UseConversationsOptions,
): UseInfiniteQueryResult<ConversationsQueryData, Error> {
  return useInfiniteQuery(conversationsInfiniteQueryOptions(client, sandboxId, options));
}
