import type { CreateConversationResponse, KiloChatClient } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import type { ConversationMutationOptions } from './conversation-mutation-options.js';
import { settleCreateConversation, type CreateConversationVariables } from './create-conversation-cache.js';
import { createConversationMutationKey } from './query-keys.js';
import { useKiloChatMutation, type UseKiloChatMutationResult } from './use-kilo-chat-mutation.js';

/**
 * Creates a conversation with a sandbox's bot. On success the new row is
 * inserted into the cached lists it belongs to (`settleCreateConversation`).
 * The mutation key is `createConversationMutationKey` and its `variables`
 * keep the caller's shape, so
 * `useIsMutating({ mutationKey: createConversationMutationKey, predicate: (m) => m.state.variables?.sandboxId === id })`
 * shows "creating" per sandbox. Runs under `useKiloChatMutation`: nothing
 * lands for a previous owner.
 */
export function useCreateConversation(
  client: KiloChatClient,
  options?: ConversationMutationOptions<CreateConversationVariables>,
): UseKiloChatMutationResult<CreateConversationResponse, Error, CreateConversationVariables, void> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<CreateConversationResponse, Error, CreateConversationVariables, void>(client, {
    mutationKey: createConversationMutationKey,
    mutationFn: (variables, operation) =>
      client.createConversation(
        variables.title === undefined ? { sandboxId: variables.sandboxId } : { sandboxId: variables.sandboxId, title: variables.title },
        operation,
      ),
    onSuccess: (response, variables) => settleCreateConversation(queryClient, variables, response),
    onError: (error, variables) => options?.onError?.(error, variables),
  });
}
