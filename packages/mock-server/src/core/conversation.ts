import { isBotId, sandboxIdFromBotId } from './bot-identity.js';
import type { StoredContentBlock } from './content.js';
import type { IdFactory } from './ids.js';
import type { ReactionRow } from './reactions.js';

/** A member row of a conversation. Rows are never deleted; leaving sets `leftAt`. */
export interface MemberRecord {
  /** User id or `bot:kiloclaw:<sandboxId>`. */
  id: string;
  /** `user` or `bot`. */
  kind: 'user' | 'bot';
  /** When the member joined (server ms). */
  joinedAt: number;
  /** When the member left (server ms), or null while active. */
  leftAt: number | null;
}

/** A stored message. `content` is emptied on delete. */
export interface MessageRecord {
  /** Monotonic ULID from the conversation's factory. */
  id: string;
  /** User id or bot id. */
  senderId: string;
  /** Canonical content ([] once deleted). */
  content: StoredContentBlock[];
  /** Parent message id, or null. */
  inReplyToMessageId: string | null;
  /** The `clientId` the sender supplied, or null. */
  clientId: string | null;
  /** Server ms of the last edit, delete, resolve or revert; null on a fresh message. */
  updatedAt: number | null;
  /** The `timestamp` of the last accepted edit, or null. */
  clientUpdatedAt: number | null;
  /** Soft-delete flag. */
  deleted: boolean;
  /** True after bot delivery failed permanently; cleared by redeliver. */
  deliveryFailed: boolean;
  /** Reaction rows in insertion order. */
  reactions: ReactionRow[];
}

/**
 * One conversation: its members, its messages in id order, and the monotonic
 * id factory the real service keeps per conversation object.
 */
export class ConversationRecord {
  /** Conversation ULID. */
  readonly id: string;
  /** Current title, or null before one is set. */
  title: string | null;
  /** Who created it (a user id, or the bot for bot-created ones). */
  readonly createdBy: string;
  /** Creation time (server ms). */
  readonly createdAt: number;
  /** Member rows keyed by id, in join order. */
  readonly members = new Map<string, MemberRecord>();
  /** Messages in ascending id order. */
  readonly messages: MessageRecord[] = [];
  /** Monotonic ids for messages, reaction operations and attachments. */
  readonly nextId: IdFactory;
  private readonly byId = new Map<string, MessageRecord>();

  constructor(init: { id: string; title: string | null; createdBy: string; createdAt: number; nextId: IdFactory }) {
    this.id = init.id;
    this.title = init.title;
    this.createdBy = init.createdBy;
    this.createdAt = init.createdAt;
    this.nextId = init.nextId;
  }

  /** The sandbox, derived from the first bot member ever added; null when there is none. */
  get sandboxId(): string | null {
    for (const member of this.members.values()) {
      if (member.kind === 'bot') return sandboxIdFromBotId(member.id);
    }
    return null;
  }

  /** Adds a member row (active). */
  addMember(id: string, joinedAt: number): MemberRecord {
    const record: MemberRecord = { id, kind: isBotId(id) ? 'bot' : 'user', joinedAt, leftAt: null };
    this.members.set(id, record);
    return record;
  }

  /** True when `memberId` has a row without `leftAt`. */
  isActive(memberId: string): boolean {
    const member = this.members.get(memberId);
    return member !== undefined && member.leftAt === null;
  }

  /** Active members, in join order. */
  activeMembers(): MemberRecord[] {
    return [...this.members.values()].filter((m) => m.leftAt === null);
  }

  /** Ids of the active human members. */
  activeHumans(): string[] {
    return this.activeMembers()
      .filter((m) => m.kind === 'user')
      .map((m) => m.id);
  }

  /** Ids of the active bot members. */
  activeBots(): string[] {
    return this.activeMembers()
      .filter((m) => m.kind === 'bot')
      .map((m) => m.id);
  }

  /** Appends a message (ids come from {@link nextId}, so order is kept). */
  addMessage(message: MessageRecord): void {
    this.messages.push(message);
    this.byId.set(message.id, message);
  }

  /** The message with that id (deleted or not), or undefined. */
  getMessage(id: string): MessageRecord | undefined {
    return this.byId.get(id.toUpperCase());
  }

  /** The newest message that is not deleted, or undefined. */
  latestLiveMessage(): MessageRecord | undefined {
    for (let i = this.messages.length - 1; i >= 0; i -= 1) {
      const message = this.messages[i];
      if (message && !message.deleted) return message;
    }
    return undefined;
  }
}
