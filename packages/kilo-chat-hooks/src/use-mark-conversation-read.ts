import type { KiloChatClient, MarkConversationReadResponse } from '@kilocode/kilo-chat';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { cancelConversationListsThenAdmit, refetchInterruptedConversationLists } from './conversation-list-queries.js';
import type { ConversationMutationOptions } from './conversation-mutation-options.js';
import {
  applyOptimisticMarkConversationRead,
  rollbackOptimisticMarkConversationRead,
  settleMarkConversationRead,
  type MarkConversationReadContext,
  type MarkConversationReadVariables,
} from './mark-conversation-read-cache.js';
import { useKiloChatMutation, type UseKiloChatMutationResult } from './use-kilo-chat-mutation.js';

/** The context of a mark-read mutation: what the optimistic write did, and the list fetches it interrupted. */
export interface MarkConversationReadMutationContext extends MarkConversationReadContext {
  /** Lists whose in-flight fetch was cancelled for the optimistic write; refetched when the mutation settles. */
  interrupted: readonly QueryKey[];
}

/**
 * Moves the user's read marker to `lastSeenMessageId`, optimistically: the
 * cached rows' `lastReadAt` moves forward at once (never backwards). Success
 * writes the server's `lastReadAt` without a refetch and reconciles the
 * response's `badgeClear` into the cached unread badges; failure restores the
 * previous marker only where the optimistic one was written and is still
 * shown. Runs under `useKiloChatMutation`: nothing lands for a previous owner.
 *
 * For "mark read when seen" with retries, use `useMarkConversationReadWhenSeen`.
 */
export function useMarkConversationRead(
  client: KiloChatClient,
  options?: ConversationMutationOptions<MarkConversationReadVariables>,
): UseKiloChatMutationResult<MarkConversationReadResponse, Error, MarkConversationReadVariables, MarkConversationReadMutationContext> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<MarkConversationReadResponse, Error, MarkConversationReadVariables, MarkConversationReadMutationContext>(client, {
    onMutate: async (variables, operation) => {
      const interrupted = await cancelConversationListsThenAdmit(queryClient, variables.sandboxId, variables.conversationId, operation);
      return { ...applyOptimisticMarkConversationRead(queryClient, variables), interrupted };
    },
    mutationFn: (variables, operation) =>
      client.markConversationRead(variables.conversationId, { lastSeenMessageId: variables.lastSeenMessageId }, operation),
    onSuccess: (response, _variables, context) => {
      if (context) settleMarkConversationRead(queryClient, context, response);
    },
    onError: (error, variables, context) => {
      if (context) rollbackOptimisticMarkConversationRead(queryClient, context);
      options?.onError?.(error, variables);
    },
    onSettled: (_data, _error, _variables, context) => {
      if (context) refetchInterruptedConversationLists(queryClient, context.interrupted);
    },
  });
}
