/**
 * Cache settlement of a successful conversation create. No React.
 */
import type { CreateConversationResponse } from '@kilocode/kilo-chat';
import type { QueryClient } from '@tanstack/react-query';
import { applyConversationCreatedToPages, type ConversationListInfiniteData } from './conversation-pages.js';
import { conversationsKey, conversationsKeyAll } from './query-keys.js';

/** Variables of `useCreateConversation`: the sandbox whose bot joins, and an optional title (≤ 200 characters). */
export interface CreateConversationVariables {
  /** The sandbox the conversation is created in. */
  sandboxId: string;
  /** Optional title; the server trims it. */
  title?: string;
}

/**
 * Puts a created conversation into the cached lists it belongs to: the
 * target sandbox's list and the cross-sandbox (`null`) list. Each is patched
 * with {@link applyConversationCreatedToPages}; the target list is
 * invalidated when it is not cached or the patch does not fit, the `null`
 * list when its patch does not fit. Lists of other sandboxes are not touched.
 */
export function settleCreateConversation(
  queryClient: QueryClient,
  variables: CreateConversationVariables,
  response: CreateConversationResponse,
): void {
  let targetApplied = false;
  let crossSandboxFailed = false;
  for (const [queryKey, data] of queryClient.getQueriesData<ConversationListInfiniteData>({ queryKey: conversationsKeyAll() })) {
    if (queryKey.length !== 3) continue;
    const sandboxKey = queryKey[2];
    if (sandboxKey !== variables.sandboxId && sandboxKey !== null) continue;
    const patch = applyConversationCreatedToPages(data, response.conversation);
    if (patch.applied && patch.data !== data) queryClient.setQueryData(queryKey, patch.data);
    if (sandboxKey === variables.sandboxId) targetApplied = patch.applied;
    else if (!patch.applied) crossSandboxFailed = true;
  }
  if (!targetApplied) void queryClient.invalidateQueries({ queryKey: conversationsKey(variables.sandboxId), exact: true });
  if (crossSandboxFailed) void queryClient.invalidateQueries({ queryKey: conversationsKey(null), exact: true });
}
