import { botIdForSandbox } from '../bot-identity.js';
import type { ChatState } from '../chat-state.js';
import type { StoredContentBlock } from '../content.js';
import { ConversationRecord, type MessageRecord } from '../conversation.js';
import { CoreError } from '../core-error.js';
import { createMonotonicIds, newUlid, ulidTime } from '../ids.js';

/** Input of {@link seedConversation}. */
export interface SeedConversationInput {
  /** Sandbox whose bot joins the conversation. */
  sandboxId: string;
  /** Human members (the first is the creator). The real API cannot add a second human; seeding can. */
  userIds: string[];
  /** Optional title. */
  title?: string | null;
}

/** Input of {@link seedMessage}. */
export interface SeedMessageInput {
  /** Target conversation. */
  conversationId: string;
  /** A member id (user or bot). */
  senderId: string;
  /** Plain text, stored as one text block. */
  text?: string;
  /** Full content instead of `text`. */
  content?: StoredContentBlock[];
}

/**
 * Creates a conversation directly in the store: no events, webhooks or
 * pushes. Use it to prepare state, including multi-human conversations the
 * public API cannot create.
 */
export function seedConversation(state: ChatState, input: SeedConversationInput): string {
  if (input.userIds.length === 0) throw new CoreError(400, 'A seeded conversation needs at least one user');
  const now = state.clock.now();
  const conversation = new ConversationRecord({
    id: newUlid(state.clock),
    title: input.title ?? null,
    createdBy: input.userIds[0] as string,
    createdAt: now,
    nextId: createMonotonicIds(state.clock),
  });
  const members = [...input.userIds, botIdForSandbox(input.sandboxId)];
  for (const id of members) conversation.addMember(id, now);
  state.conversations.set(conversation.id, conversation);
  for (const id of members) {
    state.lists.put(id, {
      conversationId: conversation.id,
      sandboxId: input.sandboxId,
      title: conversation.title,
      lastActivityAt: null,
      lastReadAt: null,
      joinedAt: now,
    });
  }
  return conversation.id;
}

/**
 * Stores a message directly: list activity (and the sender's read marker)
 * advance, but no event, webhook or push is sent.
 */
export function seedMessage(state: ChatState, input: SeedMessageInput): string {
  const conversation = state.conversations.get(input.conversationId);
  if (!conversation) throw new CoreError(404, 'Conversation not found');
  if (!conversation.isActive(input.senderId)) throw new CoreError(403, 'Forbidden');
  const content = input.content ?? [{ type: 'text', text: (input.text ?? '').trim() }];
  const message: MessageRecord = {
    id: conversation.nextId(),
    senderId: input.senderId,
    content: structuredClone(content),
    inReplyToMessageId: null,
    clientId: null,
    updatedAt: null,
    clientUpdatedAt: null,
    deleted: false,
    deliveryFailed: false,
    reactions: [],
  };
  conversation.addMessage(message);
  const at = ulidTime(message.id);
  for (const member of conversation.activeMembers()) state.lists.raiseActivity(member.id, conversation.id, at);
  if (conversation.members.get(input.senderId)?.kind === 'user') state.lists.raiseRead(input.senderId, conversation.id, at);
  return message.id;
}
