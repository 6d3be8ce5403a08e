/**
 * @internal Which cached conversation lists a conversation mutation touches.
 * Type-only use of TanStack Query: no React.
 */
import type { KiloChatOperation } from '@kilocode/kilo-chat';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { findConversationInPages, type ConversationListInfiniteData } from './conversation-pages.js';
import { conversationsKey, conversationsKeyAll } from './query-keys.js';

/**
 * @internal The key prefix a mutation on a conversation of `sandboxId`
 * scans and invalidates: that sandbox's list, or every list when the sandbox
 * is unknown (`null`).
 */
export function conversationListInvalidationKey(sandboxId: string | null): QueryKey {
  return sandboxId === null ? conversationsKeyAll() : conversationsKey(sandboxId);
}

/** @internal A cached list: its key and data. */
export interface CachedConversationList {
  /** The list's query key (`conversationsKey(sandboxId)`). */
  queryKey: QueryKey;
  /** Its cached pages, undefined while it has none. */
  data: ConversationListInfiniteData | undefined;
}

/** @internal Every cached list under {@link conversationListInvalidationKey}. */
export function cachedConversationLists(queryClient: QueryClient, sandboxId: string | null): CachedConversationList[] {
  return queryClient
    .getQueriesData<ConversationListInfiniteData>({ queryKey: conversationListInvalidationKey(sandboxId) })
    .filter(([queryKey]) => queryKey.length === 3)
    .map(([queryKey, data]) => ({ queryKey, data }));
}

/** @internal The cached lists under the key that hold `conversationId`. */
export function cachedConversationListsHolding(
  queryClient: QueryClient,
  sandboxId: string | null,
  conversationId: string,
): CachedConversationList[] {
  return cachedConversationLists(queryClient, sandboxId).filter(({ data }) => findConversationInPages(data, conversationId) !== undefined);
}

/**
 * @internal Cancels in-flight fetches of the lists an optimistic write is
 * about to edit, so an older response cannot overwrite it. Only lists that
 * already hold the row are cancelled: their data stays, and no first fetch is
 * ever abandoned.
 *
 * @returns the keys of the lists whose fetch was interrupted; pass them to
 * {@link refetchInterruptedConversationLists} once the mutation settles, so
 * the update that fetch was bringing is not lost.
 */
export async function cancelConversationListsHolding(
  queryClient: QueryClient,
  sandboxId: string | null,
  conversationId: string,
): Promise<QueryKey[]> {
  const holding = cachedConversationListsHolding(queryClient, sandboxId, conversationId);
  const interrupted = holding
    .filter(({ queryKey }) => queryClient.getQueryState(queryKey)?.fetchStatus === 'fetching')
    .map(({ queryKey }) => queryKey);
  await Promise.all(holding.map(({ queryKey }) => queryClient.cancelQueries({ queryKey, exact: true })));
  return interrupted;
}

/** @internal Invalidates the lists whose fetch {@link cancelConversationListsHolding} interrupted. */
export function refetchInterruptedConversationLists(queryClient: QueryClient, interrupted: readonly QueryKey[]): void {
  for (const queryKey of interrupted) void queryClient.invalidateQueries({ queryKey, exact: true });
}

/**
 * @internal {@link cancelConversationListsHolding}, then
 * `operation.assertDispatch()`. When the operation is refused (a lock or an
 * owner switch during the wait), the interrupted lists are fetched again at
 * once, since no settlement will follow, and the refusal is re-thrown.
 *
 * @returns the keys of the interrupted lists, for {@link refetchInterruptedConversationLists} on settlement.
 */
export async function cancelConversationListsThenAdmit(
  queryClient: QueryClient,
  sandboxId: string | null,
  conversationId: string,
  operation: KiloChatOperation,
): Promise<QueryKey[]> {
  const interrupted = await cancelConversationListsHolding(queryClient, sandboxId, conversationId);
  try {
    operation.assertDispatch();
  } catch (refusal) {
    refetchInterruptedConversationLists(queryClient, interrupted);
    throw refusal;
  }
  return interrupted;
}
