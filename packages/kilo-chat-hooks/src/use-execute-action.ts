import type { ExecuteActionRequest, ExecuteActionResponse, KiloChatClient } from '@kilocode/kilo-chat';
import { KiloChatError } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { updateMessagesCache } from './message-cache.js';
import { applyExecuteActionResponseToPages, updateActionsGroup } from './message-events.js';
import { resumeInterruptedFetch } from './interrupted-fetch.js';
import { type MessageRowMutationContext, applyOptimisticRowUpdate, rollbackExecuteActionError } from './message-row-optimism.js';
import { messagesKey } from './query-keys.js';
import { type UseKiloChatMutationResult, useKiloChatMutation } from './use-kilo-chat-mutation.js';

/** Variables of {@link useExecuteAction}: the message, its actions group and the chosen value. */
export type ExecuteActionVariables = ExecuteActionRequest & {
  /** The message holding the actions block. */
  messageId: string;
};

/**
 * Answers an actions block (for example an approval). The group shows
 * `resolved: { value, resolvedBy: currentUserId, resolvedAt: now }` at once
 * (when `currentUserId` is known); success replaces the row's content with
 * the server's. On failure:
 * - "already resolved" (someone answered first): a foreign resolution already
 *   cached is kept; when the row shows none or still shows ours, it is
 *   restored and refetched;
 * - otherwise the row is restored while it still shows our answer, else refetched.
 * Pair with the pending-action helpers to allow one answer at a time.
 */
export function useExecuteAction(
  client: KiloChatClient,
  conversationId: string | null,
  currentUserId: string | null,
): UseKiloChatMutationResult<ExecuteActionResponse, Error, ExecuteActionVariables, MessageRowMutationContext | undefined> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<ExecuteActionResponse, Error, ExecuteActionVariables, MessageRowMutationContext | undefined>(client, {
    mutationFn: ({ messageId, groupId, value }, operation) => {
      if (!conversationId) return Promise.reject(new KiloChatError('invalid_argument', 'useExecuteAction called without a conversation id'));
      return client.executeAction(conversationId, messageId, { groupId, value }, operation);
    },
    onMutate: async ({ messageId, groupId, value }, operation) => {
      if (!conversationId || !currentUserId) return undefined;
      const resolved = { value, resolvedBy: currentUserId, resolvedAt: Date.now() };
      return applyOptimisticRowUpdate(queryClient, operation, messagesKey(conversationId), messageId, (row) =>
        updateActionsGroup(row, groupId, (block) => ({ ...block, resolved })),
      );
    },
    onSuccess: (response) => {
      if (!conversationId) return;
      updateMessagesCache(queryClient, messagesKey(conversationId), (data) => applyExecuteActionResponseToPages(data, response));
    },
    onError: (error, { groupId }, context) => rollbackExecuteActionError(queryClient, context, groupId, error),
    onSettled: (_data, _error, _variables, context) => resumeInterruptedFetch(queryClient, context),
  });
}
