import type { ActionsContent } from './content.js';
import { ConversationRecord, type MessageRecord } from './conversation.js';
import { createMonotonicIds } from './ids.js';
import { applyReactionAdd, applyReactionRemove } from './reactions.js';
import type { StateChange } from './state-change.js';
import type { PersistentStores } from './state-stores.js';

/** A change that does not fit the state it is applied to (a corrupt or foreign journal). */
export class StateChangeError extends Error {
  /** Machine-readable code. */
  readonly code = 'state_change_rejected';
  constructor(message: string) {
    super(message);
    this.name = 'StateChangeError';
  }
}

function conversationOf(stores: PersistentStores, id: string): ConversationRecord {
  const conversation = stores.conversations.get(id);
  if (!conversation) throw new StateChangeError(`unknown conversation ${id}`);
  return conversation;
}

function messageOf(stores: PersistentStores, conversationId: string, messageId: string): MessageRecord {
  const message = conversationOf(stores, conversationId).getMessage(messageId);
  if (!message) throw new StateChangeError(`unknown message ${messageId} in conversation ${conversationId}`);
  return message;
}

/**
 * The one reducer: applies a {@link StateChange} to the stores. Live
 * operations and journal replay both call it, so they cannot diverge. It
 * copies what it stores, so a record is never aliased by the state.
 * Throws {@link StateChangeError} when the change names something missing.
 */
export function applyStateChange(stores: PersistentStores, change: StateChange): void {
  switch (change.type) {
    case 'user.put':
      stores.users.create({ ...change.user });
      return;
    case 'sandbox.put':
      stores.sandboxes.create({ ...change.sandbox });
      return;
    case 'sandbox.webhook':
      stores.sandboxes.setWebhookUrl(change.sandboxId, change.url);
      return;
    case 'conversation.create': {
      if (stores.conversations.has(change.id)) throw new StateChangeError(`conversation ${change.id} exists`);
      const conversation = new ConversationRecord({
        id: change.id,
        title: change.title,
        createdBy: change.createdBy,
        createdAt: change.createdAt,
        nextId: createMonotonicIds(stores.clock),
      });
      for (const id of change.memberIds) conversation.addMember(id, change.createdAt);
      stores.conversations.set(conversation.id, conversation);
      for (const id of change.memberIds) {
        stores.lists.put(id, {
          conversationId: conversation.id,
          sandboxId: conversation.sandboxId,
          title: change.title,
          lastActivityAt: null,
          lastReadAt: null,
          joinedAt: change.createdAt,
        });
      }
      return;
    }
    case 'conversation.title': {
      const conversation = conversationOf(stores, change.conversationId);
      conversation.title = change.title;
      for (const member of conversation.activeMembers()) stores.lists.setTitle(member.id, conversation.id, change.title);
      return;
    }
    case 'member.leave': {
      const member = conversationOf(stores, change.conversationId).members.get(change.memberId);
      if (!member) throw new StateChangeError(`${change.memberId} is not a member of ${change.conversationId}`);
      member.leftAt = change.at;
      stores.lists.remove(change.memberId, change.conversationId);
      return;
    }
    case 'message.add': {
      const conversation = conversationOf(stores, change.conversationId);
      if (conversation.getMessage(change.message.id)) throw new StateChangeError(`message ${change.message.id} exists`);
      conversation.addMessage(structuredClone(change.message));
      conversation.nextId.advance(change.message.id);
      return;
    }
    case 'message.edit': {
      const message = messageOf(stores, change.conversationId, change.messageId);
      message.content = structuredClone(change.content);
      message.updatedAt = change.updatedAt;
      message.clientUpdatedAt = change.clientUpdatedAt;
      return;
    }
    case 'message.delete': {
      const message = messageOf(stores, change.conversationId, change.messageId);
      message.deleted = true;
      message.content = [];
      message.updatedAt = change.updatedAt;
      return;
    }
    case 'message.delivery':
      messageOf(stores, change.conversationId, change.messageId).deliveryFailed = change.failed;
      return;
    case 'action.resolve': {
      const message = messageOf(stores, change.conversationId, change.messageId);
      const block = message.content.find((b): b is ActionsContent => b.type === 'actions' && b.groupId === change.groupId);
      if (!block) throw new StateChangeError(`no actions group ${change.groupId} in message ${change.messageId}`);
      if (change.resolution) block.resolved = { ...change.resolution };
      else delete block.resolved;
      message.updatedAt = change.updatedAt;
      return;
    }
    case 'reaction.add': {
      const conversation = conversationOf(stores, change.conversationId);
      applyReactionAdd(messageOf(stores, change.conversationId, change.messageId).reactions, change.memberId, change.emoji, change.id);
      conversation.nextId.advance(change.id);
      return;
    }
    case 'reaction.remove': {
      const conversation = conversationOf(stores, change.conversationId);
      applyReactionRemove(messageOf(stores, change.conversationId, change.messageId).reactions, change.memberId, change.emoji, change.id);
      conversation.nextId.advance(change.id);
      return;
    }
    case 'list.activity': {
      const conversation = conversationOf(stores, change.conversationId);
      for (const member of conversation.activeMembers()) stores.lists.raiseActivity(member.id, conversation.id, change.at);
      return;
    }
    case 'list.read':
      stores.lists.raiseRead(change.memberId, change.conversationId, change.at);
      return;
    case 'attachment.init': {
      const conversation = conversationOf(stores, change.attachment.conversationId);
      stores.attachments.add({ ...change.attachment });
      conversation.nextId.advance(change.attachment.id);
      return;
    }
    case 'attachment.link': {
      const row = stores.attachments.get(change.attachmentId);
      if (!row) throw new StateChangeError(`unknown attachment ${change.attachmentId}`);
      row.status = 'linked';
      row.messageId = change.messageId;
      return;
    }
    case 'attachment.delete':
      stores.attachments.delete(change.attachmentId);
      stores.blobs.delete(change.attachmentId.toUpperCase());
      stores.blobs.delete(change.attachmentId);
      return;
    case 'blob.put':
      stores.blobs.applyPut(change.key, change.bytes, change.contentType);
      return;
    case 'status.bot':
      stores.statuses.upsertBot(
        change.sandboxId,
        { online: change.online, at: change.at, ...(change.capabilities ? { capabilities: change.capabilities } : {}) },
        change.updatedAt,
      );
      return;
    case 'status.conversation': {
      const { updatedAt, ...status } = change.status;
      stores.statuses.upsertConversation(status, updatedAt);
      return;
    }
    case 'badge.add':
      stores.badges.applyIncrement(change.userId, change.bucket, change.delta);
      return;
    case 'badge.clear':
      stores.badges.applyClear(change.userId, change.bucket);
      return;
    default: {
      const unknown: never = change;
      throw new StateChangeError(`unknown change ${(unknown as { type?: unknown }).type as string}`);
    }
  }
}
