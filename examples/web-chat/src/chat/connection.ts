import { conversationsKeyAll, KILO_CHAT_QUERY_KEY_ROOT, useEventServiceClient } from '@kilocode/kilo-chat-hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * After a reconnect or a gap in the event sequence the caches may have missed
 * events: refetch everything the app shows (history pages are refetched and
 * merged by id, so nothing is lost or shown twice).
 */
export function useRefetchOnResync(): void {
  const eventService = useEventServiceClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      eventService.onResync(() => {
        void queryClient.invalidateQueries({ queryKey: [KILO_CHAT_QUERY_KEY_ROOT] });
        void queryClient.invalidateQueries({ queryKey: conversationsKeyAll() });
      }),
    [eventService, queryClient],
  );
}

/** Holds `contexts` subscribed on the event socket while mounted (ref-counted by the client). */
export function useContextSubscription(contexts: readonly (string | null)[]): void {
  const eventService = useEventServiceClient();
  const key = contexts.filter((context): context is string => context !== null).join('\n');
  useEffect(() => {
    const list = key === '' ? [] : key.split('\n');
    if (list.length === 0) return undefined;
    const handle = eventService.subscribe(list);
    return () => handle.unsubscribe();
  }, [eventService, key]);
}
