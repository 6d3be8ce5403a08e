import type { KiloChatOperation } from '@kilocode/kilo-chat';
import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * @internal Cancels the fetches of `queryKey` before an optimistic write, so
 * an older response cannot land on top of the write.
 *
 * @returns whether a fetch was running; keep it in the mutation's context
 *   and pass the context to {@link resumeInterruptedFetch} when the mutation
 *   settles.
 */
export async function cancelFetchForOptimisticWrite(queryClient: QueryClient, queryKey: QueryKey): Promise<boolean> {
  const running = queryClient.getQueryState(queryKey)?.fetchStatus === 'fetching';
  await queryClient.cancelQueries({ queryKey });
  return running;
}

/**
 * @internal {@link cancelFetchForOptimisticWrite}, then `operation.assertDispatch()`
 * (a lock or owner switch during the wait refuses the write). When it
 * refuses, the interrupted fetch is started again at once, since no
 * settlement will follow, and the refusal is re-thrown.
 *
 * @returns whether a fetch was interrupted (see {@link resumeInterruptedFetch}).
 */
export async function cancelFetchThenAdmit(queryClient: QueryClient, queryKey: QueryKey, operation: KiloChatOperation): Promise<boolean> {
  const interruptedFetch = await cancelFetchForOptimisticWrite(queryClient, queryKey);
  try {
    operation.assertDispatch();
  } catch (refusal) {
    resumeInterruptedFetch(queryClient, { queryKey, interruptedFetch });
    throw refusal;
  }
  return interruptedFetch;
}

/**
 * @internal Fetches again what {@link cancelFetchForOptimisticWrite}
 * interrupted. The cancelled fetch had a reason to run — a resync after a
 * reconnect, most often, which recovers the events the socket missed — and
 * a cancelled fetch is never retried by itself, so dropping it would lose
 * those messages for good. Call it from the mutation's `onSettled`, after
 * the settlement's own writes.
 */
export function resumeInterruptedFetch(queryClient: QueryClient, context: { queryKey: QueryKey; interruptedFetch?: boolean } | undefined): void {
  if (context?.interruptedFetch) void queryClient.invalidateQueries({ queryKey: context.queryKey, exact: true });
}
