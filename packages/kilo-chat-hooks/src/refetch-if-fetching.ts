import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * @internal Call after writing a live update (an event, or a mutation's
 * settlement) into the cache under `queryKey`. When a fetch of that query is
 * in flight, its response was read before the update and would overwrite it
 * when it lands (a refetch replaces the data; an infinite query's next page
 * is appended to the pages it started from). So the fetch is restarted:
 * `invalidateQueries` cancels it and fetches again, and the new response
 * already holds the update. Nothing happens while the query is idle.
 */
export function refetchIfFetching(queryClient: QueryClient, queryKey: QueryKey): void {
  if (queryClient.getQueryState(queryKey)?.fetchStatus !== 'fetching') return;
  void queryClient.invalidateQueries({ queryKey, exact: true });
}
