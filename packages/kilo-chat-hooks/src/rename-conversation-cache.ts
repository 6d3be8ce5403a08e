/**
 * Cache settlement of a successful conversation rename. No React.
 */
import type { ConversationDetailResponse } from '@kilocode/kilo-chat';
import type { QueryClient } from '@tanstack/react-query';
import { cachedConversationLists, conversationListInvalidationKey } from './conversation-list-queries.js';
import { updateConversationPages } from './conversation-pages.js';
import { conversationKey } from './query-keys.js';

/** Variables of `useRenameConversation`. */
export interface RenameConversationVariables {
  /** The conversation to rename. */
  conversationId: string;
  /** The new title (1–200 characters after trimming; the server trims it). */
  title: string;
  /** The conversation's sandbox, whose list is refreshed; `null` refreshes every list. */
  sandboxId: string | null;
}

/**
 * After a rename: the cached detail and every cached list row of the
 * conversation show the new (trimmed) title at once; then the detail and the
 * target sandbox's list (every list when `sandboxId` is null) are
 * invalidated so the server's copy wins. Other sandboxes' lists are not
 * refetched.
 */
export function settleRenameConversation(queryClient: QueryClient, variables: RenameConversationVariables): void {
  const title = variables.title.trim();
  const detailKey = conversationKey(variables.conversationId);
  const detail = queryClient.getQueryData<ConversationDetailResponse>(detailKey);
  if (detail && detail.title !== title) queryClient.setQueryData<ConversationDetailResponse>(detailKey, { ...detail, title });
  for (const { queryKey, data } of cachedConversationLists(queryClient, null)) {
    const next = updateConversationPages(data, (item) =>
      item.conversationId === variables.conversationId && item.title !== title ? { ...item, title } : item,
    );
    if (next !== data) queryClient.setQueryData(queryKey, next);
  }
  void queryClient.invalidateQueries({ queryKey: detailKey, exact: true });
  void queryClient.invalidateQueries({ queryKey: conversationListInvalidationKey(variables.sandboxId), exact: variables.sandboxId !== null });
}
