/**
 * Optimistic leave, its rollback and its settlement. No React.
 */
import type { ConversationListItem } from '@kilocode/kilo-chat';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { cachedConversationListsHolding, conversationListInvalidationKey } from './conversation-list-queries.js';
import {
  applyConversationCreatedToPages,
  filterConversationPages,
  findConversationInPages,
  type ConversationListInfiniteData,
} from './conversation-pages.js';
import { conversationKey, messagesKey } from './query-keys.js';
import { sendOutboxFor } from './send-outbox.js';

/** Variables of `useLeaveConversation`. */
export interface LeaveConversationVariables {
  /** The conversation to leave. */
  conversationId: string;
  /** The conversation's sandbox; `null` scans and refreshes every cached list. */
  sandboxId: string | null;
}

/** What {@link applyOptimisticLeaveConversation} removed, for the rollback. */
export interface LeaveConversationContext {
  /** The conversation left. */
  conversationId: string;
  /** Its sandbox, as passed. */
  sandboxId: string | null;
  /** Each list the row was removed from, with the row as it was. */
  removed: Array<{ queryKey: QueryKey; item: ConversationListItem }>;
}

/**
 * Removes the conversation's row from every cached list under the sandbox's
 * key (every list when `sandboxId` is null) and remembers each removed row.
 */
export function applyOptimisticLeaveConversation(queryClient: QueryClient, variables: LeaveConversationVariables): LeaveConversationContext {
  const removed: LeaveConversationContext['removed'] = [];
  for (const { queryKey, data } of cachedConversationListsHolding(queryClient, variables.sandboxId, variables.conversationId)) {
    const item = findConversationInPages(data, variables.conversationId);
    if (!item) continue;
    removed.push({ queryKey, item });
    queryClient.setQueryData<ConversationListInfiniteData>(queryKey, (current) =>
      filterConversationPages(current, (row) => row.conversationId !== variables.conversationId),
    );
  }
  return { conversationId: variables.conversationId, sandboxId: variables.sandboxId, removed };
}

/**
 * Puts each removed row back at its sorted position in the list as it is now
 * (so activity, create and rename patches that landed meanwhile survive), and
 * skips lists where the row is already back. A list the row cannot be placed
 * in (for example it now sorts beyond an incomplete list's loaded pages) is
 * invalidated instead. Nothing else is invalidated.
 */
export function rollbackOptimisticLeaveConversation(queryClient: QueryClient, context: LeaveConversationContext): void {
  for (const { queryKey, item } of context.removed) {
    const current = queryClient.getQueryData<ConversationListInfiniteData>(queryKey);
    if (findConversationInPages(current, item.conversationId)) continue;
    const patch = applyConversationCreatedToPages(current, item);
    if (patch.applied) {
      if (patch.data !== current) queryClient.setQueryData(queryKey, patch.data);
    } else {
      void queryClient.invalidateQueries({ queryKey, exact: true });
    }
  }
}

/**
 * Forgets what the user can no longer read once they left a conversation:
 * its detail and message caches, and its unsent or failed sends in the
 * outbox. Used by the leave mutation and the `conversation.left` event alike.
 */
export function forgetLeftConversation(queryClient: QueryClient, conversationId: string): void {
  queryClient.removeQueries({ queryKey: conversationKey(conversationId), exact: true });
  queryClient.removeQueries({ queryKey: messagesKey(conversationId), exact: true });
  sendOutboxFor(queryClient).clear(conversationId);
}

/**
 * After a successful leave: forgets the conversation's detail, messages and
 * outbox entries ({@link forgetLeftConversation}) and invalidates the target
 * sandbox's list (every list when `sandboxId` is null).
 */
export function settleLeaveConversation(queryClient: QueryClient, variables: LeaveConversationVariables): void {
  forgetLeftConversation(queryClient, variables.conversationId);
  void queryClient.invalidateQueries({ queryKey: conversationListInvalidationKey(variables.sandboxId), exact: variables.sandboxId !== null });
}
