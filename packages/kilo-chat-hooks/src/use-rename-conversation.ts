import type { KiloChatClient, OkResponse } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import type { ConversationMutationOptions } from './conversation-mutation-options.js';
import { settleRenameConversation, type RenameConversationVariables } from './rename-conversation-cache.js';
import { useKiloChatMutation, type UseKiloChatMutationResult } from './use-kilo-chat-mutation.js';

/**
 * Renames a conversation. Not optimistic; on success the cached detail and
 * list rows show the new title at once, and the detail and the sandbox's list
 * are refetched (`settleRenameConversation`). Runs under
 * `useKiloChatMutation`: nothing lands for a previous owner.
 */
export function useRenameConversation(
  client: KiloChatClient,
  options?: ConversationMutationOptions<RenameConversationVariables>,
): UseKiloChatMutationResult<OkResponse, Error, RenameConversationVariables, void> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<OkResponse, Error, RenameConversationVariables, void>(client, {
    mutationFn: (variables, operation) => client.renameConversation(variables.conversationId, { title: variables.title }, operation),
    onSuccess: (_response, variables) => settleRenameConversation(queryClient, variables),
    onError: (error, variables) => options?.onError?.(error, variables),
  });
}
