import type { IdFactory } from './ids.js';

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

/** Outcome of {@link addReaction}: `created` maps to 201, otherwise 200. */
export interface AddReactionOutcome {
  id: string;
  created: boolean;
}

/** Outcome of {@link removeReaction}, exactly the H14 response body. */
export type RemoveReactionOutcome = { removed: true; id: string } | { removed: false; id: string | null };

/** Grouped live reactions of a message, in row order. */
export interface ReactionGroup {
  emoji: string;
  count: number;
  memberIds: string[];
}

/**
 * Adds or re-activates a reaction. A live row answers with its existing id and
 * no change; a retired row gets a fresh id and loses its remove id.
 */
export function addReaction(rows: ReactionRow[], memberId: string, emoji: string, nextId: IdFactory): AddReactionOutcome {
  const row = rows.find((r) => r.memberId === memberId && r.emoji === emoji);
  if (row && row.removedId === null) return { id: row.addId, created: false };
  const id = nextId();
  if (row) {
    row.addId = id;
    row.removedId = null;
  } else {
    rows.push({ memberId, emoji, addId: id, removedId: null });
  }
  return { id, created: true };
}

/**
 * Retires a live reaction with a fresh operation id. A repeat answers with the
 * first remove's id; a reaction that never existed answers `id: null`.
 */
export function removeReaction(rows: ReactionRow[], memberId: string, emoji: string, nextId: IdFactory): RemoveReactionOutcome {
  const row = rows.find((r) => r.memberId === memberId && r.emoji === emoji);
  if (!row) return { removed: false, id: null };
  if (row.removedId !== null) return { removed: false, id: row.removedId };
  row.removedId = nextId();
  return { removed: true, id: row.removedId };
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
