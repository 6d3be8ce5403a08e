import type { KiloChatClient } from '@kilocode/kilo-chat';
import { useEffect, useRef, useState } from 'react';
import {
  attemptMarkCurrentConversationRead,
  clearMarkReadRetry,
  createMarkReadRetryState,
  createMarkReadState,
} from './mark-read-state.js';
import { useMarkConversationRead } from './use-mark-conversation-read.js';

/** Options of {@link useMarkConversationReadWhenSeen}; read at every render. */
export interface UseMarkConversationReadWhenSeenOptions {
  /** The conversation's sandbox (null scans every cached list). */
  sandboxId: string | null;
  /** The conversation on screen, or null. */
  conversationId: string | null;
  /**
   * The newest message the user can see that the server knows: use
   * `latestMarkReadMessageId(messages)`, which skips `pending-` rows. A
   * `pending-` id or null marks nothing.
   */
  latestMessageId: string | null;
  /** Whether the user is looking: the view is visible and focused (and its history loaded). */
  active: boolean;
}

/** What {@link useMarkConversationReadWhenSeen} returns. */
export interface UseMarkConversationReadWhenSeenResult {
  /**
   * Marks the current latest message read now, unless it already succeeded,
   * is in flight, or the view is inactive. Its identity never changes, so it
   * is safe in effect dependencies (weakness 1). Failures are retried as the
   * automatic attempts are; it never throws.
   */
  markRead: () => void;
}

function markerOf(options: UseMarkConversationReadWhenSeenOptions): string | null {
  const { conversationId, latestMessageId } = options;
  if (!conversationId || !latestMessageId || latestMessageId.startsWith('pending-')) return null;
  return `${conversationId}:${latestMessageId}`;
}

/**
 * Marks a conversation read while the user looks at it: whenever `active` is
 * true and `latestMessageId` changes, the marker `<conversationId>:<latestMessageId>`
 * is sent once with `useMarkConversationRead` (optimistic list update,
 * `badgeClear` reconciliation). A failed marker is retried after 250, 500 and
 * 750 ms while it is still current and the view still active; becoming
 * inactive, changing the marker or unmounting cancels the retry.
 *
 * The hook owns the marker and retry state (the reference left both to apps),
 * holds its inputs in refs, and exposes a stable imperative `markRead` for
 * extra triggers (window refocus, reconnect).
 *
 * @example
 * ```tsx
 * const { markRead } = useMarkConversationReadWhenSeen(client, {
 *   sandboxId, conversationId, latestMessageId: latestMarkReadMessageId(messages), active: isVisible,
 * });
 * useEffect(() => eventService.onReconnect(markRead), [eventService, markRead]);
 * ```
 */
export function useMarkConversationReadWhenSeen(
  client: KiloChatClient,
  options: UseMarkConversationReadWhenSeenOptions,
): UseMarkConversationReadWhenSeenResult {
  const { mutateAsync } = useMarkConversationRead(client);
  const mutateAsyncRef = useRef(mutateAsync);
  mutateAsyncRef.current = mutateAsync;
  const latest = useRef(options);
  latest.current = options;
  const mounted = useRef(false);

  const [machine] = useState(() => {
    const markReadState = createMarkReadState();
    const retryState = createMarkReadRetryState();
    const currentMarker = () => markerOf(latest.current);
    const isActive = () => mounted.current && latest.current.active;
    const markRead = (): void => {
      const { sandboxId, conversationId, latestMessageId } = latest.current;
      const marker = currentMarker();
      if (!isActive() || marker === null || !conversationId || !latestMessageId) return;
      void attemptMarkCurrentConversationRead({
        marker,
        markReadState,
        retryState,
        currentMarker,
        isActive,
        markRead: () => mutateAsyncRef.current({ conversationId, sandboxId, lastSeenMessageId: latestMessageId }),
        retry: markRead,
      });
    };
    return { markRead, retryState };
  });

  const marker = markerOf(options);
  const { active } = options;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearMarkReadRetry(machine.retryState);
    };
  }, [machine]);
  useEffect(() => {
    if (active && marker !== null) machine.markRead();
    return () => clearMarkReadRetry(machine.retryState);
  }, [active, marker, machine]);

  return { markRead: machine.markRead };
}
