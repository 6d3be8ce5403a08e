import type { Caller } from '../caller.js';
import type { ChatState } from '../chat-state.js';
import { CoreError } from '../core-error.js';
import { type AddReactionOutcome, type RemoveReactionOutcome, findReaction } from '../reactions.js';

/** Body of H13, query of H14. */
export interface ReactionInput {
  conversationId: string;
  emoji: string;
}

function liveMessage(state: ChatState, caller: Caller, messageId: string, conversationId: string) {
  const conversation = state.memberConversation(caller, conversationId, 'Not a member');
  const message = conversation.getMessage(messageId);
  if (!message || message.deleted) throw new CoreError(404, 'Message not found');
  return { conversation, message };
}

/** H13 / B6. `created` maps to 201 (and an event); a live reaction answers 200 with its id. */
export function addReactionOp(state: ChatState, caller: Caller, messageId: string, input: ReactionInput): AddReactionOutcome {
  const { conversation, message } = liveMessage(state, caller, messageId, input.conversationId);
  const row = findReaction(message.reactions, caller.id, input.emoji);
  if (row && row.removedId === null) return { id: row.addId, created: false };
  const outcome = { id: conversation.nextId(), created: true };
  state.apply({
    type: 'reaction.add',
    conversationId: conversation.id,
    messageId: message.id,
    memberId: caller.id,
    emoji: input.emoji,
    id: outcome.id,
  });
  state.pushToConversation(conversation, 'reaction.added', {
    messageId: message.id,
    operationId: outcome.id,
    memberId: caller.id,
    emoji: input.emoji,
  });
  return outcome;
}

/** H14 / B7. Pushes only when a live reaction was actually removed. */
export function removeReactionOp(state: ChatState, caller: Caller, messageId: string, input: ReactionInput): RemoveReactionOutcome {
  const { conversation, message } = liveMessage(state, caller, messageId, input.conversationId);
  const row = findReaction(message.reactions, caller.id, input.emoji);
  if (!row) return { removed: false, id: null };
  if (row.removedId !== null) return { removed: false, id: row.removedId };
  const outcome = { removed: true as const, id: conversation.nextId() };
  state.apply({
    type: 'reaction.remove',
    conversationId: conversation.id,
    messageId: message.id,
    memberId: caller.id,
    emoji: input.emoji,
    id: outcome.id,
  });
  state.pushToConversation(conversation, 'reaction.removed', {
    messageId: message.id,
    operationId: outcome.id,
    memberId: caller.id,
    emoji: input.emoji,
  });
  return outcome;
}
