/**
 * Ordering of reaction operations. Every reaction add or remove has an
 * operation id (a ULID from the server). A tracker remembers, per
 * (conversation, message, emoji, member), the newest operation id applied, so
 * an older operation that arrives late (a delayed `reaction.added` after our
 * own removal, say) cannot undo a newer one.
 *
 * The hooks keep one tracker per conversation **per QueryClient**
 * ({@link reactionTrackerFor}) and drop it when that conversation's message
 * query is removed from the cache, so users, tests and QueryClients never
 * share ordering state and trackers do not outlive their caches.
 */
import type { QueryClient } from '@tanstack/react-query';
import { KILO_CHAT_QUERY_KEY_ROOT } from './query-keys.js';

/**
 * Newest operation id seen per reaction slot. Keys are
 * `JSON.stringify([conversationId, messageId, emoji, memberId])`; values are
 * operation ULIDs.
 */
export type ReactionOperationTracker = Map<string, string>;

/** A new, empty tracker. */
export function createReactionOperationTracker(): ReactionOperationTracker {
  return new Map();
}

const moduleTrackers = new Map<string, ReactionOperationTracker>();

/**
 * The module-wide tracker of a conversation, as the reference package kept
 * it. Kept for drop-in compatibility only: it is shared by every QueryClient
 * in the process and never pruned. The hooks of this package do not use it;
 * use {@link reactionTrackerFor} instead.
 */
export function getReactionOperationTracker(conversationId: string): ReactionOperationTracker {
  let tracker = moduleTrackers.get(conversationId);
  if (!tracker) {
    tracker = createReactionOperationTracker();
    moduleTrackers.set(conversationId, tracker);
  }
  return tracker;
}

const clientTrackers = new WeakMap<QueryClient, Map<string, ReactionOperationTracker>>();

function trackersOf(queryClient: QueryClient): Map<string, ReactionOperationTracker> {
  let trackers = clientTrackers.get(queryClient);
  if (trackers) return trackers;
  const created = new Map<string, ReactionOperationTracker>();
  trackers = created;
  clientTrackers.set(queryClient, created);
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'removed') return;
    const key = event.query.queryKey;
    if (key[0] === KILO_CHAT_QUERY_KEY_ROOT && key[1] === 'messages' && typeof key[2] === 'string') created.delete(key[2]);
  });
  return created;
}

/**
 * The tracker of `conversationId` in `queryClient`. Created on first use;
 * dropped when the conversation's messages query (`messagesKey(id)`) is
 * removed from that QueryClient's cache (garbage collection,
 * `removeQueries`, `clear()`).
 */
export function reactionTrackerFor(queryClient: QueryClient, conversationId: string): ReactionOperationTracker {
  const trackers = trackersOf(queryClient);
  let tracker = trackers.get(conversationId);
  if (!tracker) {
    tracker = createReactionOperationTracker();
    trackers.set(conversationId, tracker);
  }
  return tracker;
}

/** The tracker key of one reaction slot. */
export function reactionOperationKey(conversationId: string, messageId: string, emoji: string, memberId: string): string {
  return JSON.stringify([conversationId, messageId, emoji, memberId]);
}

/**
 * Admits an operation when its id is not older (as a string) than the newest
 * one recorded for its slot, and records it. Equal ids are admitted again.
 *
 * @returns true when the operation should be applied.
 */
export function admitReactionOperation(tracker: ReactionOperationTracker, key: string, operationId: string): boolean {
  const newest = tracker.get(key);
  if (newest !== undefined && operationId < newest) return false;
  tracker.set(key, operationId);
  return true;
}
