import type { AttachmentRecord } from './attachments.js';
import type { ActionResolution, StoredContentBlock } from './content.js';
import type { MessageRecord } from './conversation.js';
import type { SandboxRecord } from './sandboxes.js';
import type { ConversationStatus, KnownCapability } from './status-store.js';
import type { UserRecord } from './users.js';

/**
 * One change of persistent state. Every write of the mock's data goes through
 * `ChatState.apply(change)`, which hands it to one reducer
 * (`applyStateChange`); the `--data-dir` journal records these same objects
 * and replays them through that same reducer, so replayed state equals live
 * state by construction. Records are plain JSON, except `blob.put`'s bytes,
 * which the journal keeps as a file.
 */
export type StateChange =
  /** Creates or replaces a user profile. */
  | { type: 'user.put'; user: UserRecord }
  /** Creates or replaces a sandbox. */
  | { type: 'sandbox.put'; sandbox: SandboxRecord }
  /** Points a sandbox's bot at a webhook URL (null: the server default). */
  | { type: 'sandbox.webhook'; sandboxId: string; url: string | null }
  /**
   * A new conversation with its members (all joined at `createdAt`) and one
   * list row per member.
   */
  | { type: 'conversation.create'; id: string; title: string | null; createdBy: string; createdAt: number; memberIds: string[] }
  /** A new title, copied into the list rows of the active members. */
  | { type: 'conversation.title'; conversationId: string; title: string }
  /** A member leaves at `at`: its row gets `leftAt`, its list row goes. */
  | { type: 'member.leave'; conversationId: string; memberId: string; at: number }
  /** A new message (its id also advances the conversation's id factory). */
  | { type: 'message.add'; conversationId: string; message: MessageRecord }
  /** An accepted edit. */
  | {
      type: 'message.edit';
      conversationId: string;
      messageId: string;
      content: StoredContentBlock[];
      updatedAt: number;
      clientUpdatedAt: number;
    }
  /** A soft delete: content emptied, flag set. */
  | { type: 'message.delete'; conversationId: string; messageId: string; updatedAt: number }
  /** The bot-delivery flag set (permanent failure) or cleared (redeliver). */
  | { type: 'message.delivery'; conversationId: string; messageId: string; failed: boolean }
  /** An actions block resolved, or its resolution reverted (`resolution: null`). */
  | {
      type: 'action.resolve';
      conversationId: string;
      messageId: string;
      groupId: string;
      resolution: ActionResolution | null;
      updatedAt: number;
    }
  /** A reaction made live with operation id `id`. */
  | { type: 'reaction.add'; conversationId: string; messageId: string; memberId: string; emoji: string; id: string }
  /** A live reaction retired with operation id `id`. */
  | { type: 'reaction.remove'; conversationId: string; messageId: string; memberId: string; emoji: string; id: string }
  /** `lastActivityAt` raised to at least `at` for every active member. */
  | { type: 'list.activity'; conversationId: string; at: number }
  /** One member's read marker raised to at least `at`. */
  | { type: 'list.read'; conversationId: string; memberId: string; at: number }
  /** A pending attachment row (its id also advances the conversation's id factory). */
  | { type: 'attachment.init'; attachment: AttachmentRecord }
  /** An attachment linked to the message that carries it. */
  | { type: 'attachment.link'; attachmentId: string; messageId: string }
  /** An attachment row and its bytes removed (edit, delete, expiry). */
  | { type: 'attachment.delete'; attachmentId: string }
  /** Uploaded bytes stored (or replaced) under an attachment id. */
  | { type: 'blob.put'; key: string; bytes: Uint8Array; contentType: string | null }
  /** A bot status, stored only when `at` is newer than the stored one. */
  | {
      type: 'status.bot';
      sandboxId: string;
      online: boolean;
      at: number;
      capabilities?: KnownCapability[];
      updatedAt: number;
    }
  /** A conversation status, stored only when `at` is newer than the stored one. */
  | { type: 'status.conversation'; status: ConversationStatus }
  /** `delta` added to a user's badge bucket. */
  | { type: 'badge.add'; userId: string; bucket: string; delta: number }
  /** A user's badge bucket cleared. */
  | { type: 'badge.clear'; userId: string; bucket: string };

/** The `type` of every {@link StateChange}. */
export type StateChangeType = StateChange['type'];

/** Every {@link StateChangeType}, for validating records read back from disk. */
export const STATE_CHANGE_TYPES: readonly StateChangeType[] = [
  'user.put',
  'sandbox.put',
  'sandbox.webhook',
  'conversation.create',
  'conversation.title',
  'member.leave',
  'message.add',
  'message.edit',
  'message.delete',
  'message.delivery',
  'action.resolve',
  'reaction.add',
  'reaction.remove',
  'list.activity',
  'list.read',
  'attachment.init',
  'attachment.link',
  'attachment.delete',
  'blob.put',
  'status.bot',
  'status.conversation',
  'badge.add',
  'badge.clear',
];
