import type { KiloChatClient } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { deletedMessage } from './message-events.js';
import { resumeInterruptedFetch } from './interrupted-fetch.js';
import { type MessageRowMutationContext, applyOptimisticRowUpdate, rollbackOptimisticRowUpdate } from './message-row-optimism.js';
import { messagesKey } from './query-keys.js';
import { type UseKiloChatMutationResult, useKiloChatMutation } from './use-kilo-chat-mutation.js';

/** Variables of {@link useDeleteMessage}. */
export type DeleteMessageVariables = {
  /** The message to delete (an own, stored message). */
  messageId: string;
  /** Its conversation. */
  conversationId: string;
};

/**
 * Deletes an own message. The row is marked `deleted` with its content
 * blanked at once (weakness 13: deleted content does not linger in the
 * cache); on failure the original row is restored while the row still shows
 * the delete, otherwise the messages query is refetched.
 */
export function useDeleteMessage(
  client: KiloChatClient,
  conversationId: string | null,
): UseKiloChatMutationResult<void, Error, DeleteMessageVariables, MessageRowMutationContext | undefined> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<void, Error, DeleteMessageVariables, MessageRowMutationContext | undefined>(client, {
    mutationFn: ({ messageId, conversationId: target }, operation) => client.deleteMessage(messageId, { conversationId: target }, operation),
    onMutate: async (variables, operation) => {
      if (!conversationId) return undefined;
      return applyOptimisticRowUpdate(queryClient, operation, messagesKey(conversationId), variables.messageId, deletedMessage);
    },
    onError: (_error, _variables, context) => rollbackOptimisticRowUpdate(queryClient, context),
    onSettled: (_data, _error, _variables, context) => resumeInterruptedFetch(queryClient, context),
  });
}
