/** One (member, emoji) reaction row with its operation ids. */
export interface ReactionRow {
  /** Who reacted. */
  memberId: string;
  /** The emoji. */
  emoji: string;
  /** Operation id of the add that made the row live (the id H13 returns). */
  addId: string;
  /** Operation id of the remove that retired it, or null while live. */
  removedId: string | null;
}

/** Outcome of adding a reaction (H13): `created` maps to 201, otherwise 200. */
export interface AddReactionOutcome {
  id: string;
  created: boolean;
}

/** Outcome of removing a reaction, exactly the H14 response body. */
export type RemoveReactionOutcome = { removed: true; id: string } | { removed: false; id: string | null };

/** Grouped live reactions of a message, in row order. */
export interface ReactionGroup {
  emoji: string;
  count: number;
  memberIds: string[];
}

/**
 * Makes a reaction live under operation id `id`: a retired row is re-activated
 * (it loses its remove id), a missing one is appended. The caller checked that
 * no live row exists (a live one answers with its existing id and no change).
 */
export function applyReactionAdd(rows: ReactionRow[], memberId: string, emoji: string, id: string): void {
  const row = rows.find((r) => r.memberId === memberId && r.emoji === emoji);
  if (row) {
    row.addId = id;
    row.removedId = null;
  } else {
    rows.push({ memberId, emoji, addId: id, removedId: null });
  }
}

/** Retires the member's reaction with operation id `id` (no-op when it has no row). */
export function applyReactionRemove(rows: ReactionRow[], memberId: string, emoji: string, id: string): void {
  const row = rows.find((r) => r.memberId === memberId && r.emoji === emoji);
  if (row) row.removedId = id;
}

/** The member's row for an emoji, live or retired, or undefined. */
export function findReaction(rows: readonly ReactionRow[], memberId: string, emoji: string): ReactionRow | undefined {
  return rows.find((r) => r.memberId === memberId && r.emoji === emoji);
}

/** Live reactions grouped by emoji, in the order rows were first added. */
export function groupReactions(rows: readonly ReactionRow[]): ReactionGroup[] {
  const groups = new Map<string, ReactionGroup>();
  for (const row of rows) {
    if (row.removedId !== null) continue;
    let group = groups.get(row.emoji);
    if (!group) {
      group = { emoji: row.emoji, count: 0, memberIds: [] };
      groups.set(row.emoji, group);
    }
    group.count += 1;
    group.memberIds.push(row.memberId);
  }
  return [...groups.values()];
}
