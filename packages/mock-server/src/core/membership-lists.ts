/**
 * One row of a member's own conversation list (the real service keeps these in
 * a per-member store). Times never move backwards.
 */
export interface ListRow {
  /** Conversation id. */
  conversationId: string;
  /** Sandbox of the conversation, for `?sandboxId=` filtering. */
  sandboxId: string | null;
  /** Title copy. */
  title: string | null;
  /** ULID time of the newest message, or null. */
  lastActivityAt: number | null;
  /** The member's read marker, or null. */
  lastReadAt: number | null;
  /** When the member joined. */
  joinedAt: number;
}

/** Sort key of a list row: `lastActivityAt ?? joinedAt`. */
export function listSortKey(row: Pick<ListRow, 'lastActivityAt' | 'joinedAt'>): number {
  return row.lastActivityAt ?? row.joinedAt;
}

/** Orders rows by sort key descending, then conversation id descending. */
export function compareListRows(a: ListRow, b: ListRow): number {
  const ka = listSortKey(a);
  const kb = listSortKey(b);
  if (ka !== kb) return kb - ka;
  return a.conversationId < b.conversationId ? 1 : a.conversationId > b.conversationId ? -1 : 0;
}

/** Every member's conversation list, keyed by member id then conversation id. */
export class MembershipLists {
  private readonly lists = new Map<string, Map<string, ListRow>>();

  /** Inserts (or replaces) a member's row. */
  put(memberId: string, row: ListRow): void {
    let list = this.lists.get(memberId);
    if (!list) {
      list = new Map();
      this.lists.set(memberId, list);
    }
    list.set(row.conversationId, row);
  }

  /** The member's row for a conversation, or undefined. */
  get(memberId: string, conversationId: string): ListRow | undefined {
    return this.lists.get(memberId)?.get(conversationId);
  }

  /** Removes a member's row (leave). */
  remove(memberId: string, conversationId: string): void {
    this.lists.get(memberId)?.delete(conversationId);
  }

  /** The member's rows, sorted for listing. */
  sorted(memberId: string): ListRow[] {
    return [...(this.lists.get(memberId)?.values() ?? [])].sort(compareListRows);
  }

  /** Raises `lastActivityAt` to at least `at`. */
  raiseActivity(memberId: string, conversationId: string, at: number): void {
    const row = this.get(memberId, conversationId);
    if (row && (row.lastActivityAt === null || row.lastActivityAt < at)) row.lastActivityAt = at;
  }

  /**
   * Raises `lastReadAt` to `at` when it is null or strictly lower. Returns
   * whether it moved, and the stored value afterwards (null when no row).
   */
  raiseRead(memberId: string, conversationId: string, at: number): { applied: boolean; lastReadAt: number | null } {
    const row = this.get(memberId, conversationId);
    if (!row) return { applied: false, lastReadAt: null };
    if (row.lastReadAt === null || row.lastReadAt < at) {
      row.lastReadAt = at;
      return { applied: true, lastReadAt: at };
    }
    return { applied: false, lastReadAt: row.lastReadAt };
  }

  /** Copies a title into the member's row. */
  setTitle(memberId: string, conversationId: string, title: string | null): void {
    const row = this.get(memberId, conversationId);
    if (row) row.title = title;
  }

  /** Every member with rows, and those rows in insertion order, for dumps and snapshots. */
  entries(): { memberId: string; rows: ListRow[] }[] {
    return [...this.lists.entries()].filter(([, rows]) => rows.size > 0).map(([memberId, rows]) => ({ memberId, rows: [...rows.values()] }));
  }
}
