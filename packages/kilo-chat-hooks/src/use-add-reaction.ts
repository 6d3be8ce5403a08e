import type { AddReactionResponse, KiloChatClient } from '@kilocode/kilo-chat';
import { KiloChatError } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { updateMessagesCache } from './message-cache.js';
import { applyReactionAddedMutationToPages } from './message-reaction-events.js';
import { applyReactionAdded } from './message-reactions.js';
import { resumeInterruptedFetch } from './interrupted-fetch.js';
import { type MessageRowMutationContext, applyOptimisticRowUpdate, rollbackOptimisticRowUpdate } from './message-row-optimism.js';
import { messagesKey } from './query-keys.js';
import { reactionTrackerFor } from './reaction-operation-tracker.js';
import { type UseKiloChatMutationResult, useKiloChatMutation } from './use-kilo-chat-mutation.js';

/** Variables of {@link useAddReaction} and `useRemoveReaction`. */
export type ReactionVariables = {
  /** The message. */
  messageId: string;
  /** The emoji. */
  emoji: string;
};

/**
 * Adds the current user's reaction. Shown at once (when `currentUserId` is
 * known); on success the operation id the server returned is recorded in
 * this QueryClient's reaction tracker, so an older `reaction.removed` that
 * arrives late cannot undo it. On failure the row is restored while it still
 * shows this change, otherwise refetched.
 */
export function useAddReaction(
  client: KiloChatClient,
  conversationId: string | null,
  currentUserId: string | null,
): UseKiloChatMutationResult<AddReactionResponse, Error, ReactionVariables, MessageRowMutationContext | undefined> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<AddReactionResponse, Error, ReactionVariables, MessageRowMutationContext | undefined>(client, {
    mutationFn: ({ messageId, emoji }, operation) => {
      if (!conversationId) return Promise.reject(new KiloChatError('invalid_argument', 'useAddReaction called without a conversation id'));
      return client.addReaction(messageId, { conversationId, emoji }, operation);
    },
    onMutate: async ({ messageId, emoji }, operation) => {
      if (!conversationId || !currentUserId) return undefined;
      return applyOptimisticRowUpdate(queryClient, operation, messagesKey(conversationId), messageId, (row) => {
        const reactions = applyReactionAdded(row.reactions, emoji, currentUserId);
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
        applyReactionAddedMutationToPages(data, conversationId, tracker, { messageId, emoji, memberId: currentUserId, operationId: response.id }),
      );
    },
    onError: (_error, _variables, context) => rollbackOptimisticRowUpdate(queryClient, context),
    onSettled: (_data, _error, _variables, context) => resumeInterruptedFetch(queryClient, context),
  });
}
