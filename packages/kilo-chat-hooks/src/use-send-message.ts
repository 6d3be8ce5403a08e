import type { CreateMessageResponse, KiloChatClient, Message } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  type SendMessageContext,
  applyOptimisticSendMessageToCache,
  discardFailedSend,
  findMessageInCache,
  settleSendMessageFailure,
  settleSendMessageSuccess,
} from './message-cache.js';
import { cancelFetchThenAdmit, resumeInterruptedFetch } from './interrupted-fetch.js';
import { pendingMessageId } from './message-pages.js';
import { messagesKey } from './query-keys.js';
import { type SendMessageVariables, sendOutboxFor } from './send-outbox.js';
import { type UseKiloChatMutationResult, useKiloChatMutation } from './use-kilo-chat-mutation.js';

/**
 * `senderId` of an optimistic row sent while `currentUserId` is null. The
 * stored message (response or echo) replaces the row, and with it this
 * placeholder, with the real sender.
 */
export const OPTIMISTIC_SENDER_ID = 'kilo-chat:self';

/** Options of {@link useSendMessage}. */
export interface UseSendMessageOptions {
  /** Called with the error of a failed send, only while `client.canStartOperation()` (not for a locked or replaced owner). */
  onError?: (error: Error) => void;
}

/** What {@link useSendMessage} returns: the mutation, plus retry and discard of failed sends. */
export type UseSendMessageResult = UseKiloChatMutationResult<CreateMessageResponse, Error, SendMessageVariables, SendMessageContext | undefined> & {
  /**
   * Sends a failed send again: the same variables with the same `clientId`
   * (its row shows `'sending'` again). Does nothing, and returns false, when
   * the send is unknown, still running, of another conversation, or already
   * stored (its row was replaced by the `message.created` echo, which also
   * clears it: the server does not deduplicate creates, so resending would
   * post it twice).
   */
  retry: (clientId: string) => boolean;
  /**
   * Drops a failed send: its row leaves the cache and its outbox entry goes.
   * @returns false when it is unknown or still running.
   */
  discard: (clientId: string) => boolean;
};

/** The optimistic row of a send. */
export function optimisticMessageFromVariables(variables: SendMessageVariables, currentUserId: string | null): Message {
  return {
    id: pendingMessageId(variables.clientId),
    senderId: currentUserId ?? OPTIMISTIC_SENDER_ID,
    content: variables.content as Message['content'],
    inReplyToMessageId: variables.inReplyToMessageId ?? null,
    replyTo: null,
    updatedAt: null,
    clientUpdatedAt: null,
    deleted: false,
    deliveryFailed: false,
    reactions: [],
  };
}

/**
 * Sends a message with an optimistic row `pending-<clientId>` at the newest
 * position (seeding a cold cache, refetched after settlement). The request
 * body is exactly the variables. Runs under a Kilo Chat operation
 * (`useKiloChatMutation`).
 *
 * - Success: the row becomes the stored message (merged when the echo was
 *   first).
 * - Failure (weakness 10 fixed, replacing the reference's removal of the
 *   row): the row stays and the send is marked `'failed'` in the QueryClient's
 *   send outbox; render it with `useSendStates`/`sendStateOf` and offer
 *   `retry(clientId)` / `discard(clientId)`. `options.onError` is called
 *   while `client.canStartOperation()`.
 * - `currentUserId` null (weakness 11 fixed): the optimistic row is still
 *   written, with `senderId` {@link OPTIMISTIC_SENDER_ID}.
 *
 * @example
 * ```tsx
 * const send = useSendMessage(client, conversationId, userId);
 * send.mutate({ conversationId, content: [{ type: 'text', text }], clientId: ulid() });
 * ```
 */
export function useSendMessage(
  client: KiloChatClient,
  conversationId: string | null,
  currentUserId: string | null,
  options?: UseSendMessageOptions,
): UseSendMessageResult {
  const queryClient = useQueryClient();
  const mutation = useKiloChatMutation<CreateMessageResponse, Error, SendMessageVariables, SendMessageContext | undefined>(client, {
    mutationFn: (variables, operation) => client.sendMessage(variables, operation),
    onMutate: async (variables, operation) => {
      if (!conversationId) return undefined;
      const queryKey = messagesKey(conversationId);
      const interruptedFetch = await cancelFetchThenAdmit(queryClient, queryKey, operation);
      const message = optimisticMessageFromVariables(variables, currentUserId);
      const context = applyOptimisticSendMessageToCache(queryClient, queryKey, message.id, message);
      sendOutboxFor(queryClient).track({ clientId: variables.clientId, conversationId, variables, message });
      return { ...context, interruptedFetch };
    },
    onSuccess: (response, _variables, context) => {
      if (context) settleSendMessageSuccess(queryClient, response, context);
    },
    onError: (error, _variables, context) => {
      if (context) settleSendMessageFailure(queryClient, error, context);
      if (client.canStartOperation()) options?.onError?.(error);
    },
    onSettled: (_response, _error, _variables, context) => resumeInterruptedFetch(queryClient, context),
  });

  const { mutate } = mutation;
  const retry = useCallback(
    (clientId: string): boolean => {
      const outbox = sendOutboxFor(queryClient);
      const entry = outbox.get(clientId);
      if (!entry || entry.status !== 'failed' || entry.conversationId !== conversationId) return false;
      const queryKey = messagesKey(conversationId);
      if (queryClient.getQueryData(queryKey) !== undefined && !findMessageInCache(queryClient, queryKey, entry.message.id)) {
        // The cache holds no pending row any more: the stored message replaced it.
        outbox.remove(clientId);
        return false;
      }
      mutate(entry.variables);
      return true;
    },
    [queryClient, conversationId, mutate],
  );
  const discard = useCallback((clientId: string) => discardFailedSend(queryClient, clientId), [queryClient]);

  return { ...mutation, retry, discard };
}
