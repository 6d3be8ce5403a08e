import { kiloclawInstanceContext, type EventServiceClient } from '@kilocode/event-service';
import { KiloChatApiError, type BotStatusRecord, type KiloChatClient } from '@kilocode/kilo-chat';
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { mergeBotStatusRecords, reduceBotStatusOnEvent } from './bot-status.js';
import { holdContext } from './deferred-release.js';
import { botStatusKey } from './query-keys.js';

/** How often an active `useBotStatus` asks the server (and through it the bot), in milliseconds: 15 000. */
export const BOT_STATUS_POLL_INTERVAL_MS = 15_000;

/** True for the server refusing the request itself (401/403): asking again cannot help. */
function isRefusal(error: unknown): boolean {
  return error instanceof KiloChatApiError && (error.status === 401 || error.status === 403);
}

/** Options of {@link botStatusQueryOptions}. */
export interface BotStatusQueryOptions {
  /** Poll every {@link BOT_STATUS_POLL_INTERVAL_MS} while true. @default true */
  active?: boolean;
  /** Poll interval in milliseconds while active. @default BOT_STATUS_POLL_INTERVAL_MS (15 000) */
  refetchIntervalMs?: number;
}

/**
 * The query options behind {@link useBotStatus}: key `botStatusKey(sandboxId)`,
 * enabled as soon as there is a sandbox id (no wait for the socket),
 * `staleTime: 0`, polling while `active`.
 *
 * The query function calls `requestBotStatus(sandboxId)` (which also nudges
 * the bot to report) and **returns** the fresher of the cached record (a
 * `bot.status` event may have landed before or during the request) and the
 * server's stored one; it never writes the cache itself (weakness 16).
 */
export function botStatusQueryOptions(
  client: KiloChatClient,
  queryClient: QueryClient,
  sandboxId: string | null,
  options: BotStatusQueryOptions = {},
) {
  const active = options.active ?? true;
  return queryOptions({
    queryKey: botStatusKey(sandboxId),
    queryFn: async ({ signal }): Promise<BotStatusRecord | null> => {
      if (sandboxId === null) return null;
      const response = await client.requestBotStatus(sandboxId, { signal });
      return mergeBotStatusRecords(queryClient.getQueryData<BotStatusRecord | null>(botStatusKey(sandboxId)), response.cached);
    },
    enabled: sandboxId !== null,
    staleTime: 0,
    // A user who may not ask (401/403: not the sandbox's owner) is not asked again and again.
    retry: (failures, error) => !isRefusal(error) && failures < 3,
    refetchInterval: (query) =>
      active && !isRefusal(query.state.error) ? (options.refetchIntervalMs ?? BOT_STATUS_POLL_INTERVAL_MS) : false,
  });
}

/**
 * The bot status of a sandbox (`{ online, at, updatedAt, capabilities? }`),
 * or null while unknown. Fetched when a sandbox id is set, polled every 15 s
 * while `active`, kept live by `bot.status` events (only newer ones win), and
 * refetched on every event-service resync. While a sandbox id is set it also
 * holds a reference on the instance context `/kiloclaw/<sandboxId>` through
 * `eventClient.subscribe` (ref-counted, so it never cancels the app's own
 * subscription).
 *
 * @param active - poll while true (pass "app visible and focused"). @default true
 */
export function useBotStatus(
  client: KiloChatClient,
  eventClient: EventServiceClient,
  sandboxId: string | null,
  active = true,
): BotStatusRecord | null {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (sandboxId === null) return undefined;
    const context = kiloclawInstanceContext(sandboxId);
    const releaseContext = holdContext(eventClient, context);
    const offResync = eventClient.onResync(() => {
      void queryClient.invalidateQueries({ queryKey: botStatusKey(sandboxId), exact: true });
    });
    const offStatus = client.onBotStatus((_context, event) => {
      if (event.sandboxId !== sandboxId) return;
      queryClient.setQueryData<BotStatusRecord | null>(botStatusKey(sandboxId), (prev) => reduceBotStatusOnEvent(prev, event));
    });
    return () => {
      offStatus();
      offResync();
      releaseContext();
    };
  }, [client, eventClient, queryClient, sandboxId]);

  const query = useQuery(botStatusQueryOptions(client, queryClient, sandboxId, { active }));
  return query.data ?? null;
}
