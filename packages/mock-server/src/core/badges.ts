/** One non-zero bucket, as `GET /v1/badges` lists it. */
export interface BadgeRow {
  badgeBucket: string;
  badgeCount: number;
}

/** Where a {@link BadgeStore} sends its writes once routed (see `routeWritesThrough`). */
export interface BadgeDoor {
  /** An increment of `delta` on a bucket. */
  add(userId: string, bucket: string, delta: number): void;
  /** A clear of a bucket that exists. */
  clear(userId: string, bucket: string): void;
}

/**
 * Per-user unread badge buckets, as the notifications service keeps them:
 * increments per bucket, a per-user total, and idempotent clearing.
 */
export class BadgeStore {
  private readonly users = new Map<string, Map<string, number>>();
  private door: BadgeDoor | null = null;

  /**
   * Sends every later {@link increment} and {@link clear} through `door` (the
   * state's one write door), which applies them back with
   * {@link applyIncrement} / {@link applyClear}.
   */
  routeWritesThrough(door: BadgeDoor): void {
    this.door = door;
  }

  /** Adds `delta` to a bucket (clamped at 0; a bucket at 0 is removed). Returns the new total. */
  increment(userId: string, bucket: string, delta = 1): number {
    if (this.door) {
      this.door.add(userId, bucket, delta);
      return this.total(userId);
    }
    return this.applyIncrement(userId, bucket, delta);
  }

  /** Clears a bucket and returns the user's remaining total. Unknown buckets are a no-op. */
  clear(userId: string, bucket: string): number {
    if (this.door) {
      if (this.users.get(userId)?.has(bucket)) this.door.clear(userId, bucket);
      return this.total(userId);
    }
    return this.applyClear(userId, bucket);
  }

  /** The write itself, as the state's reducer applies it. Returns the new total. */
  applyIncrement(userId: string, bucket: string, delta: number): number {
    let buckets = this.users.get(userId);
    if (!buckets) {
      buckets = new Map();
      this.users.set(userId, buckets);
    }
    const next = Math.max(0, (buckets.get(bucket) ?? 0) + delta);
    if (next === 0) buckets.delete(bucket);
    else buckets.set(bucket, next);
    return this.total(userId);
  }

  /** The clear itself, as the state's reducer applies it. Returns the remaining total. */
  applyClear(userId: string, bucket: string): number {
    this.users.get(userId)?.delete(bucket);
    return this.total(userId);
  }

  /** The count of one bucket (0 when absent). */
  count(userId: string, bucket: string): number {
    return this.users.get(userId)?.get(bucket) ?? 0;
  }

  /** The user's total across buckets. */
  total(userId: string): number {
    let sum = 0;
    for (const count of this.users.get(userId)?.values() ?? []) sum += count;
    return sum;
  }

  /** The user's non-zero buckets. */
  list(userId: string): BadgeRow[] {
    return [...(this.users.get(userId)?.entries() ?? [])]
      .filter(([, count]) => count > 0)
      .map(([badgeBucket, badgeCount]) => ({ badgeBucket, badgeCount }));
  }

  /** Every user's non-zero buckets, for dumps and snapshots. */
  entries(): { userId: string; buckets: BadgeRow[] }[] {
    return [...this.users.keys()].map((userId) => ({ userId, buckets: this.list(userId) })).filter((e) => e.buckets.length > 0);
  }
}
