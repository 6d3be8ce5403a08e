import type { AttachmentBlock } from '@kilocode/kilo-chat';

/**
 * Where a queued file is: `uploading` (waiting for a slot, initialising,
 * sending bytes or waiting to retry), `ready` (uploaded; its block can be
 * sent) or `failed` (see `error`/`errorCode`; retry or remove it). Every row
 * ends in `ready` or `failed` unless it is removed.
 */
export type QueuedAttachmentStatus = 'uploading' | 'ready' | 'failed';

/** One file in the attachment queue, as the composer shows it. */
export interface QueuedAttachment {
  /** Local id of the row, also the upload's idempotency key. */
  tempId: string;
  /** The file's name. */
  filename: string;
  /** The file's MIME type. */
  mimeType: string;
  /** The file's size in bytes. */
  size: number;
  /** See {@link QueuedAttachmentStatus}. */
  status: QueuedAttachmentStatus;
  /** Fraction of the bytes sent, 0 to 1 (1 once ready). */
  progress: number;
  /** The server's attachment id, once initialised. */
  attachmentId?: string;
  /** Why the row failed (the error's message), while `status` is `failed`. */
  error?: string;
  /**
   * Addition: the machine-readable code of the failure when the error carries
   * one, e.g. `'not_owner'` (the client's owner changed mid-upload),
   * `'cancelled'`, `'network_error'`, `'upload_failed'`, or a `KiloChatApiError` code.
   */
  errorCode?: string;
}

/** The attachment queue's state: rows in the order files were added. */
export interface AttachmentQueueState {
  /** Every row, oldest first. */
  rows: QueuedAttachment[];
}

/** The transitions of {@link attachmentQueueReducer}. */
export type AttachmentQueueAction =
  /** Appends a row. */
  | { type: 'add'; row: QueuedAttachment }
  /** Records the attachment id returned by init. */
  | { type: 'setInited'; tempId: string; attachmentId: string }
  /** Sets the upload progress, clamped to 0..1. */
  | { type: 'setProgress'; tempId: string; progress: number }
  /** Marks the row ready (progress 1). */
  | { type: 'setReady'; tempId: string }
  /** Marks the row failed with a message (and, when known, a code). */
  | { type: 'setFailed'; tempId: string; error: string; errorCode?: string }
  /** Back to uploading: progress 0, error cleared, attachment id kept. */
  | { type: 'retry'; tempId: string }
  /** Drops one row. */
  | { type: 'remove'; tempId: string }
  /** Drops every row. */
  | { type: 'clear' }
  /** Drops the listed rows (e.g. the ones a sent message carried). */
  | { type: 'clearFiles'; tempIds: readonly string[] };

function clampFraction(value: number): number {
  if (!(value > 0)) return 0; // also NaN
  return value > 1 ? 1 : value;
}

/** Replaces the row with `tempId` by `update(row)`; unchanged rows (and an unchanged state) keep their identity. */
function updateRow(
  state: AttachmentQueueState,
  tempId: string,
  update: (row: QueuedAttachment) => QueuedAttachment,
): AttachmentQueueState {
  const index = state.rows.findIndex((row) => row.tempId === tempId);
  if (index < 0) return state;
  const current = state.rows[index] as QueuedAttachment;
  const next = update(current);
  if (next === current) return state;
  const rows = state.rows.slice();
  rows[index] = next;
  return { rows };
}

function withoutError(row: QueuedAttachment): QueuedAttachment {
  const { error: _error, errorCode: _code, ...rest } = row;
  return rest;
}

/**
 * The pure state machine of the attachment queue. Only the targeted row gets
 * a new object; an action that changes nothing (unknown temp id, same
 * progress) returns the same state, so React skips the render.
 */
export function attachmentQueueReducer(state: AttachmentQueueState, action: AttachmentQueueAction): AttachmentQueueState {
  switch (action.type) {
    case 'add':
      return { rows: [...state.rows, action.row] };
    case 'setInited':
      return updateRow(state, action.tempId, (row) =>
        row.attachmentId === action.attachmentId ? row : { ...row, attachmentId: action.attachmentId },
      );
    case 'setProgress': {
      const progress = clampFraction(action.progress);
      return updateRow(state, action.tempId, (row) => (row.progress === progress ? row : { ...row, progress }));
    }
    case 'setReady':
      return updateRow(state, action.tempId, (row) => ({ ...withoutError(row), status: 'ready', progress: 1 }));
    case 'setFailed':
      return updateRow(state, action.tempId, (row) => {
        const failed: QueuedAttachment = { ...withoutError(row), status: 'failed', error: action.error };
        if (action.errorCode !== undefined) failed.errorCode = action.errorCode;
        return failed;
      });
    case 'retry':
      return updateRow(state, action.tempId, (row) => ({ ...withoutError(row), status: 'uploading', progress: 0 }));
    case 'remove': {
      const rows = state.rows.filter((row) => row.tempId !== action.tempId);
      return rows.length === state.rows.length ? state : { rows };
    }
    case 'clear':
      return state.rows.length === 0 ? state : { rows: [] };
    case 'clearFiles': {
      const drop = new Set(action.tempIds);
      const rows = state.rows.filter((row) => !drop.has(row.tempId));
      return rows.length === state.rows.length ? state : { rows };
    }
  }
}

/**
 * The content blocks to send with a message: ready rows that have an
 * attachment id, in row order, as `{ type: 'attachment', attachmentId, mimeType, size, filename }`.
 */
export function selectReadyBlocks(rows: readonly QueuedAttachment[]): AttachmentBlock[] {
  const blocks: AttachmentBlock[] = [];
  for (const row of rows) {
    if (row.status !== 'ready' || typeof row.attachmentId !== 'string') continue;
    blocks.push({ type: 'attachment', attachmentId: row.attachmentId, mimeType: row.mimeType, size: row.size, filename: row.filename });
  }
  return blocks;
}

/** True while any row is `uploading` (a composer keeps Send disabled). */
export function selectIsUploading(rows: readonly QueuedAttachment[]): boolean {
  return rows.some((row) => row.status === 'uploading');
}

/** True while any row is `failed` (a composer asks the user to retry or remove it). */
export function selectHasFailed(rows: readonly QueuedAttachment[]): boolean {
  return rows.some((row) => row.status === 'failed');
}
