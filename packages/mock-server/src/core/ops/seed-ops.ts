import { botIdForSandbox } from '../bot-identity.js';
import type { ChatState } from '../chat-state.js';
import type { StoredContentBlock } from '../content.js';
import type { MessageRecord } from '../conversation.js';
import { CoreError } from '../core-error.js';
import { isUlidString, newUlid, ulidTime } from '../ids.js';

/** Input of {@link seedConversation}. */
export interface SeedConversationInput {
  /** Sandbox whose bot joins the conversation. */
  sandboxId: string;
  /** Human members (the first is the creator). The real API cannot add a second human; seeding can. */
  userIds: string[];
  /** Optional title. */
  title?: string | null;
  /** A fixed conversation id (a ULID not in use). Default: a fresh ULID. */
  id?: string;
  /** Creation and join time, Unix ms. Default: now. */
  createdAt?: number;
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
  /**
   * A fixed message id: a ULID greater than every id the conversation has
   * issued. Default: the conversation's next monotonic id.
   */
  id?: string;
}

/**
 * Creates a conversation directly in the store: no events, webhooks or
 * pushes. Use it to prepare state, including multi-human conversations the
 * public API cannot create.
 */
export function seedConversation(state: ChatState, input: SeedConversationInput): string {
  if (input.userIds.length === 0) throw new CoreError(400, 'A seeded conversation needs at least one user');
  const id = input.id?.toUpperCase() ?? newUlid(state.clock);
  if (!isUlidString(id)) throw new CoreError(400, 'A seeded conversation id must be a ULID');
  if (state.conversations.has(id)) throw new CoreError(409, 'Conversation already exists');
  state.apply({
    type: 'conversation.create',
    id,
    title: input.title ?? null,
    createdBy: input.userIds[0] as string,
    createdAt: input.createdAt ?? state.clock.now(),
    memberIds: [...input.userIds, botIdForSandbox(input.sandboxId)],
  });
  return id;
}

/**
 * Stores a message directly: list activity (and the sender's read marker)
 * advance, but no event, webhook or push is sent.
 */
export function seedMessage(state: ChatState, input: SeedMessageInput): string {
  const conversation = state.conversations.get(input.conversationId.toUpperCase());
  if (!conversation) throw new CoreError(404, 'Conversation not found');
  if (!conversation.isActive(input.senderId)) throw new CoreError(403, 'Forbidden');
  let id: string;
  if (input.id === undefined) {
    id = conversation.nextId();
  } else {
    id = input.id.toUpperCase();
    const last = conversation.nextId.last;
    if (!isUlidString(id) || (last !== null && id <= last)) {
      throw new CoreError(400, 'A seeded message id must be a ULID above every id the conversation issued');
    }
  }
  const content = input.content ?? [{ type: 'text', text: (input.text ?? '').trim() }];
  const message: MessageRecord = {
    id,
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
  state.apply({ type: 'message.add', conversationId: conversation.id, message });
  const at = ulidTime(id);
  state.apply({ type: 'list.activity', conversationId: conversation.id, at });
  if (conversation.members.get(input.senderId)?.kind === 'user') {
    state.apply({ type: 'list.read', conversationId: conversation.id, memberId: input.senderId, at });
  }
  return id;
}
