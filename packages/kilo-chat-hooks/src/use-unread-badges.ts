import { kiloclawConversationContext, type EventServiceClient } from '@kilocode/event-service';
import type { KiloChatClient } from '@kilocode/kilo-chat';
import {
  badgeBucketForConversation,
  parseBadgeBucket,
  pushSuppressionContextForConversation,
  type BadgeClient,
  type BadgeCountRow,
} from '@kilocode/notifications';
import { queryOptions, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { shouldApplyConversationRead } from './conversation-pages.js';
import { badgesKey } from './query-keys.js';
import { badgeCountForBucket, badgeTotal, claimBadgeMessage, incrementBadgeBucket, type UnreadBadgesData } from './unread-badge-cache.js';

/** How long the loaded badges count as fresh, in milliseconds: 30 000 (events keep them current in between). */
export const DEFAULT_UNREAD_BADGES_STALE_TIME_MS = 30_000;

/** Options of {@link unreadBadgesQueryOptions}. */
export interface UnreadBadgesQueryOptions {
  /** Freshness in milliseconds. @default DEFAULT_UNREAD_BADGES_STALE_TIME_MS (30 000) */
  staleTime?: number;
  /** The query runs only when this is not false. @default true */
  enabled?: boolean;
  /**
   * Also refetch on this interval, in milliseconds (`false`: never). Useful
   * because the server counts some pushes late (a bot's message when it stops
   * typing, or after 10 s), with no event to say so.
   * @default false
   */
  refetchInterval?: number | false;
}

/**
 * How long `useUnreadBadges` waits after a `conversation.activity` of a
 * conversation this client does not receive events of before it refetches,
 * in milliseconds (several in a burst cause one refetch): 300.
 */
export const UNREAD_BADGES_ACTIVITY_REFETCH_DELAY_MS = 300;

/** Options of {@link useUnreadBadges}. */
export interface UseUnreadBadgesOptions extends UnreadBadgesQueryOptions {
  /** The signed-in user: their own messages never count, their own read markers refresh the badges. Null disables live increments. */
  currentUserId: string | null;
}

/** What {@link useUnreadBadges} returns. */
export interface UnreadBadges {
  /** The non-zero buckets (empty until loaded). */
  buckets: readonly BadgeCountRow[];
  /** Sum of every bucket. */
  total: number;
  /** Count of one bucket key (0 when absent). */
  countForBucket(badgeBucket: string): number;
  /** Count of a conversation's bucket, `badgeBucketForConversation(sandboxId, conversationId)`. */
  countForConversation(sandboxId: string, conversationId: string): number;
  /** Count of a sandbox: its instance bucket plus every conversation bucket of that sandbox. */
  countForInstance(sandboxId: string): number;
  /** The underlying query (status, error, `refetch`). */
  query: UseQueryResult<UnreadBadgesData, Error>;
}

/**
 * The query options behind {@link useUnreadBadges}: key `badgesKey()`,
 * `badgeClient.listBadges()`. The key holds no user id: use one QueryClient
 * per signed-in user (as every cache of this package assumes).
 */
export function unreadBadgesQueryOptions(badgeClient: Pick<BadgeClient, 'listBadges'>, options: UnreadBadgesQueryOptions = {}) {
  return queryOptions({
    queryKey: badgesKey(),
    queryFn: ({ signal }): Promise<UnreadBadgesData> => badgeClient.listBadges({ signal }),
    staleTime: options.staleTime ?? DEFAULT_UNREAD_BADGES_STALE_TIME_MS,
    enabled: options.enabled !== false,
    refetchInterval: options.refetchInterval ?? false,
  });
}

/** `/kiloclaw/<sandboxId>/<conversationId>` → its ids, or null for any other context. */
/** The sandbox of an instance context `/kiloclaw/<sandboxId>`, or null for any other context. */
function sandboxOfInstanceContext(context: string): string | null {
  const parts = context.split('/');
  return parts.length === 3 && parts[0] === '' && parts[1] === 'kiloclaw' && parts[2] ? parts[2] : null;
}

function conversationOfContext(context: string): { sandboxId: string; conversationId: string } | null {
  const parts = context.split('/');
  if (parts.length !== 4 || parts[0] !== '' || parts[1] !== 'kiloclaw' || !parts[2] || !parts[3]) return null;
  return { sandboxId: parts[2], conversationId: parts[3] };
}

/**
 * The user's unread badge counts from the notifications service (addition;
 * the reference left badges to apps), kept live:
 *
 * - `message.created` from someone else, on a conversation context this
 *   client receives, adds 1 to that conversation's bucket at once — as the
 *   server does for every recipient not holding the conversation's presence
 *   context, so nothing is added while this client holds it. Each message
 *   counts once per QueryClient (repeats and streamed bot messages included).
 * - The user's own `conversation.read` (another device, or a send) and every
 *   event-service resync refetch the badges.
 * - `conversation.activity` of a conversation whose context this client does
 *   not hold (a list screen holds only the instance context) refetches them,
 *   {@link UNREAD_BADGES_ACTIVITY_REFETCH_DELAY_MS} later (one per burst).
 * - `useMarkConversationRead` / `useMarkConversationReadWhenSeen` apply the
 *   response's `badgeClear` and refetch when the server's total disagrees.
 *
 * The live +1 is a prediction: a message deleted before its push, or
 * presence held on another device, is corrected by the next refetch.
 */
export function useUnreadBadges(
  client: KiloChatClient,
  eventService: EventServiceClient,
  badgeClient: Pick<BadgeClient, 'listBadges'>,
  options: UseUnreadBadgesOptions,
): UnreadBadges {
  const queryClient = useQueryClient();
  const currentUser = useRef(options.currentUserId);
  currentUser.current = options.currentUserId;
  const query = useQuery(unreadBadgesQueryOptions(badgeClient, options));

  useEffect(() => {
    const refetch = () => void queryClient.invalidateQueries({ queryKey: badgesKey(), exact: true });
    let activityTimer: ReturnType<typeof setTimeout> | undefined;
    const offs = [
      // A message in a conversation whose context this client does not hold (a list screen holds
      // only the instance context) is counted by the server with no event here: its activity is the signal.
      client.onConversationActivity((context, event) => {
        const sandboxId = sandboxOfInstanceContext(context);
        if (sandboxId === null) return;
        let conversationContext: string;
        try {
          conversationContext = kiloclawConversationContext(sandboxId, event.conversationId);
        } catch {
          return;
        }
        if (eventService.activeContexts().includes(conversationContext) || activityTimer !== undefined) return;
        activityTimer = setTimeout(() => {
          activityTimer = undefined;
          refetch();
        }, UNREAD_BADGES_ACTIVITY_REFETCH_DELAY_MS);
      }),
      () => {
        if (activityTimer !== undefined) clearTimeout(activityTimer);
      },
      client.onConversationRead((_context, event) => {
        if (shouldApplyConversationRead(currentUser.current, event.memberId)) refetch();
      }),
      client.onMessageCreated((context, event) => {
        const userId = currentUser.current;
        if (userId === null || event.senderId === userId) return;
        const conversation = conversationOfContext(context);
        if (!conversation) return;
        let badgeBucket: string;
        let presence: string;
        try {
          badgeBucket = badgeBucketForConversation(conversation.sandboxId, conversation.conversationId);
          presence = pushSuppressionContextForConversation(conversation.sandboxId, conversation.conversationId);
        } catch {
          return;
        }
        if (eventService.activeContexts().includes(presence)) return;
        const data = queryClient.getQueryData<UnreadBadgesData>(badgesKey());
        if (data === undefined || !claimBadgeMessage(queryClient, event.messageId)) return;
        queryClient.setQueryData<UnreadBadgesData>(badgesKey(), incrementBadgeBucket(data, badgeBucket, 1));
      }),
      eventService.onResync(refetch),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [client, eventService, queryClient]);

  const data = query.data;
  return useMemo(() => {
    const countForBucket = (badgeBucket: string) => badgeCountForBucket(data, badgeBucket);
    return {
      buckets: data?.buckets ?? [],
      total: badgeTotal(data),
      countForBucket,
      countForConversation: (sandboxId: string, conversationId: string) => {
        try {
          return countForBucket(badgeBucketForConversation(sandboxId, conversationId));
        } catch {
          return 0;
        }
      },
      countForInstance: (sandboxId: string) => {
        let total = 0;
        for (const row of data?.buckets ?? []) {
          const parsed = parseBadgeBucket(row.badgeBucket);
          if (parsed.kind !== 'unknown' && parsed.sandboxId === sandboxId) total += row.badgeCount;
        }
        return total;
      },
      query,
    };
  }, [data, query]);
}

