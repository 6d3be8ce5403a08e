/**
 * Reaction math on one message's reaction summaries. Pure: the input is never
 * changed, and an unchanged input is returned as is (same array).
 */
import type { ReactionSummary } from '@kilocode/kilo-chat';

/**
 * Adds `memberId` under `emoji`.
 *
 * - The member already listed under the emoji: returns `reactions` itself.
 * - The emoji exists: its `count` grows by one and the member is appended.
 * - A new emoji: appended with `count: 1`.
 */
export function applyReactionAdded(reactions: ReactionSummary[], emoji: string, memberId: string): ReactionSummary[] {
  const index = reactions.findIndex((reaction) => reaction.emoji === emoji);
  if (index < 0) return [...reactions, { emoji, count: 1, memberIds: [memberId] }];
  const existing = reactions[index] as ReactionSummary;
  if (existing.memberIds.includes(memberId)) return reactions;
  const next = reactions.slice();
  next[index] = { ...existing, count: existing.count + 1, memberIds: [...existing.memberIds, memberId] };
  return next;
}

/**
 * Removes `memberId` from `emoji`. The count is recomputed from the members
 * left, and an emoji with none left is dropped. Returns `reactions` itself
 * when the member was not listed under the emoji.
 */
export function applyReactionRemoved(reactions: ReactionSummary[], emoji: string, memberId: string): ReactionSummary[] {
  const index = reactions.findIndex((reaction) => reaction.emoji === emoji);
  if (index < 0) return reactions;
  const existing = reactions[index] as ReactionSummary;
  if (!existing.memberIds.includes(memberId)) return reactions;
  const memberIds = existing.memberIds.filter((id) => id !== memberId);
  const next = reactions.slice();
  if (memberIds.length === 0) next.splice(index, 1);
  else next[index] = { ...existing, count: memberIds.length, memberIds };
  return next;
}
