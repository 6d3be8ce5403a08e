import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { type SendState, sendOutboxFor } from './send-outbox.js';

/**
 * The sends of a conversation that are still running or failed, by
 * `clientId` (their rows are `pending-<clientId>`), from the QueryClient's
 * send outbox. Re-renders when one starts, fails, is retried, lands or is
 * discarded. Stored messages never appear here.
 *
 * @example
 * ```tsx
 * const states = useSendStates(conversationId);
 * const state = states.get(clientIdOfPendingMessage(message.id) ?? '');
 * if (state?.status === 'failed') return <button onClick={() => send.retry(clientId)}>Failed — retry</button>;
 * ```
 */
export function useSendStates(conversationId: string | null): ReadonlyMap<string, SendState> {
  const outbox = sendOutboxFor(useQueryClient());
  const subscribe = useCallback((onChange: () => void) => outbox.subscribe(onChange), [outbox]);
  const snapshot = useCallback(() => outbox.statesFor(conversationId), [outbox, conversationId]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
