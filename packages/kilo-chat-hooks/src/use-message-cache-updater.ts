import { kiloclawConversationContext } from '@kilocode/event-service';
import type { KiloChatClient } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useOptionalEventServiceClient } from './kilo-chat-hooks-context.js';
import { updateMessagesCache } from './message-cache.js';
import {
  applyActionDeliveryFailedEventToPages,
  applyMessageCreatedEventToPages,
  applyMessageDeletedEventToPages,
  applyMessageDeliveryFailedEventToPages,
  applyMessageRedeliveredEventToPages,
  applyMessageUpdatedEventToPages,
} from './message-events.js';
import { applyReactionAddedEventToPages, applyReactionRemovedEventToPages } from './message-reaction-events.js';
import { messagesKey } from './query-keys.js';
import { reactionTrackerFor } from './reaction-operation-tracker.js';
import { sendOutboxFor } from './send-outbox.js';

/**
 * Keeps a conversation's message cache current from live events. Does
 * nothing until both ids are set. Events are taken only from the context
 * `kiloclawConversationContext(sandboxId, conversationId)`; subscribing the
 * socket to that context is up to the app (`usePresenceSubscription`), as in
 * the reference.
 *
 * | event | cache |
 * |---|---|
 * | `message.created` | replaces the `pending-<clientId>` row (and ends its outbox entry), merges into an existing row, or inserts; seeds a cold cache |
 * | `message.updated` | new content unless older than the cached edit (`applyMessageUpdatedEventToPages`) |
 * | `message.deleted` | `deleted: true`, content blanked |
 * | `message.delivery_failed` / `message.redelivered` | sets / clears `deliveryFailed` |
 * | `action.delivery_failed` | removes that group's `resolved` |
 * | `reaction.added` / `reaction.removed` | through this QueryClient's reaction tracker of the conversation |
 *
 * Callbacks:
 * - `onHumanMessageCreated(context, senderId)` for every `message.created`
 *   whose sender is not a bot (`bot:` prefix), before the cache write (apps
 *   clear that member's typing indicator);
 * - `onMessageDeliveryFailed()` and `onActionFailed()` only while
 *   `client.canStartOperation()` (a locked client stores the failure
 *   silently).
 *
 * The callbacks are read from refs: passing new functions on every render
 * never re-subscribes (so no event is missed in between).
 *
 * Addition: inside a `KiloChatHooksProvider`, a resync of its event client
 * (a reconnect or a lost frame) invalidates this conversation's messages.
 * Outside a provider that part is skipped; nothing throws.
 */
export function useMessageCacheUpdater(
  client: KiloChatClient,
  sandboxId: string | null,
  conversationId: string | null,
  onHumanMessageCreated?: (context: string, senderId: string) => void,
  onActionFailed?: () => void,
  onMessageDeliveryFailed?: () => void,
): void {
  const queryClient = useQueryClient();
  const eventService = useOptionalEventServiceClient();
  const callbacks = useRef({ onHumanMessageCreated, onActionFailed, onMessageDeliveryFailed });
  callbacks.current = { onHumanMessageCreated, onActionFailed, onMessageDeliveryFailed };

  useEffect(() => {
    if (!sandboxId || !conversationId) return undefined;
    const expected = kiloclawConversationContext(sandboxId, conversationId);
    const queryKey = messagesKey(conversationId);
    const tracker = () => reactionTrackerFor(queryClient, conversationId);
    const outbox = sendOutboxFor(queryClient);
    const offs = [
      client.onMessageCreated((context, event) => {
        if (context !== expected) return;
        if (!event.senderId.startsWith('bot:')) callbacks.current.onHumanMessageCreated?.(context, event.senderId);
        updateMessagesCache(queryClient, queryKey, (data) => applyMessageCreatedEventToPages(data, event));
        if (event.clientId) outbox.remove(event.clientId);
      }),
      client.onMessageUpdated((context, event) => {
        if (context !== expected) return;
        updateMessagesCache(queryClient, queryKey, (data) => applyMessageUpdatedEventToPages(data, event));
      }),
      client.onMessageDeleted((context, event) => {
        if (context !== expected) return;
        updateMessagesCache(queryClient, queryKey, (data) => applyMessageDeletedEventToPages(data, event));
      }),
      client.onMessageDeliveryFailed((context, event) => {
        if (context !== expected) return;
        updateMessagesCache(queryClient, queryKey, (data) => applyMessageDeliveryFailedEventToPages(data, event));
        if (client.canStartOperation()) callbacks.current.onMessageDeliveryFailed?.();
      }),
      client.onMessageRedelivered((context, event) => {
        if (context !== expected) return;
        updateMessagesCache(queryClient, queryKey, (data) => applyMessageRedeliveredEventToPages(data, event));
      }),
      client.onActionDeliveryFailed((context, event) => {
        if (context !== expected) return;
        updateMessagesCache(queryClient, queryKey, (data) => applyActionDeliveryFailedEventToPages(data, event));
        if (client.canStartOperation()) callbacks.current.onActionFailed?.();
      }),
      client.onReactionAdded((context, event) => {
        if (context !== expected) return;
        updateMessagesCache(queryClient, queryKey, (data) => applyReactionAddedEventToPages(data, conversationId, tracker(), event));
      }),
      client.onReactionRemoved((context, event) => {
        if (context !== expected) return;
        updateMessagesCache(queryClient, queryKey, (data) => applyReactionRemovedEventToPages(data, conversationId, tracker(), event));
      }),
    ];
    if (eventService) {
      offs.push(
        eventService.onResync(() => {
          void queryClient.invalidateQueries({ queryKey });
        }),
      );
    }
    return () => {
      for (const off of offs) off();
    };
  }, [client, eventService, queryClient, sandboxId, conversationId]);
}
