import type { AttachmentRecord } from '../attachments.js';
import type { Caller } from '../caller.js';
import type { ChatState } from '../chat-state.js';
import { CoreError } from '../core-error.js';

/** Window in which a repeated init with the same idempotency key returns the same attachment: 30 s. */
export const ATTACHMENT_IDEMPOTENCY_WINDOW_MS = 30_000;

/** Body of H17 / B17 (schema-validated). */
export interface InitAttachmentInput {
  conversationId: string;
  mimeType: string;
  size: number;
  filename: string;
  idempotencyKey?: string | undefined;
}

/** H17 / B17. Creates a pending row (or returns the idempotent one). */
export function initAttachment(state: ChatState, caller: Caller, input: InitAttachmentInput): AttachmentRecord {
  const conversation = state.memberConversation(caller, input.conversationId);
  const now = state.clock.now();
  if (input.idempotencyKey !== undefined) {
    const existing = state.attachments.findIdempotent(
      conversation.id,
      caller.id,
      input.idempotencyKey,
      now - ATTACHMENT_IDEMPOTENCY_WINDOW_MS,
    );
    if (existing && !isExpiredPending(state, existing, now)) return existing;
  }
  const row: AttachmentRecord = {
    id: conversation.nextId(),
    conversationId: conversation.id,
    uploaderId: caller.id,
    mimeType: input.mimeType,
    size: input.size,
    filename: input.filename,
    status: 'pending',
    messageId: null,
    createdAt: now,
    idempotencyKey: input.idempotencyKey ?? null,
  };
  state.apply({ type: 'attachment.init', attachment: row });
  return state.attachments.get(row.id) ?? row;
}

/** H18 / B18. Any active member may read a linked attachment of the conversation. */
export function readAttachment(state: ChatState, caller: Caller, attachmentId: string, conversationId: string): AttachmentRecord {
  const conversation = state.memberConversation(caller, conversationId);
  const row = state.attachments.get(attachmentId);
  if (!row || row.conversationId !== conversation.id || row.status !== 'linked') throw new CoreError(404, 'Attachment not found');
  return row;
}

/** True when a pending attachment is past the unlinked-attachment lifetime at `now` (it counts as unknown). */
export function isExpiredPending(state: ChatState, row: AttachmentRecord, now: number): boolean {
  return row.status === 'pending' && now - row.createdAt >= state.unlinkedAttachmentTtlMs;
}

/**
 * Removes every pending attachment past its lifetime, row and bytes, through
 * the write door. Returns how many went.
 */
export function sweepExpiredAttachments(state: ChatState): number {
  const now = state.clock.now();
  let removed = 0;
  for (const row of state.attachments.all()) {
    if (!isExpiredPending(state, row, now)) continue;
    state.apply({ type: 'attachment.delete', attachmentId: row.id });
    removed += 1;
  }
  return removed;
}
