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
  private door: ((key: string, bytes: Uint8Array, contentType: string | null) => void) | null = null;

  /**
   * Sends every later {@link put} through `door` (the state's one write
   * door), which applies it back with {@link applyPut}.
   */
  routeWritesThrough(door: (key: string, bytes: Uint8Array, contentType: string | null) => void): void {
    this.door = door;
  }

  /** Stores (or replaces) an object. */
  put(key: string, bytes: Uint8Array, contentType: string | null): void {
    if (this.door) this.door(key, bytes, contentType);
    else this.applyPut(key, bytes, contentType);
  }

  /** The store itself, as the state's reducer applies it. */
  applyPut(key: string, bytes: Uint8Array, contentType: string | null): void {
    this.blobs.set(key, { bytes, contentType });
  }

  /** The object, or undefined. */
  get(key: string): StoredBlob | undefined {
    return this.blobs.get(key);
  }

  /** Deletes an object (no-op when absent). The reducer's: ops delete through `attachment.delete`. */
  delete(key: string): void {
    this.blobs.delete(key);
  }

  /** Number of stored objects. */
  get size(): number {
    return this.blobs.size;
  }

  /** Every key with its object, in insertion order. */
  entries(): [string, StoredBlob][] {
    return [...this.blobs.entries()];
  }
}
