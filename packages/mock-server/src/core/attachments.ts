/** An attachment row: pending until a message links it. */
export interface AttachmentRecord {
  /** Attachment ULID (from the conversation's monotonic factory). */
  id: string;
  /** Conversation it was initialised in. */
  conversationId: string;
  /** Member who initialised it; only they may link it. */
  uploaderId: string;
  /** Declared MIME type. */
  mimeType: string;
  /** Declared size in bytes. */
  size: number;
  /** Declared file name. */
  filename: string;
  /** `pending` until linked to a message. */
  status: 'pending' | 'linked';
  /** The linking message, once linked. */
  messageId: string | null;
  /** Init time (server ms). */
  createdAt: number;
  /** The opt-in idempotency key, if any. */
  idempotencyKey: string | null;
}

/** Attachment rows keyed by id. Bytes live in the {@link BlobStore}. */
export class AttachmentStore {
  private readonly rows = new Map<string, AttachmentRecord>();

  /** Stores a new row. */
  add(row: AttachmentRecord): void {
    this.rows.set(row.id, row);
  }

  /** The row, or undefined. */
  get(id: string): AttachmentRecord | undefined {
    return this.rows.get(id.toUpperCase());
  }

  /** Deletes a row. */
  delete(id: string): void {
    this.rows.delete(id.toUpperCase());
  }

  /**
   * A pending row with the same uploader and key initialised at or after
   * `since`, for idempotent init.
   */
  findIdempotent(conversationId: string, uploaderId: string, key: string, since: number): AttachmentRecord | undefined {
    for (const row of this.rows.values()) {
      if (
        row.idempotencyKey === key &&
        row.uploaderId === uploaderId &&
        row.conversationId === conversationId &&
        row.status === 'pending' &&
        row.createdAt >= since
      ) {
        return row;
      }
    }
    return undefined;
  }

  /** Every row, in insertion order. */
  all(): AttachmentRecord[] {
    return [...this.rows.values()];
  }
}
