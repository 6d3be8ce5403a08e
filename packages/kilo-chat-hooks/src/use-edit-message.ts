import type { EditMessageRequest, EditMessageResponse, KiloChatClient } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { rollbackEditMessageError } from './message-cache.js';
import { resumeInterruptedFetch } from './interrupted-fetch.js';
import { type MessageRowMutationContext, applyOptimisticRowUpdate } from './message-row-optimism.js';
import { messagesKey } from './query-keys.js';
import { type UseKiloChatMutationResult, useKiloChatMutation } from './use-kilo-chat-mutation.js';

/** Variables of {@link useEditMessage}: the message and the edit body (`timestamp` is the editor's clock, Unix ms). */
export type EditMessageVariables = EditMessageRequest & {
  /** The message to edit (an own, stored message). */
  messageId: string;
};

/**
 * Edits an own message. The row shows the new `content` and
 * `clientUpdatedAt = timestamp` at once; success changes nothing more (the
 * `message.updated` event confirms it). On failure the original row is
 * restored while the row still shows this edit, and the messages query is
 * refetched when it could not be, or when the server answered 409 (a newer
 * edit won).
 */
export function useEditMessage(
  client: KiloChatClient,
  conversationId: string | null,
): UseKiloChatMutationResult<EditMessageResponse, Error, EditMessageVariables, MessageRowMutationContext | undefined> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<EditMessageResponse, Error, EditMessageVariables, MessageRowMutationContext | undefined>(client, {
    mutationFn: ({ messageId, conversationId: target, content, timestamp }, operation) =>
      client.editMessage(messageId, { conversationId: target, content, timestamp }, operation),
    onMutate: async (variables, operation) => {
      if (!conversationId) return undefined;
      return applyOptimisticRowUpdate(queryClient, operation, messagesKey(conversationId), variables.messageId, (row) => ({
        ...row,
        content: variables.content as typeof row.content,
        clientUpdatedAt: variables.timestamp,
      }));
    },
    onError: (error, _variables, context) => {
      if (context?.snapshot && context.optimisticMessage) {
        rollbackEditMessageError(queryClient, context.queryKey, context.snapshot, context.optimisticMessage, error);
      }
    },
    onSettled: (_data, _error, _variables, context) => resumeInterruptedFetch(queryClient, context),
  });
}
