import { buildAutoTitle } from '@kilocode/kilo-chat/schemas';
import type { Caller } from '../caller.js';
import type { ChatState } from '../chat-state.js';
import type { WireMessage } from '../wire-types.js';
import {
  type AttachmentContent,
  type StoredContentBlock,
  attachmentBlocks,
  cloneContent,
  concatenatedText,
} from '../content.js';
import type { ConversationRecord, MessageRecord } from '../conversation.js';
import { CoreError } from '../core-error.js';
import { ulidTime } from '../ids.js';
import { isExpiredPending } from './attachment-ops.js';
import { applyTitle } from './conversation-ops.js';

/** Most attachment blocks one message may carry. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** A content block as create and edit bodies carry it (no `resolved`). */
export type InputBlock = StoredContentBlock;

/** Body of H7 / B1 (already schema-validated and trimmed). */
export interface CreateMessageInput {
  conversationId: string;
  content: InputBlock[];
  inReplyToMessageId?: string | undefined;
  clientId?: string | undefined;
}

/** Response of H7 / B1. */
export interface CreateMessageResult {
  messageId: string;
  clientId?: string;
  message: WireMessage;
}

/** Query of H8 / B8. */
export interface ListMessagesInput {
  limit: number;
  before?: string | undefined;
}

/** Body of H9 / B2. */
export interface EditMessageInput {
  conversationId: string;
  content: InputBlock[];
  timestamp: number;
}

/**
 * Checks that every attachment block may be linked by `senderId` and returns
 * the content with stored metadata in place of what the client sent.
 */
function canonicaliseNewAttachments(state: ChatState, conversation: ConversationRecord, senderId: string, content: InputBlock[]): StoredContentBlock[] {
  const blocks = attachmentBlocks(content);
  const now = state.clock.now();
  if (blocks.length > MAX_ATTACHMENTS_PER_MESSAGE) throw new CoreError(400, 'At most 10 attachments per message');
  const seen = new Set<string>();
  for (const block of blocks) {
    const row = state.attachments.get(block.attachmentId);
    if (!row || row.conversationId !== conversation.id || isExpiredPending(state, row, now)) throw new CoreError(400, 'Attachment not found');
    if (row.status !== 'pending' || seen.has(row.id)) throw new CoreError(409, 'Attachment is already linked');
    if (row.uploaderId !== senderId) throw new CoreError(403, 'Forbidden');
    const blob = state.blobs.get(row.id);
    if (!blob) throw new CoreError(409, 'Attachment upload is missing');
    if (blob.bytes.byteLength !== row.size) {
      throw new CoreError(409, `Attachment upload size ${blob.bytes.byteLength} does not match declared size ${row.size}`);
    }
    seen.add(row.id);
  }
  return content.map((block) => {
    if (block.type !== 'attachment') return structuredClone(block);
    const row = state.attachments.get(block.attachmentId);
    if (!row) return structuredClone(block);
    const canonical: AttachmentContent = {
      type: 'attachment',
      attachmentId: row.id,
      mimeType: row.mimeType,
      size: row.size,
      filename: row.filename,
    };
    return canonical;
  });
}

/** The `message.created` webhook body, or null when there is nothing to deliver. */
export function messageWebhookPayload(state: ChatState, conversation: ConversationRecord, message: MessageRecord) {
  const text = concatenatedText(message.content);
  const attachments = attachmentBlocks(message.content).map(({ attachmentId, mimeType, size, filename }) => ({
    attachmentId,
    mimeType,
    size,
    filename,
  }));
  if (text === '' && attachments.length === 0) return null;
  const payload: { type: string } & Record<string, unknown> = {
    type: 'message.created',
    conversationId: conversation.id,
    messageId: message.id,
    from: message.senderId,
    text,
    sentAt: new Date(state.clock.now()).toISOString(),
  };
  if (message.inReplyToMessageId !== null) {
    payload.inReplyToMessageId = message.inReplyToMessageId;
    const parent = conversation.getMessage(message.inReplyToMessageId);
    if (parent && !parent.deleted) {
      const body = concatenatedText(parent.content);
      if (body !== '') payload.inReplyToBody = body;
      payload.inReplyToSender = parent.senderId;
    }
  }
  if (attachments.length > 0) payload.attachments = attachments;
  return payload;
}

/** Queues the `message.created` webhook to one bot; a permanent failure flags the message. */
export function queueMessageWebhook(state: ChatState, conversation: ConversationRecord, message: MessageRecord, botId: string): void {
  const payload = messageWebhookPayload(state, conversation, message);
  if (!payload) return;
  state.webhooks.enqueue(conversation.id, botId, payload, {
    onPermanentFailure: () => markDeliveryFailed(state, conversation, conversation.getMessage(message.id) ?? message),
  });
}

/** Flips `deliveryFailed` on and tells the humans, only when it actually flips. */
function markDeliveryFailed(state: ChatState, conversation: ConversationRecord, message: MessageRecord): boolean {
  if (message.deliveryFailed || message.deleted) return false;
  state.apply({ type: 'message.delivery', conversationId: conversation.id, messageId: message.id, failed: true });
  state.pushToConversation(conversation, 'message.delivery_failed', { messageId: message.id });
  return true;
}

/** H7 / B1. */
export function createMessage(state: ChatState, caller: Caller, input: CreateMessageInput): CreateMessageResult {
  const conversation = state.conversations.get(input.conversationId.toUpperCase());
  if (!conversation) throw new CoreError(404, 'Conversation not found');
  if (!conversation.isActive(caller.id)) throw new CoreError(403, 'Forbidden');
  let inReplyTo: string | null = null;
  if (input.inReplyToMessageId !== undefined) {
    const parent = conversation.getMessage(input.inReplyToMessageId);
    if (!parent) throw new CoreError(400, 'Reply parent not found in this conversation');
    inReplyTo = parent.id;
  }
  const content = canonicaliseNewAttachments(state, conversation, caller.id, input.content);

  // Everything is checked: commit.
  const message: MessageRecord = {
    id: conversation.nextId(),
    senderId: caller.id,
    content,
    inReplyToMessageId: inReplyTo,
    clientId: input.clientId ?? null,
    updatedAt: null,
    clientUpdatedAt: null,
    deleted: false,
    deliveryFailed: false,
    reactions: [],
  };
  state.apply({ type: 'message.add', conversationId: conversation.id, message });
  for (const block of attachmentBlocks(content)) {
    state.apply({ type: 'attachment.link', attachmentId: block.attachmentId, messageId: message.id });
  }

  const stored = conversation.getMessage(message.id) as MessageRecord;

  // Fan-out, in the reference's order.
  for (const botId of conversation.activeBots()) if (botId !== caller.id) queueMessageWebhook(state, conversation, stored, botId);
  const autoTitle = conversation.title === null ? buildAutoTitle(content) : null;
  const wire = state.toWireMessage(conversation, stored);
  state.pushToConversation(conversation, 'message.created', {
    messageId: message.id,
    senderId: message.senderId,
    content: wire.content,
    inReplyToMessageId: message.inReplyToMessageId,
    replyTo: wire.replyTo,
    clientId: message.clientId,
  });
  const at = ulidTime(message.id);
  state.apply({ type: 'list.activity', conversationId: conversation.id, at });
  if (caller.kind === 'user') state.apply({ type: 'list.read', conversationId: conversation.id, memberId: caller.id, at });
  if (autoTitle !== null) applyTitle(state, conversation, autoTitle);
  state.pushToInstance(conversation, 'conversation.activity', { conversationId: conversation.id, lastActivityAt: at });
  if (caller.kind === 'user') {
    state.pushToInstance(conversation, 'conversation.read', { conversationId: conversation.id, memberId: caller.id, lastReadAt: at }, [caller.id]);
    state.notifier.humanMessage(conversation, stored);
  } else {
    state.notifier.botMessage(conversation, stored);
  }

  const result: CreateMessageResult = { messageId: message.id, message: wire };
  if (input.clientId !== undefined) result.clientId = input.clientId;
  return result;
}

/** H8 / B8. Newest first; `before` is exclusive; `nextCursor` is the oldest id of the page. */
export function listMessages(state: ChatState, caller: Caller, conversationId: string, input: ListMessagesInput) {
  const conversation = state.memberConversation(caller, conversationId);
  const before = input.before?.toUpperCase();
  const older: MessageRecord[] = [];
  for (let i = conversation.messages.length - 1; i >= 0 && older.length <= input.limit; i -= 1) {
    const message = conversation.messages[i] as MessageRecord;
    if (before !== undefined && !(message.id < before)) continue;
    older.push(message);
  }
  const hasMore = older.length > input.limit;
  const pageMessages = older.slice(0, input.limit);
  const last = pageMessages[pageMessages.length - 1];
  return {
    messages: pageMessages.map((m) => state.toWireMessage(conversation, m)),
    hasMore,
    nextCursor: hasMore && last ? last.id : null,
  };
}

function ownLiveMessage(state: ChatState, caller: Caller, conversationId: string, messageId: string, allowDeleted: boolean) {
  const conversation = state.memberConversation(caller, conversationId);
  const message = conversation.getMessage(messageId);
  if (!message || (message.deleted && !allowDeleted)) throw new CoreError(404, 'Not found');
  if (message.senderId !== caller.id) throw new CoreError(403, 'Forbidden');
  return { conversation, message };
}

/** H9 / B2. Stale timestamps conflict; attachments may be dropped but never added. */
export function editMessage(state: ChatState, caller: Caller, messageId: string, input: EditMessageInput) {
  const { conversation, message } = ownLiveMessage(state, caller, input.conversationId, messageId, false);
  if (message.clientUpdatedAt !== null && input.timestamp <= message.clientUpdatedAt) {
    throw new CoreError(409, 'Edit conflict', { messageId: message.id });
  }
  const existing = new Set(attachmentBlocks(message.content).map((b) => b.attachmentId));
  const kept = new Set<string>();
  for (const block of attachmentBlocks(input.content)) {
    const id = block.attachmentId.toUpperCase();
    if (!existing.has(id)) throw new CoreError(409, 'Cannot add attachments');
    kept.add(id);
  }
  const content: StoredContentBlock[] = input.content.map((block) => {
    if (block.type !== 'attachment') return structuredClone(block);
    const stored = attachmentBlocks(message.content).find((b) => b.attachmentId === block.attachmentId.toUpperCase());
    return stored ? { ...stored } : structuredClone(block);
  });
  for (const id of existing) {
    if (kept.has(id)) continue;
    state.apply({ type: 'attachment.delete', attachmentId: id });
  }
  state.apply({
    type: 'message.edit',
    conversationId: conversation.id,
    messageId: message.id,
    content,
    updatedAt: state.clock.now(),
    clientUpdatedAt: input.timestamp,
  });
  state.pushToConversation(conversation, 'message.updated', {
    messageId: message.id,
    content: cloneContent(content),
    clientUpdatedAt: input.timestamp,
  });
  if (caller.kind === 'bot') state.notifier.botEdit(message);
  return { messageId: message.id };
}

/** H10 / B3. A repeat by the sender succeeds again and pushes again. */
export function deleteMessage(state: ChatState, caller: Caller, messageId: string, conversationId: string) {
  const { conversation, message } = ownLiveMessage(state, caller, conversationId, messageId, true);
  for (const block of attachmentBlocks(message.content)) {
    state.apply({ type: 'attachment.delete', attachmentId: block.attachmentId });
  }
  state.apply({ type: 'message.delete', conversationId: conversation.id, messageId: message.id, updatedAt: state.clock.now() });
  state.notifier.messageDeleted(message.id);
  state.pushToConversation(conversation, 'message.deleted', { messageId: message.id });
  return { ok: true as const };
}

/** H12. Clears `deliveryFailed` and queues the webhook again to the one active bot. */
export function redeliverMessage(state: ChatState, caller: Caller, conversationId: string, messageId: string) {
  const { conversation, message } = ownLiveMessage(state, caller, conversationId, messageId, false);
  if (!message.deliveryFailed) return { ok: true as const, redelivered: false };
  const bots = conversation.activeBots().filter((id) => id !== caller.id);
  if (bots.length === 0) throw new CoreError(409, 'No active bot to redeliver to');
  if (bots.length > 1) throw new CoreError(409, 'Redelivery is ambiguous with multiple bots');
  state.apply({ type: 'message.delivery', conversationId: conversation.id, messageId: message.id, failed: false });
  state.pushToConversation(conversation, 'message.redelivered', { messageId: message.id });
  queueMessageWebhook(state, conversation, message, bots[0] as string);
  return { ok: true as const, redelivered: true };
}

/** B15. Idempotent; pushes only when the flag flips. */
export function reportMessageDeliveryFailed(state: ChatState, caller: Caller, conversationId: string, messageId: string) {
  const conversation = state.memberConversation(caller, conversationId);
  const message = conversation.getMessage(messageId);
  if (!message || message.deleted) throw new CoreError(404, 'Message not found');
  markDeliveryFailed(state, conversation, message);
  return { ok: true as const };
}
