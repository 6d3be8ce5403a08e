import type { KiloChatClient, OkResponse } from '@kilocode/kilo-chat';
import { KiloChatError } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { updateMessagesCache } from './message-cache.js';
import { applyMessageRedeliveredEventToPages } from './message-events.js';
import { messagesKey } from './query-keys.js';
import { type UseKiloChatMutationResult, useKiloChatMutation } from './use-kilo-chat-mutation.js';

/** Variables of {@link useRedeliverMessage}. */
export type RedeliverMessageVariables = {
  /** The message whose delivery to the bot failed. */
  messageId: string;
};

/**
 * Asks the server to deliver a failed message to the bot again. Not
 * optimistic (a failed call cannot prove the server did not accept it): the
 * row's `deliveryFailed` is cleared only on success; a later
 * `message.delivery_failed` sets it again.
 */
export function useRedeliverMessage(
  client: KiloChatClient,
  conversationId: string | null,
): UseKiloChatMutationResult<OkResponse, Error, RedeliverMessageVariables, unknown> {
  const queryClient = useQueryClient();
  return useKiloChatMutation<OkResponse, Error, RedeliverMessageVariables, unknown>(client, {
    mutationFn: ({ messageId }, operation) => {
      if (!conversationId) return Promise.reject(new KiloChatError('invalid_argument', 'useRedeliverMessage called without a conversation id'));
      return client.redeliverMessage(conversationId, messageId, operation);
    },
    onSuccess: (_response, { messageId }) => {
      if (!conversationId) return;
      updateMessagesCache(queryClient, messagesKey(conversationId), (data) => applyMessageRedeliveredEventToPages(data, { messageId }));
    },
  });
}
