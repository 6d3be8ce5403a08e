import { kiloclawConversationContext } from '@kilocode/event-service';
import { createClientId, type ExecApprovalDecision, type InputContentBlock, type Message } from '@kilocode/kilo-chat';
import {
  clearPendingAction,
  tryStartPendingAction,
  useAddReaction,
  useDeleteMessage,
  useEditMessage,
  useExecuteAction,
  useMessageCacheUpdater,
  useMessages,
  usePresenceSubscription,
  useRedeliverMessage,
  useRemoveReaction,
  useSendMessage,
  useSendStates,
  type PendingAction,
} from '@kilocode/kilo-chat-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSession } from './session-context.js';

const NO_MESSAGES: Message[] = [];
/** Pages of 100 (the API's maximum): a 10,000-message history takes half as many loads, and each load re-lays out every loaded row. */
const HISTORY_QUERY = { pageSize: 100 } as const;

/**
 * One conversation's history on the hooks package: `useMessages` (pages of
 * 100, older ones on demand, oldest → newest in `messages`, with the rows of
 * unsent and failed sends) kept live by `useMessageCacheUpdater` (created,
 * updated, deleted, delivery, reactions; its resync refetch), while the
 * conversation context is held subscribed with `usePresenceSubscription`.
 * `onNewMessage` is the app's own: every `message.created` of this
 * conversation, for the screen-reader announcement.
 */
export function useMessageHistory(sandboxId: string, conversationId: string, onNewMessage?: (message: { senderId: string; content: Message['content'] }) => void) {
  const { kiloChatClient: client } = useSession();
  const context = kiloclawConversationContext(sandboxId, conversationId);
  usePresenceSubscription(context, true);
  useMessageCacheUpdater(client, sandboxId, conversationId);

  const announce = useRef(onNewMessage);
  announce.current = onNewMessage;
  useEffect(
    () =>
      client.onMessageCreated((ctx, event) => {
        if (ctx === context) announce.current?.(event);
      }),
    [client, context],
  );

  const query = useMessages(client, conversationId, HISTORY_QUERY);
  return { ...query, messages: query.data?.messages ?? NO_MESSAGES };
}

/**
 * Send with the package's outbox: `useSendMessage` writes a `pending-<clientId>`
 * row at once; a failed send keeps its row, marked `failed` in `useSendStates`,
 * until `retry` (same `clientId`) or `discard`.
 */
export function useSendMessages(conversationId: string) {
  const { kiloChatClient: client, userId } = useSession();
  const sendMessage = useSendMessage(client, conversationId, userId);
  const states = useSendStates(conversationId);
  const { mutate, retry, discard } = sendMessage;
  const send = useCallback(
    (content: InputContentBlock[], inReplyTo: Message | null) =>
      mutate({ conversationId, clientId: createClientId(), content, ...(inReplyTo ? { inReplyToMessageId: inReplyTo.id } : {}) }),
    [mutate, conversationId],
  );
  return { states, send, retry, discard };
}

/** The message mutations of the package, as promises for the rows' buttons (one object for the life of the view, so memoised rows do not re-render). */
export function useMessageActions(conversationId: string) {
  const { kiloChatClient: client, userId } = useSession();
  const edit = useEditMessage(client, conversationId);
  const remove = useDeleteMessage(client, conversationId);
  const addReaction = useAddReaction(client, conversationId, userId);
  const removeReaction = useRemoveReaction(client, conversationId, userId);
  const redeliver = useRedeliverMessage(client, conversationId);
  const executeAction = useExecuteAction(client, conversationId, userId);
  const latest = useRef({ edit, remove, addReaction, removeReaction, redeliver, executeAction });
  latest.current = { edit, remove, addReaction, removeReaction, redeliver, executeAction };

  return useMemo(
    () => ({
      async edit(message: Message, text: string) {
        const content: InputContentBlock[] = [{ type: 'text', text }, ...message.content.filter((block) => block.type === 'attachment')];
        await latest.current.edit.mutateAsync({ messageId: message.id, conversationId, content, timestamp: Date.now() });
      },
      async remove(message: Message) {
        await latest.current.remove.mutateAsync({ messageId: message.id, conversationId });
      },
      async toggleReaction(message: Message, emoji: string) {
        const mine = message.reactions.find((reaction) => reaction.emoji === emoji)?.memberIds.includes(userId) ?? false;
        await (mine ? latest.current.removeReaction : latest.current.addReaction).mutateAsync({ messageId: message.id, emoji });
      },
      async redeliver(message: Message) {
        await latest.current.redeliver.mutateAsync({ messageId: message.id });
      },
      async executeAction(message: Message, groupId: string, value: ExecApprovalDecision) {
        await latest.current.executeAction.mutateAsync({ messageId: message.id, groupId, value });
      },
    }),
    [conversationId, userId],
  );
}

/**
 * Which action group is being answered, with the package's pending-action
 * helpers: a second click, on any button, while one answer is in flight does
 * nothing — the store is a ref checked synchronously, so even two clicks in
 * one frame send one request.
 */
export function usePendingAction() {
  const store = useRef<PendingAction | null>(null);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const run = useCallback(async (messageId: string, groupId: string, action: () => Promise<void>) => {
    const started = { messageId, groupId };
    if (!tryStartPendingAction(store, started)) return false;
    setPending(started);
    try {
      await action();
      return true;
    } finally {
      clearPendingAction(store, started);
      setPending(store.current);
    }
  }, []);
  return { pending, run };
}
