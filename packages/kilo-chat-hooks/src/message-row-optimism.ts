/**
 * The optimistic write and rollback shared by the row mutations (edit,
 * delete, reactions, execute action): snapshot the row, write the expected
 * row, and on failure put the snapshot back only while the row still shows
 * what we wrote; otherwise refetch.
 */
import type { KiloChatOperation, Message } from '@kilocode/kilo-chat';
import { KiloChatApiError } from '@kilocode/kilo-chat';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { cancelFetchThenAdmit } from './interrupted-fetch.js';
import { jsonEqual } from './json-equal.js';
import { findMessageInCache, restoreMessageInCache, updateMessagesCache } from './message-cache.js';
import { updateMessageInPages } from './message-pages.js';

/** What a row mutation remembers between its optimistic write and its settlement. */
export interface MessageRowMutationContext {
  /** The messages key written to. */
  queryKey: QueryKey;
  /** The row. */
  messageId: string;
  /** The row before the write; `undefined` when it was not cached (nothing was written). */
  snapshot: Message | undefined;
  /** The row as written; `undefined` when nothing was written. */
  optimisticMessage: Message | undefined;
  /** True when the write cancelled a running fetch of the query (fetched again once the mutation settles). */
  interruptedFetch: boolean;
}

/**
 * Cancels running fetches of the messages query (noting whether one was
 * running, so the hook fetches again once it settles), re-checks the operation
 * (a lock or owner switch during the wait throws here and writes nothing),
 * then writes `compute(row)` in place of the cached row.
 */
export async function applyOptimisticRowUpdate(
  queryClient: QueryClient,
  operation: KiloChatOperation,
  queryKey: QueryKey,
  messageId: string,
  compute: (row: Message) => Message,
): Promise<MessageRowMutationContext> {
  const interruptedFetch = await cancelFetchThenAdmit(queryClient, queryKey, operation);
  const snapshot = findMessageInCache(queryClient, queryKey, messageId);
  if (!snapshot) return { queryKey, messageId, snapshot: undefined, optimisticMessage: undefined, interruptedFetch };
  const optimisticMessage = compute(snapshot);
  updateMessagesCache(queryClient, queryKey, (data) => updateMessageInPages(data, messageId, () => optimisticMessage));
  return { queryKey, messageId, snapshot, optimisticMessage, interruptedFetch };
}

/**
 * Undoes an optimistic row write: restores the snapshot while the row still
 * equals what was written; otherwise (an event or another mutation changed it
 * since) invalidates the messages query. Does nothing when nothing was written.
 */
export function rollbackOptimisticRowUpdate(queryClient: QueryClient, context: MessageRowMutationContext | undefined): void {
  if (!context?.snapshot || !context.optimisticMessage) return;
  if (!restoreMessageInCache(queryClient, context.queryKey, context.snapshot, context.optimisticMessage)) {
    void queryClient.invalidateQueries({ queryKey: context.queryKey });
  }
}

/** True for the server's "this action group is already resolved" answer (409 `Action already resolved`, or `already_resolved`). */
export function isActionAlreadyResolvedError(error: unknown): boolean {
  if (!(error instanceof KiloChatApiError) || error.status !== 409) return false;
  const message = error.serverMessage;
  return message === 'already_resolved' || message === 'Action already resolved';
}

/**
 * Rolls back a failed execute-action. For "already resolved" (someone else
 * answered first): a foreign resolution already in the cache is kept as it
 * is; when the row shows none, or still shows ours, the snapshot is restored
 * (guarded) and the messages query refetched to learn the real answer. Any
 * other error: {@link rollbackOptimisticRowUpdate}.
 */
export function rollbackExecuteActionError(queryClient: QueryClient, context: MessageRowMutationContext | undefined, groupId: string, error: unknown): void {
  if (!context?.snapshot || !context.optimisticMessage) return;
  if (!isActionAlreadyResolvedError(error)) {
    rollbackOptimisticRowUpdate(queryClient, context);
    return;
  }
  const current = findMessageInCache(queryClient, context.queryKey, context.messageId);
  const resolutionOf = (row: Message | undefined) => {
    const block = row?.content.find((candidate) => candidate.type === 'actions' && candidate.groupId === groupId);
    return block?.type === 'actions' ? block.resolved : undefined;
  };
  const shown = resolutionOf(current);
  const ours = resolutionOf(context.optimisticMessage);
  if (shown !== undefined && !jsonEqual(shown, ours)) return;
  restoreMessageInCache(queryClient, context.queryKey, context.snapshot, context.optimisticMessage);
  void queryClient.invalidateQueries({ queryKey: context.queryKey });
}
