import type { Message } from '../schemas/message.js';

/** Which message actions a UI should offer. */
export type MessageActionAvailability = {
  /** Adding or removing a reaction. */
  canReact: boolean;
  /** Editing (own messages only). */
  canEdit: boolean;
  /** Deleting (own messages only; allowed even when delivery failed). */
  canDelete: boolean;
  /** Replying. */
  canReply: boolean;
  /** Pressing an action button. */
  canExecuteAction: boolean;
};

/** Prefix of the id of an optimistic message that the server has not confirmed yet. */
export const PENDING_MESSAGE_ID_PREFIX = 'pending-';

/**
 * Which actions apply to `message`. Nothing applies to a deleted message or
 * to an optimistic one (id starting with `pending-`). A message whose delivery
 * failed can still be deleted (if own) and its buttons pressed, but not
 * reacted to, edited or replied to. Only the sender (`isOwn`) may edit or
 * delete.
 */
export function buildMessageActionAvailability(
  message: Pick<Message, 'id' | 'deleted' | 'deliveryFailed'>,
  isOwn: boolean,
): MessageActionAvailability {
  const confirmed = !message.id.startsWith(PENDING_MESSAGE_ID_PREFIX) && !message.deleted;
  const delivered = confirmed && !message.deliveryFailed;
  return {
    canReact: delivered,
    canEdit: delivered && isOwn,
    canDelete: confirmed && isOwn,
    canReply: delivered,
    canExecuteAction: confirmed,
  };
}
