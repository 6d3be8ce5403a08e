import type { KiloChatClient, RemoveReactionResponse } from '@kilocode/kilo-chat';
import { KiloChatError } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { updateMessagesCache } from './message-cache.js';
import { applyReactionRemovedResponseToPages } from './message-reaction-events.js';
import { applyReactionRemoved } from './message-reactions.js';
import { resumeInterruptedFetch } from './interrupted-fetch.js';
import { type MessageRowMutationContext, applyOptimisticRowUpdate, rollbackOptimisticRowUpdate } from './message-row-optimism.js';
import { messagesKey } from './query-keys.js';
import { reactionTrackerFor } from './reaction-operation-tracker.js';
import type { ReactionVariables } from './use-add-reaction.js';
import { type UseKiloChatMutationResult, useKiloChatMutation } from './use-kilo-chat-mutation.js';

/**
 * Removes the current user's reaction. Hidden at once (when `currentUserId`
 * is known). On success a response with an id is recorded as a removal in
 * this QueryClient's reaction tracker, even `removed: false` (the id of the
 * earlier removal), so an older delayed `reaction.added` cannot bring it
 * back; a `null` id changes nothing. On failure the row is restored while it
 * still shows this change, otherwise refetched.
 */
export function useRemoveReaction(
  client: KiloChatClient,
  conversationId: string | null,
  currentUserId: string | null,
): UseKiloChatMutationResult<RemoveReactionResponse, Error, ReactionVariables, MessageRowMutationContext | undefined> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<RemoveReactionResponse, Error, ReactionVariables, MessageRowMutationContext | undefined>(client, {
    mutationFn: ({ messageId, emoji }, operation) => {
      if (!conversationId) return Promise.reject(new KiloChatError('invalid_argument', 'useRemoveReaction called without a conversation id'));
      return client.removeReaction(messageId, { conversationId, emoji }, operation);
    },
    onMutate: async ({ messageId, emoji }, operation) => {
      if (!conversationId || !currentUserId) return undefined;
      return applyOptimisticRowUpdate(queryClient, operation, messagesKey(conversationId), messageId, (row) => {
        const reactions = applyReactionRemoved(row.reactions, emoji, currentUserId);
        return reactions === row.reactions ? row : { ...row, reactions };
      });
    },
    onSuccess: (response, { messageId, emoji }) => {
      if (!conversationId) return;
      const queryKey = messagesKey(conversationId);
      if (!currentUserId) {
        void queryClient.invalidateQueries({ queryKey });
        return;
      }
      const tracker = reactionTrackerFor(queryClient, conversationId);
      updateMessagesCache(queryClient, queryKey, (data) =>
        applyReactionRemovedResponseToPages(data, conversationId, tracker, { messageId, emoji, memberId: currentUserId, response }),
      );
    },
    onError: (_error, _variables, context) => rollbackOptimisticRowUpdate(queryClient, context),
    onSettled: (_data, _error, _variables, context) => resumeInterruptedFetch(queryClient, context),
  });
}
