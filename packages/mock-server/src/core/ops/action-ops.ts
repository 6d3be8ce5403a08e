import type { Caller } from '../caller.js';
import type { ChatState } from '../chat-state.js';
import { type ActionDecision, type ActionsContent, cloneContent } from '../content.js';
import type { ConversationRecord, MessageRecord } from '../conversation.js';
import { CoreError } from '../core-error.js';

/** Body of H11. */
export interface ExecuteActionInput {
  groupId: string;
  value: ActionDecision;
}

function actionsBlock(message: MessageRecord, groupId: string): ActionsContent | undefined {
  return message.content.find((b): b is ActionsContent => b.type === 'actions' && b.groupId === groupId);
}

/**
 * Removes a resolution and tells the humans with `action.delivery_failed`.
 * Returns whether anything was reverted (no event otherwise).
 */
export function revertResolution(state: ChatState, conversation: ConversationRecord, message: MessageRecord, groupId: string): boolean {
  const block = actionsBlock(message, groupId);
  if (!block || block.resolved === undefined || message.deleted) return false;
  state.apply({
    type: 'action.resolve',
    conversationId: conversation.id,
    messageId: message.id,
    groupId,
    resolution: null,
    updatedAt: state.clock.now(),
  });
  state.pushToConversation(conversation, 'action.delivery_failed', {
    conversationId: conversation.id,
    messageId: message.id,
    groupId,
  });
  return true;
}

/** H11. Resolves the group, pushes `message.updated`, and tells the authoring bot by webhook. */
export function executeAction(state: ChatState, caller: Caller, conversationId: string, messageId: string, input: ExecuteActionInput) {
  const conversation = state.memberConversation(caller, conversationId, 'Not a member');
  const message = conversation.getMessage(messageId);
  if (!message || message.deleted) throw new CoreError(404, 'Message not found');
  const block = actionsBlock(message, input.groupId);
  if (!block) throw new CoreError(404, 'Action group not found');
  if (block.resolved !== undefined) throw new CoreError(409, 'Action already resolved');
  if (!block.actions.some((a) => a.value === input.value)) throw new CoreError(400, 'Value does not match any offered action');

  const now = state.clock.now();
  state.apply({
    type: 'action.resolve',
    conversationId: conversation.id,
    messageId: message.id,
    groupId: input.groupId,
    resolution: { value: input.value, resolvedBy: caller.id, resolvedAt: now },
    updatedAt: now,
  });
  state.pushToConversation(conversation, 'message.updated', {
    messageId: message.id,
    content: cloneContent(message.content),
    clientUpdatedAt: null,
  });
  if (message.senderId !== caller.id && conversation.activeBots().includes(message.senderId)) {
    state.webhooks.enqueue(
      conversation.id,
      message.senderId,
      {
        type: 'action.executed',
        conversationId: conversation.id,
        messageId: message.id,
        groupId: input.groupId,
        value: input.value,
        executedBy: caller.id,
        executedAt: new Date(now).toISOString(),
      },
      { onPermanentFailure: () => revertResolution(state, conversation, conversation.getMessage(message.id) ?? message, input.groupId) },
    );
  }
  return {
    ok: true as const,
    messageId: message.id,
    content: cloneContent(message.content),
    resolved: { groupId: input.groupId, value: input.value, resolvedBy: caller.id, resolvedAt: now },
  };
}

/** B16. Reverts the resolution; idempotent when the group is already unresolved. */
export function reportActionDeliveryFailed(state: ChatState, caller: Caller, conversationId: string, groupId: string, messageId: string) {
  const conversation = state.memberConversation(caller, conversationId);
  const message = conversation.getMessage(messageId);
  if (!message || message.deleted) throw new CoreError(404, 'Message not found');
  if (!actionsBlock(message, groupId)) throw new CoreError(404, 'Action group not found');
  revertResolution(state, conversation, message, groupId);
  return { ok: true as const };
}
