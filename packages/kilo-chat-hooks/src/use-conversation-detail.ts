import type { ConversationDetailResponse, KiloChatClient } from '@kilocode/kilo-chat';
import { queryOptions, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { conversationKey } from './query-keys.js';

/**
 * How long a conversation's details count as fresh, in milliseconds: 30 000.
 * Renames patch the cached detail live; membership changes of others send no
 * event, so it is not kept forever.
 */
export const DEFAULT_CONVERSATION_DETAIL_STALE_TIME_MS = 30_000;

/** Options of {@link useConversationDetail} and {@link conversationDetailQueryOptions}. */
export interface UseConversationDetailOptions {
  /** Freshness in milliseconds. @default DEFAULT_CONVERSATION_DETAIL_STALE_TIME_MS (30 000) */
  staleTime?: number;
  /** Extra gate: the query runs only when this is not false. @default true */
  enabled?: boolean;
}

/**
 * The query options behind {@link useConversationDetail}: key
 * `conversationKey(conversationId)`, `getConversation(conversationId)`,
 * enabled only with an id. A detail that arrives after the client's owner
 * changed rejects instead of landing.
 */
export function conversationDetailQueryOptions(
  client: KiloChatClient,
  conversationId: string | null,
  options: UseConversationDetailOptions = {},
) {
  return queryOptions({
    queryKey: conversationKey(conversationId),
    queryFn: async ({ signal }): Promise<ConversationDetailResponse> => {
      if (!conversationId) throw new Error('useConversationDetail called without a conversation id');
      const detail = await client.getConversation(conversationId, { signal });
      client.assertOwner();
      return detail;
    },
    enabled: Boolean(conversationId) && options.enabled !== false,
    staleTime: options.staleTime ?? DEFAULT_CONVERSATION_DETAIL_STALE_TIME_MS,
  });
}

/**
 * A conversation's details (`{ id, title, createdBy, createdAt, members }`,
 * active members only). Disabled while `conversationId` is null or empty.
 */
export function useConversationDetail(
  client: KiloChatClient,
  conversationId: string | null,
  options?: UseConversationDetailOptions,
): UseQueryResult<ConversationDetailResponse, Error> {
  return useQuery(conversationDetailQueryOptions(client, conversationId, options));
}
