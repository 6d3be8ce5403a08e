import type { AttachmentStore } from './attachments.js';
import type { BadgeStore } from './badges.js';
import type { BlobStore } from './blob-store.js';
import type { Clock } from './clock.js';
import type { ConversationRecord } from './conversation.js';
import type { MembershipLists } from './membership-lists.js';
import type { SandboxRegistry } from './sandboxes.js';
import type { StatusStore } from './status-store.js';
import type { UserDirectory } from './users.js';

/**
 * The persistent stores the reducer writes (`ChatState` is one): everything
 * a `--data-dir` journal records. Sockets, tickets, event seqs, the event,
 * webhook and push logs, fault settings and timers are not among them.
 */
export interface PersistentStores {
  /** The clock new conversations' id factories read. */
  readonly clock: Clock;
  /** Known users. */
  readonly users: UserDirectory;
  /** Known sandboxes. */
  readonly sandboxes: SandboxRegistry;
  /** Conversations by id. */
  readonly conversations: Map<string, ConversationRecord>;
  /** Every member's conversation list. */
  readonly lists: MembershipLists;
  /** Attachment rows. */
  readonly attachments: AttachmentStore;
  /** Uploaded bytes. */
  readonly blobs: BlobStore;
  /** Bot and conversation statuses. */
  readonly statuses: StatusStore;
  /** Per-user badge buckets. */
  readonly badges: BadgeStore;
}
