import { kiloclawConversationContext } from '@kilocode/event-service';
import type { KiloChatClient } from '@kilocode/kilo-chat';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TypingSender } from './typing-sender.js';
import { TypingState } from './typing-state.js';

/** Options of {@link useTyping}. */
export interface UseTypingOptions {
  /**
   * Least time between two `typing` requests, in milliseconds.
   * @default 3000
   */
  throttleMs?: number;
  /**
   * How long a member shows as typing after their last `typing` event, in milliseconds.
   * @default 5000
   */
  expiryMs?: number;
  /** Receives the error of a failed `typing`/`typing.stop` request. Held in a ref: changing it re-subscribes nothing. */
  onError?: (error: unknown) => void;
}

/** What {@link useTyping} returns. The two functions keep their identity across renders. */
export interface UseTypingResult {
  /** Members typing in the conversation (never the current user), in the order they started. */
  typingMemberIds: readonly string[];
  /** Call on every keystroke in the composer; sends `typing` at most once per `throttleMs`. */
  notifyTyping: () => void;
  /** Call when the draft is sent or emptied; sends `typing.stop` when a `typing` went out. */
  stopTyping: () => void;
}

const NOBODY: readonly string[] = Object.freeze([]);

/**
 * Addition (the reference left typing to apps): both sides of the typing
 * indicator of one conversation.
 *
 * - Receiving: `typing`, `typing.stop` and `message.created` events of the
 *   conversation context (`kiloclawConversationContext(sandboxId, conversationId)`)
 *   go through a {@link TypingState}: 5 s expiry per member, cleared at once
 *   by `typing.stop` or a human message from that member; the current user
 *   and other contexts are ignored. The context must be subscribed (for
 *   example with `usePresenceSubscription`).
 * - Sending: a {@link TypingSender}: `client.sendTyping` at most once per
 *   3 s; `client.sendTypingStop` on `stopTyping()`, and on unmount or a
 *   conversation change when a `typing` went out.
 *
 * Does nothing while `sandboxId` or `conversationId` is null or empty.
 *
 * @param client - the signed-in user's client.
 * @param sandboxId - the sandbox of the conversation.
 * @param conversationId - the conversation.
 * @param currentUserId - the signed-in user, whose own events are ignored; `null` when unknown.
 * @param options - see {@link UseTypingOptions}.
 * @throws EventServiceError `invalid_context` (while rendering) for a malformed sandbox or conversation id.
 *
 * @example
 * ```tsx
 * const { typingMemberIds, notifyTyping, stopTyping } = useTyping(client, sandboxId, conversationId, me);
 * <textarea onChange={(e) => { setDraft(e.target.value); if (e.target.value) notifyTyping(); else stopTyping(); }} />
 * {typingLabel(typingMemberIds) && <p>{typingLabel(typingMemberIds)} is typing…</p>}
 * ```
 */
export function useTyping(
  client: KiloChatClient,
  sandboxId: string | null,
  conversationId: string | null,
  currentUserId: string | null,
  options: UseTypingOptions = {},
): UseTypingResult {
  const onErrorRef = useRef(options.onError);
  onErrorRef.current = options.onError;
  const { throttleMs, expiryMs } = options;

  const context = useMemo(
    () => (sandboxId && conversationId ? kiloclawConversationContext(sandboxId, conversationId) : null),
    [sandboxId, conversationId],
  );

  const [typingMemberIds, setTypingMemberIds] = useState<readonly string[]>(NOBODY);
  useEffect(() => {
    if (context === null) return undefined;
    const state = new TypingState({ context, currentUserId, ...(expiryMs === undefined ? {} : { expiryMs }) });
    const stopListening = state.subscribe(() => setTypingMemberIds(state.getSnapshot()));
    const offs = [
      client.onTyping((eventContext, event) => state.handleTyping(eventContext, event.memberId)),
      client.onTypingStop((eventContext, event) => state.handleTypingStop(eventContext, event.memberId)),
      client.onMessageCreated((eventContext, message) => state.handleMessageCreated(eventContext, message.senderId)),
    ];
    return () => {
      for (const off of offs) off();
      stopListening();
      state.dispose();
      setTypingMemberIds(NOBODY);
    };
  }, [client, context, currentUserId, expiryMs]);

  const senderRef = useRef<TypingSender | null>(null);
  useEffect(() => {
    if (!conversationId) return undefined;
    const sender = new TypingSender(client, conversationId, {
      ...(throttleMs === undefined ? {} : { throttleMs }),
      onError: (error) => onErrorRef.current?.(error),
    });
    senderRef.current = sender;
    return () => {
      if (senderRef.current === sender) senderRef.current = null;
      sender.dispose();
    };
  }, [client, conversationId, throttleMs]);

  const notifyTyping = useCallback(() => senderRef.current?.notifyTyping(), []);
  const stopTyping = useCallback(() => senderRef.current?.stopTyping(), []);

  return useMemo(() => ({ typingMemberIds, notifyTyping, stopTyping }), [typingMemberIds, notifyTyping, stopTyping]);
}
