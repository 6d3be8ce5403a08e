/** One non-zero bucket, as `GET /v1/badges` lists it. */
export interface BadgeRow {
  badgeBucket: string;
  badgeCount: number;
}

/**
 * Per-user unread badge buckets, as the notifications service keeps them:
 * increments per bucket, a per-user total, and idempotent clearing.
 */
export class BadgeStore {
  private readonly users = new Map<string, Map<string, number>>();

  /** Adds `delta` to a bucket (clamped at 0; a bucket at 0 is removed). Returns the new total. */
  increment(userId: string, bucket: string, delta = 1): number {
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

  /** Clears a bucket and returns the user's remaining total. Unknown buckets are a no-op. */
  clear(userId: string, bucket: string): number {
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
}
