import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  applyReactionAdded,
  applyReactionAddedEventToPages,
  applyReactionAddedMutationToPages,
  applyReactionRemoved,
  applyReactionRemovedEventToPages,
  applyReactionRemovedMutationToPages,
  applyReactionRemovedResponseToPages,
  createReactionOperationTracker,
  getReactionOperationTracker,
  messagesKey,
  reactionTrackerFor,
} from '../src/index';
import { cache, id, row, rowOf } from './message-fixtures';

const CONVERSATION = id(500);

describe('reaction math', () => {
  it('C30: adding an emoji the member has is a no-op; a new emoji appends with count 1; an existing emoji counts up and appends the member', () => {
    const reactions = [{ emoji: '👍', count: 1, memberIds: ['alice'] }];
    expect(applyReactionAdded(reactions, '👍', 'alice')).toBe(reactions);
    expect(applyReactionAdded(reactions, '🎉', 'alice')).toEqual([...reactions, { emoji: '🎉', count: 1, memberIds: ['alice'] }]);
    expect(applyReactionAdded(reactions, '👍', 'bob')).toEqual([{ emoji: '👍', count: 2, memberIds: ['alice', 'bob'] }]);
    expect(reactions).toEqual([{ emoji: '👍', count: 1, memberIds: ['alice'] }]);
  });

  it('C31: removing recomputes the count from the members left and drops emojis at zero', () => {
    const reactions = [
      { emoji: '👍', count: 7, memberIds: ['alice', 'bob'] },
      { emoji: '🎉', count: 1, memberIds: ['alice'] },
    ];
    expect(applyReactionRemoved(reactions, '👍', 'alice')).toEqual([{ emoji: '👍', count: 1, memberIds: ['bob'] }, reactions[1]]);
    expect(applyReactionRemoved(reactions, '🎉', 'alice')).toEqual([reactions[0]]);
    expect(applyReactionRemoved(reactions, '🎉', 'bob')).toBe(reactions);
    expect(applyReactionRemoved(reactions, '🙈', 'bob')).toBe(reactions);
  });
});

describe('reaction operation ordering', () => {
  const op = (operation: number, memberId = 'alice') => ({ messageId: id(1), operationId: id(operation), memberId, emoji: '👍' });

  it('C32: an older reaction add event (smaller operation ULID) cannot undo a newer local removal', () => {
    const tracker = createReactionOperationTracker();
    const data = cache([row(1, { reactions: [{ emoji: '👍', count: 1, memberIds: ['alice'] }] })]);
    const removed = applyReactionRemovedMutationToPages(data, CONVERSATION, tracker, op(20));
    expect(rowOf(removed, id(1))!.reactions).toEqual([]);
    expect(applyReactionAddedEventToPages(removed, CONVERSATION, tracker, op(10))).toBe(removed);
    // A newer add (and the same id again) still applies.
    const readded = applyReactionAddedEventToPages(removed, CONVERSATION, tracker, op(30));
    expect(rowOf(readded, id(1))!.reactions).toEqual([{ emoji: '👍', count: 1, memberIds: ['alice'] }]);
    expect(applyReactionAddedMutationToPages(readded, CONVERSATION, tracker, op(30))).toBe(readded);
    // Other members and other messages have their own slots.
    const bob = applyReactionAddedEventToPages(readded, CONVERSATION, tracker, op(5, 'bob'));
    expect(rowOf(bob, id(1))!.reactions[0]!.memberIds).toEqual(['alice', 'bob']);
  });

  it('C33: a no-op removal response that carries an id still blocks an older delayed add', () => {
    const tracker = createReactionOperationTracker();
    const data = cache([row(1)]);
    const afterResponse = applyReactionRemovedResponseToPages(data, CONVERSATION, tracker, {
      messageId: id(1),
      emoji: '👍',
      memberId: 'alice',
      response: { removed: false, id: id(20) },
    });
    expect(afterResponse).toBe(data);
    expect(applyReactionAddedEventToPages(afterResponse, CONVERSATION, tracker, op(10))).toBe(data);
  });

  it('C34: a removal response with a null id changes nothing', () => {
    const tracker = createReactionOperationTracker();
    const data = cache([row(1, { reactions: [{ emoji: '👍', count: 1, memberIds: ['alice'] }] })]);
    expect(
      applyReactionRemovedResponseToPages(data, CONVERSATION, tracker, { messageId: id(1), emoji: '👍', memberId: 'alice', response: { removed: false, id: null } }),
    ).toBe(data);
    expect(tracker.size).toBe(0);
    // A later (any) add still applies, because nothing was recorded.
    expect(applyReactionAddedEventToPages(data, CONVERSATION, tracker, op(1, 'bob'))).not.toBe(data);
    expect(applyReactionRemovedEventToPages(data, CONVERSATION, tracker, op(2))).not.toBe(data);
  });

  it('W4: reaction trackers are scoped to the QueryClient and evicted when the conversation’s messages query is removed', () => {
    const first = new QueryClient();
    const second = new QueryClient();
    const tracker = reactionTrackerFor(first, CONVERSATION);
    expect(reactionTrackerFor(first, CONVERSATION)).toBe(tracker);
    expect(reactionTrackerFor(second, CONVERSATION)).not.toBe(tracker);
    expect(reactionTrackerFor(first, id(501))).not.toBe(tracker);
    // Not the module-wide tracker the reference shared across everything.
    expect(getReactionOperationTracker(CONVERSATION)).not.toBe(tracker);
    expect(getReactionOperationTracker(CONVERSATION)).toBe(getReactionOperationTracker(CONVERSATION));

    tracker.set('slot', id(9));
    first.setQueryData(messagesKey(CONVERSATION), cache([row(1)]));
    first.setQueryData(messagesKey(id(501)), cache([row(1)]));
    const other = reactionTrackerFor(first, id(501));
    first.removeQueries({ queryKey: messagesKey(CONVERSATION) });
    const fresh = reactionTrackerFor(first, CONVERSATION);
    expect(fresh).not.toBe(tracker);
    expect(fresh.size).toBe(0);
    expect(reactionTrackerFor(first, id(501))).toBe(other);

    first.clear();
    expect(reactionTrackerFor(first, id(501))).not.toBe(other);
  });
});
