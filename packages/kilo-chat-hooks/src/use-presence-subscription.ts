import { EventServiceError } from '@kilocode/event-service';
import { useEffect } from 'react';
import { holdContext } from './deferred-release.js';
import { useEventServiceClient } from './kilo-chat-hooks-context.js';

/**
 * Holds a subscription to one event context while `active` is true and
 * `context` is set (`null` and `''` both mean "none"), through the provider's
 * event client.
 *
 * Subscriptions are reference-counted by the event client and this hook
 * releases exactly the reference it took, so any number of components may
 * hold the same context: one unmounting (or turning `active` off) never
 * cancels another's subscription, and the wire subscription ends only when
 * the last holder lets go. StrictMode's double mount leaves one reference and
 * sends nothing twice: a release waits one microtask, and a remount before
 * then takes the released reference over.
 *
 * Use it for the conversation and instance contexts (events) and for the
 * presence contexts (push suppression, e.g. `presenceContextForConversation`
 * while the conversation is on screen).
 *
 * @param context - the context to hold, e.g. `kiloclawConversationContext(sandboxId, conversationId)`.
 * @param active - hold it only while true (for example while the document is visible).
 * @throws EventServiceError `invalid_context` (from the effect) when `context` is not a valid context string.
 */
export function usePresenceSubscription(context: string | null, active: boolean): void {
  const eventService = useEventServiceClient();
  useEffect(() => {
    if (!active || !context) return undefined;
    try {
      // The release waits a microtask, so StrictMode's remount adopts this
      // reference instead of sending unsubscribe + subscribe on an open socket.
      return holdContext(eventService, context);
    } catch (error) {
      // A disposed client (sign-out racing an unmount) holds nothing; anything else is a caller bug.
      if (error instanceof EventServiceError && error.code === 'disposed') return undefined;
      throw error;
    }
  }, [eventService, context, active]);
}
