/**
 * One action answer in flight per conversation view. Apps keep a store (for
 * example a React ref), call {@link tryStartPendingAction} before
 * `useExecuteAction().mutate` and {@link clearPendingAction} in the per-call
 * `onSettled`, and render the pending group with
 * {@link pendingActionGroupIdForMessage}.
 */

/** The action being answered: which message and which actions group. */
export type PendingAction = {
  /** The message holding the actions block. */
  messageId: string;
  /** The actions block's `groupId`. */
  groupId: string;
};

/** Where the pending action is kept; `useRef<PendingAction | null>(null)` fits. */
export type PendingActionStore = {
  /** The action in flight, or null. */
  current: PendingAction | null;
};

/** The group id pending on `messageId`, or null when the pending action (if any) is on another message. */
export function pendingActionGroupIdForMessage(pending: PendingAction | null, messageId: string): string | null {
  return pending !== null && pending.messageId === messageId ? pending.groupId : null;
}

/**
 * Starts `pending` when nothing is in flight.
 * @returns false (and changes nothing) when another action is already pending.
 */
export function tryStartPendingAction(store: PendingActionStore, pending: PendingAction): boolean {
  if (store.current !== null) return false;
  store.current = { messageId: pending.messageId, groupId: pending.groupId };
  return true;
}

/** Clears the store, only when it holds this same action (same message and group). */
export function clearPendingAction(store: PendingActionStore, pending: PendingAction): void {
  const current = store.current;
  if (current !== null && current.messageId === pending.messageId && current.groupId === pending.groupId) store.current = null;
}
