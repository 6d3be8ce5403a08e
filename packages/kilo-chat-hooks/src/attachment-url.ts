import type { AttachmentGetUrlResponse, KiloChatClient } from '@kilocode/kilo-chat';
import type { DataTag, Query, UseQueryOptions } from '@tanstack/react-query';
import { attachmentUrlKey } from './query-keys.js';

/**
 * How long before its expiry a download URL counts as stale and is fetched
 * again: 300 000 ms (5 minutes), so an image that starts loading just before
 * the refresh still gets a URL with minutes to spare.
 */
export const ATTACHMENT_URL_REFRESH_BUFFER_MS = 300_000;

/**
 * Milliseconds a download URL stays fresh: its lifetime minus
 * {@link ATTACHMENT_URL_REFRESH_BUFFER_MS}, never below 0.
 *
 * @param expiresAtSeconds - the URL's `expiresAt`, in Unix **seconds**.
 * @param nowMs - the moment to measure from, in Unix milliseconds.
 * @returns `max(0, expiresAt·1000 − now − 300 000)`; e.g. 3 300 000 for a URL
 *   that expires in one hour.
 */
export function computeAttachmentUrlStaleMs(expiresAtSeconds: number, nowMs: number): number {
  return Math.max(0, expiresAtSeconds * 1000 - nowMs - ATTACHMENT_URL_REFRESH_BUFFER_MS);
}

/**
 * True while a download URL can still be used (its expiry is after `nowMs`).
 *
 * @param expiresAtSeconds - the URL's `expiresAt`, in Unix **seconds**.
 * @param nowMs - the current time, in Unix milliseconds.
 */
export function isAttachmentUrlValid(expiresAtSeconds: number, nowMs: number): boolean {
  return expiresAtSeconds * 1000 > nowMs;
}

/** Options of {@link attachmentUrlQueryOptions} and `useAttachmentUrl`. */
export interface AttachmentUrlQueryConfig {
  /**
   * Set to false to keep the query from fetching on its own (an explicit
   * `refetch()` still fetches). The query is also disabled while either id is
   * null or empty.
   * @default true
   */
  enabled?: boolean;
}

/** The query key of an attachment URL query. */
export type AttachmentUrlQueryKey = ReturnType<typeof attachmentUrlKey>;

/** What {@link attachmentUrlQueryOptions} returns: options for `useQuery`, `useQueries` or `QueryObserver`. */
export type AttachmentUrlQueryOptions = UseQueryOptions<AttachmentGetUrlResponse, Error, AttachmentGetUrlResponse, AttachmentUrlQueryKey> & {
  /** {@link attachmentUrlKey}, tagged with the data type so `queryClient.getQueryData` infers it. */
  queryKey: DataTag<AttachmentUrlQueryKey, AttachmentGetUrlResponse, Error>;
};

type AttachmentUrlQuery = Query<AttachmentGetUrlResponse, Error, AttachmentGetUrlResponse, AttachmentUrlQueryKey>;

/** Freshness of the cached URL, measured from when it was fetched (TanStack adds staleTime to `dataUpdatedAt`). */
function staleTimeOf(query: AttachmentUrlQuery): number {
  const data = query.state.data;
  return data === undefined ? 0 : computeAttachmentUrlStaleMs(data.expiresAt, query.state.dataUpdatedAt);
}

/**
 * Query options for the signed download URL of one attachment
 * (`client.getAttachmentUrl`), keyed by {@link attachmentUrlKey}.
 *
 * - Every observer of the same ids shares one request.
 * - The URL stays fresh until 5 minutes before it expires
 *   ({@link computeAttachmentUrlStaleMs}); while a component shows it, it is
 *   fetched again at that moment (`refetchInterval`), so a displayed image
 *   never holds an expired URL. `refetchInterval` is `false` when there is
 *   nothing to refresh (no URL yet, or one issued with less than 5 minutes
 *   left, which would otherwise poll in a loop).
 * - Window focus never refetches a fresh URL; a URL already inside its
 *   5-minute refresh window (a tab that slept) is fetched again on focus.
 * - Disabled while either id is null or empty; the query function throws
 *   `'useAttachmentUrl called without ids'` if run anyway.
 *
 * @param client - the signed-in user's client.
 * @param conversationId - the conversation the attachment was sent in.
 * @param attachmentId - the attachment.
 * @param options - see {@link AttachmentUrlQueryConfig}.
 */
export function attachmentUrlQueryOptions(
  client: KiloChatClient,
  conversationId: string | null,
  attachmentId: string | null,
  options: AttachmentUrlQueryConfig = {},
): AttachmentUrlQueryOptions {
  const haveIds = Boolean(conversationId) && Boolean(attachmentId);
  return {
    queryKey: attachmentUrlKey(conversationId, attachmentId) as AttachmentUrlQueryOptions['queryKey'],
    queryFn: ({ signal }) => {
      if (!conversationId || !attachmentId) {
        return Promise.reject(new Error('useAttachmentUrl called without ids'));
      }
      return client.getAttachmentUrl({ conversationId, attachmentId }, { signal });
    },
    enabled: (options.enabled ?? true) && haveIds,
    staleTime: staleTimeOf,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (data === undefined) return false;
      const untilStale = computeAttachmentUrlStaleMs(data.expiresAt, Date.now());
      return untilStale > 0 ? untilStale : false;
    },
    // Default focus behaviour with the expiry-based staleTime: only a URL inside its refresh window refetches.
    refetchOnWindowFocus: true,
  };
}
