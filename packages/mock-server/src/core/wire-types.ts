import type { buildReplyToMessageSnapshot } from '@kilocode/kilo-chat/schemas';
import type { MessageRecord } from './conversation.js';
import type { groupReactions } from './reactions.js';

/** A message as the wire shows it (`Message`). */
export interface WireMessage {
  id: string;
  senderId: string;
  content: MessageRecord['content'];
  inReplyToMessageId: string | null;
  replyTo: ReturnType<typeof buildReplyToMessageSnapshot> | null;
  updatedAt: number | null;
  clientUpdatedAt: number | null;
  deleted: boolean;
  deliveryFailed: boolean;
  reactions: ReturnType<typeof groupReactions>;
}

/** A conversation list row as the wire shows it (`ConversationListItem`). */
export interface WireListItem {
  conversationId: string;
  title: string | null;
  lastActivityAt: number | null;
  lastReadAt: number | null;
  joinedAt: number;
}

/** A member as conversation details show it. */
export interface WireMember {
  id: string;
  kind: 'user' | 'bot';
  displayName: string | null;
  avatarUrl: string | null;
}
