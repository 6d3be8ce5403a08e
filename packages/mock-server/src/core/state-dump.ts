import { createHash } from 'node:crypto';
import type { AttachmentRecord } from './attachments.js';
import type { BadgeRow } from './badges.js';
import { ConversationRecord, type MemberRecord, type MessageRecord } from './conversation.js';
import { createMonotonicIds } from './ids.js';
import type { ListRow } from './membership-lists.js';
import type { SandboxRecord } from './sandboxes.js';
import type { BotStatus, ConversationStatus } from './status-store.js';
import type { PersistentStores } from './state-stores.js';
import type { UserRecord } from './users.js';

/** One conversation in a {@link StateDump}. */
export interface ConversationDump {
  id: string;
  title: string | null;
  createdBy: string;
  createdAt: number;
  /** The greatest id its factory issued (messages, reaction operations, attachments), or null. */
  lastId: string | null;
  members: MemberRecord[];
  messages: MessageRecord[];
}

/** One stored blob in a {@link StateDump}: its metadata and a digest of its bytes. */
export interface BlobDump {
  key: string;
  contentType: string | null;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
}

/**
 * Every piece of persistent state as plain JSON, in store order: what a
 * `--data-dir` snapshot holds (blob bytes live in files beside it), and what
 * tests compare to prove replayed state equals live state.
 */
export interface StateDump {
  users: UserRecord[];
  sandboxes: SandboxRecord[];
  conversations: ConversationDump[];
  lists: { memberId: string; rows: ListRow[] }[];
  attachments: AttachmentRecord[];
  blobs: BlobDump[];
  botStatuses: [string, BotStatus][];
  conversationStatuses: ConversationStatus[];
  badges: { userId: string; buckets: BadgeRow[] }[];
}

/** A deep, JSON-clean copy of the stores' persistent state. */
export function dumpState(stores: PersistentStores): StateDump {
  return structuredClone({
    users: stores.users.all(),
    sandboxes: stores.sandboxes.all(),
    conversations: [...stores.conversations.values()].map((c) => ({
      id: c.id,
      title: c.title,
      createdBy: c.createdBy,
      createdAt: c.createdAt,
      lastId: c.nextId.last,
      members: [...c.members.values()],
      messages: c.messages,
    })),
    lists: stores.lists.entries(),
    attachments: stores.attachments.all(),
    blobs: stores.blobs.entries().map(([key, blob]) => ({
      key,
      contentType: blob.contentType,
      size: blob.bytes.byteLength,
      sha256: createHash('sha256').update(blob.bytes).digest('hex'),
    })),
    botStatuses: stores.statuses.botEntries(),
    conversationStatuses: stores.statuses.conversationEntries(),
    badges: stores.badges.entries(),
  });
}

/**
 * Loads a dump into empty stores. `bytesOf` supplies each blob's bytes (a
 * blob it has none for is left out). Id factories continue after `lastId`.
 */
export function restoreState(stores: PersistentStores, dump: StateDump, bytesOf: (blob: BlobDump) => Uint8Array | undefined): void {
  for (const user of dump.users) stores.users.create(user);
  for (const sandbox of dump.sandboxes) stores.sandboxes.create(sandbox);
  for (const c of dump.conversations) {
    const conversation = new ConversationRecord({
      id: c.id,
      title: c.title,
      createdBy: c.createdBy,
      createdAt: c.createdAt,
      nextId: createMonotonicIds(stores.clock),
    });
    for (const member of c.members) conversation.addMember(member.id, member.joinedAt).leftAt = member.leftAt;
    for (const message of c.messages) conversation.addMessage(structuredClone(message));
    if (c.lastId !== null) conversation.nextId.advance(c.lastId);
    stores.conversations.set(conversation.id, conversation);
  }
  for (const { memberId, rows } of dump.lists) for (const row of rows) stores.lists.put(memberId, { ...row });
  for (const row of dump.attachments) stores.attachments.add({ ...row });
  for (const blob of dump.blobs) {
    const bytes = bytesOf(blob);
    if (bytes) stores.blobs.applyPut(blob.key, bytes, blob.contentType);
  }
  for (const [sandboxId, status] of dump.botStatuses) {
    stores.statuses.upsertBot(
      sandboxId,
      { online: status.online, at: status.at, ...(status.capabilities ? { capabilities: status.capabilities } : {}) },
      status.updatedAt,
    );
  }
  for (const { updatedAt, ...status } of dump.conversationStatuses) stores.statuses.upsertConversation(status, updatedAt);
  for (const { userId, buckets } of dump.badges) {
    for (const { badgeBucket, badgeCount } of buckets) stores.badges.applyIncrement(userId, badgeBucket, badgeCount);
  }
}
