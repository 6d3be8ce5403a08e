import { kiloclawInstanceContext, type EventServiceClient } from '@kilocode/event-service';
import type { KiloChatClient } from '@kilocode/kilo-chat';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { registerConversationListCacheHandlers } from './conversation-list-cache-handlers.js';
import { holdContext } from './deferred-release.js';
import { conversationsKey } from './query-keys.js';

/** Options of {@link useConversationListCache}. */
export interface UseConversationListCacheOptions {
  /** The sandbox whose list (`conversationsKey(sandboxId)`) is kept live; null keeps nothing live unless `allSandboxes`. */
  sandboxId: string | null;
  /** With `sandboxId: null`: keep the cross-sandbox list live from every sandbox's events. @default false */
  allSandboxes?: boolean;
  /** The signed-in user (their own `conversation.read` events move read markers). */
  currentUserId: string | null;
  /** The conversation whose message view is mounted. Changing it never re-registers. @default null */
  activeConversationId?: string | null;
  /**
   * Hold a reference on the instance context `/kiloclaw/<sandboxId>` through
   * `eventService.subscribe` while mounted (ref-counted: it never cancels
   * another subscriber). No effect for the cross-sandbox list. @default true
   */
  subscribe?: boolean;
}

/**
 * Keeps the cached conversation list live from the instance-context events
 * and the event service's resyncs: `registerConversationListCacheHandlers`
 * in an effect. `currentUserId` and `activeConversationId` are read through
 * refs at each event, so changing them (opening another conversation, a
 * re-render with new values) never re-registers the handlers.
 */
export function useConversationListCache(
  client: KiloChatClient,
  eventService: EventServiceClient,
  options: UseConversationListCacheOptions,
): void {
  const queryClient = useQueryClient();
  const latest = useRef(options);
  latest.current = options;
  const { sandboxId, allSandboxes = false, subscribe = true } = options;

  useEffect(
    () =>
      registerConversationListCacheHandlers({
        activeConversationId: () => latest.current.activeConversationId ?? null,
        currentUserId: () => latest.current.currentUserId,
        eventService,
        kiloChatClient: client,
        queryClient,
        queryKey: conversationsKey(sandboxId),
        sandboxId,
        allSandboxes,
      }),
    [client, eventService, queryClient, sandboxId, allSandboxes],
  );

  useEffect(() => {
    if (!subscribe || sandboxId === null) return undefined;
    return holdContext(eventService, kiloclawInstanceContext(sandboxId));
  }, [eventService, sandboxId, subscribe]);
}
