/** One uploaded object. */
export interface StoredBlob {
  /** The bytes. */
  bytes: Uint8Array;
  /** The Content-Type the uploader sent. */
  contentType: string | null;
}

/**
 * The in-memory stand-in for the real service's object storage. Keys are
 * attachment ids; the signed PUT URL the mock hands out writes here.
 */
export class BlobStore {
  private readonly blobs = new Map<string, StoredBlob>();

  /** Stores (or replaces) an object. */
  put(key: string, bytes: Uint8Array, contentType: string | null): void {
    this.blobs.set(key, { bytes, contentType });
  }

  /** The object, or undefined. */
  get(key: string): StoredBlob | undefined {
    return this.blobs.get(key);
  }

  /** Deletes an object (no-op when absent). */
  delete(key: string): void {
    this.blobs.delete(key);
  }

  /** Number of stored objects. */
  get size(): number {
    return this.blobs.size;
  }
}
