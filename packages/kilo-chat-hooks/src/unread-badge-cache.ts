/**
 * The cached unread badges (`GET /v1/badges` of the notifications service,
 * under `badgesKey()`): pure reads and edits, plus the reconciliation of a
 * mark-read response's `badgeClear`. No React.
 */
import type { BadgeClearResponse } from '@kilocode/kilo-chat';
import type { BadgeCountRow, ListBadgesResponse } from '@kilocode/notifications';
import type { QueryClient } from '@tanstack/react-query';
import { badgesKey } from './query-keys.js';

/** The cached badges: the server's non-zero buckets, `{ buckets: [{ badgeBucket, badgeCount }] }`. */
export type UnreadBadgesData = ListBadgesResponse;

/** The unread count of one bucket (0 when absent or not loaded). */
export function badgeCountForBucket(data: UnreadBadgesData | undefined, badgeBucket: string): number {
  return data?.buckets.find((row) => row.badgeBucket === badgeBucket)?.badgeCount ?? 0;
}

/** The sum of every bucket (0 when not loaded). */
export function badgeTotal(data: UnreadBadgesData | undefined): number {
  let total = 0;
  for (const row of data?.buckets ?? []) total += row.badgeCount;
  return total;
}

/** Adds `delta` (default 1) to a bucket, creating it; a bucket that reaches 0 is removed, as the server does. */
export function incrementBadgeBucket(data: UnreadBadgesData, badgeBucket: string, delta = 1): UnreadBadgesData {
  let found = false;
  const buckets: BadgeCountRow[] = [];
  for (const row of data.buckets) {
    if (row.badgeBucket !== badgeBucket) {
      buckets.push(row);
      continue;
    }
    found = true;
    const badgeCount = Math.max(0, row.badgeCount + delta);
    if (badgeCount > 0) buckets.push({ badgeBucket, badgeCount });
  }
  if (!found && delta > 0) buckets.push({ badgeBucket, badgeCount: delta });
  return { ...data, buckets };
}

/** Result of {@link applyBadgeClearToBadges}. */
export interface BadgeClearPatch {
  /** The badges without the cleared bucket (the input itself when it was absent). */
  data: UnreadBadgesData;
  /**
   * Whether the remaining buckets add up to the total the server answered
   * (`badgeClear.badgeCount`). False means the cache missed an increment or a
   * clear: refetch it.
   */
  consistent: boolean;
}

/**
 * Applies a mark-read response's `badgeClear`: the named bucket is gone, and
 * `badgeCount` is the user's new total over every bucket.
 */
export function applyBadgeClearToBadges(data: UnreadBadgesData, badgeClear: BadgeClearResponse): BadgeClearPatch {
  const has = data.buckets.some((row) => row.badgeBucket === badgeClear.badgeBucket);
  const next = has ? { ...data, buckets: data.buckets.filter((row) => row.badgeBucket !== badgeClear.badgeBucket) } : data;
  return { data: next, consistent: badgeTotal(next) === badgeClear.badgeCount };
}

/**
 * Reconciles the cached badges with a mark-read response: removes the cleared
 * bucket at once, and refetches the badges when the server's total disagrees
 * with what is left in the cache. Does nothing without a `badgeClear` or
 * without cached badges.
 */
export function settleBadgeClear(queryClient: QueryClient, badgeClear: BadgeClearResponse | null): void {
  if (badgeClear === null) return;
  const data = queryClient.getQueryData<UnreadBadgesData>(badgesKey());
  if (data === undefined) return;
  const patch = applyBadgeClearToBadges(data, badgeClear);
  if (patch.data !== data) queryClient.setQueryData<UnreadBadgesData>(badgesKey(), patch.data);
  if (!patch.consistent) void queryClient.invalidateQueries({ queryKey: badgesKey(), exact: true });
}

/** How many counted message ids each QueryClient remembers (oldest forgotten first). */
const COUNTED_MESSAGES_LIMIT = 1_000;

const countedMessages = new WeakMap<QueryClient, Set<string>>();

/**
 * @internal Records that `messageId` was counted into the badges of
 * `queryClient`; false when it already was (repeated or streamed
 * `message.created` events, several mounted hooks). Scoped to the
 * QueryClient, so users and tests never share it, and bounded.
 */
export function claimBadgeMessage(queryClient: QueryClient, messageId: string): boolean {
  let counted = countedMessages.get(queryClient);
  if (!counted) {
    counted = new Set();
    countedMessages.set(queryClient, counted);
  }
  if (counted.has(messageId)) return false;
  counted.add(messageId);
  if (counted.size > COUNTED_MESSAGES_LIMIT) {
    const oldest = counted.values().next().value;
    if (oldest !== undefined) counted.delete(oldest);
  }
  return true;
}
