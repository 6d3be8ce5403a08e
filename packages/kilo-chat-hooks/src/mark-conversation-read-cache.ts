/**
 * Optimistic mark-read, its rollback and its settlement. No React.
 */
import { ulidToTimestamp, type MarkConversationReadResponse } from '@kilocode/kilo-chat';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { cachedConversationListsHolding } from './conversation-list-queries.js';
import {
  applyConversationReadToPages,
  findConversationInPages,
  updateConversationPages,
  type ConversationListInfiniteData,
  type ConversationPagesPatch,
} from './conversation-pages.js';
import { settleBadgeClear } from './unread-badge-cache.js';

/** Variables of `useMarkConversationRead`. */
export interface MarkConversationReadVariables {
  /** The conversation read. */
  conversationId: string;
  /** Its sandbox; `null` scans every cached list. */
  sandboxId: string | null;
  /** The newest message the user has seen (a server id, never a `pending-` one). Its ULID time becomes the read marker. */
  lastSeenMessageId: string;
}

/** What {@link applyOptimisticMarkConversationRead} did, for the rollback and the settlement. */
export interface MarkConversationReadContext {
  /** The conversation read. */
  conversationId: string;
  /** Its sandbox, as passed. */
  sandboxId: string | null;
  /** The optimistic marker: the ULID time of `lastSeenMessageId` in Unix ms (null when the id is not a ULID: nothing was written). */
  optimisticReadAt: number | null;
  /** Every cached list that held the conversation when the mutation started. */
  lists: QueryKey[];
  /**
   * The lists where the optimistic marker was really written, with the marker
   * it replaced. A list whose marker was already at or past the optimistic one
   * is not here, so its rollback does nothing (weakness 9).
   */
  writes: Array<{ queryKey: QueryKey; previousLastReadAt: number | null }>;
}

/**
 * Moves the conversation's `lastReadAt` to the ULID time of
 * `lastSeenMessageId` in every cached list under the sandbox's key (every
 * list when `sandboxId` is null), only where that moves it forward, and
 * records which lists it really changed.
 */
export function applyOptimisticMarkConversationRead(
  queryClient: QueryClient,
  variables: MarkConversationReadVariables,
): MarkConversationReadContext {
  let optimisticReadAt: number | null;
  try {
    optimisticReadAt = ulidToTimestamp(variables.lastSeenMessageId);
  } catch {
    optimisticReadAt = null;
  }
  const context: MarkConversationReadContext = {
    conversationId: variables.conversationId,
    sandboxId: variables.sandboxId,
    optimisticReadAt,
    lists: [],
    writes: [],
  };
  for (const { queryKey, data } of cachedConversationListsHolding(queryClient, variables.sandboxId, variables.conversationId)) {
    context.lists.push(queryKey);
    if (optimisticReadAt === null) continue;
    const row = findConversationInPages(data, variables.conversationId);
    if (!row || (row.lastReadAt !== null && row.lastReadAt >= optimisticReadAt)) continue;
    const patch = applyConversationReadToPages(data, { conversationId: variables.conversationId, lastReadAt: optimisticReadAt });
    queryClient.setQueryData(queryKey, patch.data);
    context.writes.push({ queryKey, previousLastReadAt: row.lastReadAt });
  }
  return context;
}

/**
 * Undoes one optimistic marker in one list: restores `previousLastReadAt`
 * only while the row still shows `optimisticReadAt`. `applied: false` means
 * the row shows another marker now (newer local state, kept): the caller
 * should refetch that list. A list without the row has nothing to undo
 * (`applied: true`, same data).
 */
export function applyMarkConversationReadRollbackToPages(
  data: ConversationListInfiniteData | undefined,
  rollback: { conversationId: string; optimisticReadAt: number; previousLastReadAt: number | null },
): ConversationPagesPatch {
  const row = findConversationInPages(data, rollback.conversationId);
  if (!data || !row) return { data, applied: true };
  if (row.lastReadAt !== rollback.optimisticReadAt) return { data, applied: false };
  const restored = { ...row, lastReadAt: rollback.previousLastReadAt };
  return { data: updateConversationPages(data, (item) => (item === row ? restored : item)), applied: true };
}

/**
 * Rolls back a failed mark-read: only the lists it really wrote to are
 * touched; each gets its previous marker back, or is invalidated when a newer
 * marker replaced the optimistic one meanwhile.
 */
export function rollbackOptimisticMarkConversationRead(queryClient: QueryClient, context: MarkConversationReadContext): void {
  if (context.optimisticReadAt === null) return;
  for (const { queryKey, previousLastReadAt } of context.writes) {
    const current = queryClient.getQueryData<ConversationListInfiniteData>(queryKey);
    const patch = applyMarkConversationReadRollbackToPages(current, {
      conversationId: context.conversationId,
      optimisticReadAt: context.optimisticReadAt,
      previousLastReadAt,
    });
    if (patch.data !== current) queryClient.setQueryData(queryKey, patch.data);
    if (!patch.applied) void queryClient.invalidateQueries({ queryKey, exact: true });
  }
}

/**
 * After a successful mark-read: the server's `lastReadAt` is applied (forward
 * only) to every cached list holding the conversation, without a refetch; a
 * list that held the row when the mutation started but no longer does is
 * invalidated. The response's `badgeClear` is reconciled into the cached
 * unread badges (see `settleBadgeClear`).
 */
export function settleMarkConversationRead(
  queryClient: QueryClient,
  context: MarkConversationReadContext,
  response: MarkConversationReadResponse,
): void {
  const holding = cachedConversationListsHolding(queryClient, context.sandboxId, context.conversationId);
  for (const { queryKey, data } of holding) {
    const patch = applyConversationReadToPages(data, { conversationId: context.conversationId, lastReadAt: response.lastReadAt });
    if (patch.data !== data) queryClient.setQueryData(queryKey, patch.data);
  }
  const stillHolding = new Set(holding.map(({ queryKey }) => JSON.stringify(queryKey)));
  for (const queryKey of context.lists) {
    if (!stillHolding.has(JSON.stringify(queryKey))) void queryClient.invalidateQueries({ queryKey, exact: true });
  }
  settleBadgeClear(queryClient, response.badgeClear);
}
