import type { KiloChatClient } from '@kilocode/kilo-chat';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { cancelConversationListsThenAdmit, refetchInterruptedConversationLists } from './conversation-list-queries.js';
import type { ConversationMutationOptions } from './conversation-mutation-options.js';
import {
  applyOptimisticLeaveConversation,
  rollbackOptimisticLeaveConversation,
  settleLeaveConversation,
  type LeaveConversationContext,
  type LeaveConversationVariables,
} from './leave-conversation-cache.js';
import { useKiloChatMutation, type UseKiloChatMutationResult } from './use-kilo-chat-mutation.js';

/** The context of a leave mutation: what the optimistic removal did, and the list fetches it interrupted. */
export interface LeaveConversationMutationContext extends LeaveConversationContext {
  /** Lists whose in-flight fetch was cancelled for the optimistic write; refetched when the mutation settles. */
  interrupted: readonly QueryKey[];
}

/**
 * Leaves a conversation, optimistically: its row disappears from the cached
 * lists at once. Success drops its detail and messages caches and refreshes
 * the sandbox's list; failure puts the row back at its sorted position
 * (keeping any live update that landed meanwhile) and calls `onError`.
 * Runs under `useKiloChatMutation`: after a lock or owner switch during the
 * optimistic wait nothing is written, and nothing settles for a previous owner.
 */
export function useLeaveConversation(
  client: KiloChatClient,
  options?: ConversationMutationOptions<LeaveConversationVariables>,
): UseKiloChatMutationResult<void, Error, LeaveConversationVariables, LeaveConversationMutationContext> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<void, Error, LeaveConversationVariables, LeaveConversationMutationContext>(client, {
    onMutate: async (variables, operation) => {
      const interrupted = await cancelConversationListsThenAdmit(queryClient, variables.sandboxId, variables.conversationId, operation);
      return { ...applyOptimisticLeaveConversation(queryClient, variables), interrupted };
    },
    mutationFn: (variables, operation) => client.leaveConversation(variables.conversationId, operation),
    onSuccess: (_data, variables) => settleLeaveConversation(queryClient, variables),
    onError: (error, variables, context) => {
      if (context) rollbackOptimisticLeaveConversation(queryClient, context);
      options?.onError?.(error, variables);
    },
    onSettled: (_data, _error, _variables, context) => {
      if (context) refetchInterruptedConversationLists(queryClient, context.interrupted);
    },
  });
}
