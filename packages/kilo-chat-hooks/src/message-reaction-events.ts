/**
 * Reaction operations (live events and our own mutation results) applied to
 * a message cache through a {@link ReactionOperationTracker}: an operation
 * older than the newest one already applied to the same (message, emoji,
 * member) is ignored, so a delayed event cannot undo a newer change.
 */
import type { RemoveReactionResponse } from '@kilocode/kilo-chat';
import { applyReactionAdded, applyReactionRemoved } from './message-reactions.js';
import { type MessageInfiniteData, updateMessageInPages } from './message-pages.js';
import { type ReactionOperationTracker, admitReactionOperation, reactionOperationKey } from './reaction-operation-tracker.js';

/** One reaction operation: who reacted with what on which message, and the operation's ULID. */
export interface ReactionOperation {
  /** The message reacted to. */
  messageId: string;
  /** The operation id (ULID) the server gave the add or remove. */
  operationId: string;
  /** The member who reacted. */
  memberId: string;
  /** The emoji. */
  emoji: string;
}

function applyOperation<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  conversationId: string,
  tracker: ReactionOperationTracker,
  operation: ReactionOperation,
  added: boolean,
): MessageInfiniteData<TPageParam> | undefined {
  const key = reactionOperationKey(conversationId, operation.messageId, operation.emoji, operation.memberId);
  if (!admitReactionOperation(tracker, key, operation.operationId)) return old;
  return updateMessageInPages(old, operation.messageId, (message) => {
    const reactions = added
      ? applyReactionAdded(message.reactions, operation.emoji, operation.memberId)
      : applyReactionRemoved(message.reactions, operation.emoji, operation.memberId);
    return reactions === message.reactions ? message : { ...message, reactions };
  });
}

/**
 * Applies `reaction.added` when its operation is not older than the newest
 * one recorded for that slot (and records it). A cold cache or an uncached
 * message is left as it is.
 */
export function applyReactionAddedEventToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  conversationId: string,
  tracker: ReactionOperationTracker,
  operation: ReactionOperation,
): MessageInfiniteData<TPageParam> | undefined {
  return applyOperation(old, conversationId, tracker, operation, true);
}

/** Applies `reaction.removed` with the same ordering rule as {@link applyReactionAddedEventToPages}. */
export function applyReactionRemovedEventToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  conversationId: string,
  tracker: ReactionOperationTracker,
  operation: ReactionOperation,
): MessageInfiniteData<TPageParam> | undefined {
  return applyOperation(old, conversationId, tracker, operation, false);
}

/** Applies our own successful add (operation id = the add response's `id`); idempotent with the optimistic write and the event. */
export function applyReactionAddedMutationToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  conversationId: string,
  tracker: ReactionOperationTracker,
  operation: ReactionOperation,
): MessageInfiniteData<TPageParam> | undefined {
  return applyOperation(old, conversationId, tracker, operation, true);
}

/** Applies our own successful removal (operation id = the remove response's `id`). */
export function applyReactionRemovedMutationToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  conversationId: string,
  tracker: ReactionOperationTracker,
  operation: ReactionOperation,
): MessageInfiniteData<TPageParam> | undefined {
  return applyOperation(old, conversationId, tracker, operation, false);
}

/** What {@link applyReactionRemovedResponseToPages} needs: the removal and the server's answer. */
export interface ReactionRemovedResponseInput {
  /** The message. */
  messageId: string;
  /** The emoji removed. */
  emoji: string;
  /** Who removed it (the current user). */
  memberId: string;
  /** The remove route's response. */
  response: RemoveReactionResponse;
}

/**
 * Applies the response of a removal. When it carries an id it acts as a
 * removal with that operation id, even for `removed: false` (the reaction was
 * already removed: the id of that first removal still blocks an older
 * delayed add). A `null` id (the reaction never existed) changes nothing.
 */
export function applyReactionRemovedResponseToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  conversationId: string,
  tracker: ReactionOperationTracker,
  input: ReactionRemovedResponseInput,
): MessageInfiniteData<TPageParam> | undefined {
  const operationId = input.response.id;
  if (operationId === null) return old;
  return applyOperation(old, conversationId, tracker, { messageId: input.messageId, emoji: input.emoji, memberId: input.memberId, operationId }, false);
}
