import type { ConversationDetailResponse, ConversationListItem, ConversationListResponse } from '@kilocode/kilo-chat';
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyConversationActivityToPages,
  applyMarkConversationReadRollbackToPages,
  applyOptimisticLeaveConversation,
  applyOptimisticMarkConversationRead,
  badgesKey,
  conversationKey,
  conversationsKey,
  messagesKey,
  rollbackOptimisticLeaveConversation,
  rollbackOptimisticMarkConversationRead,
  settleCreateConversation,
  settleLeaveConversation,
  settleMarkConversationRead,
  settleRenameConversation,
  updateConversationPages,
  type ConversationListInfiniteData,
  type UnreadBadgesData,
} from '../src/index';

function row(conversationId: string, joinedAt: number, extra: Partial<ConversationListItem> = {}): ConversationListItem {
  return { conversationId, title: conversationId, lastActivityAt: null, lastReadAt: null, joinedAt, ...extra };
}

function list(rows: ConversationListItem[], hasMore = false): ConversationListInfiniteData {
  const page: ConversationListResponse = { conversations: rows, hasMore, nextCursor: hasMore ? 'cursor' : null };
  return { pages: [page], pageParams: [null] };
}

let queryClient: QueryClient;
afterEach(() => queryClient.clear());

function seed(entries: Array<[QueryKey, unknown]>): QueryClient {
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } } });
  for (const [key, data] of entries) queryClient.setQueryData(key, data);
  return queryClient;
}

const invalidated = (key: QueryKey) => queryClient.getQueryState(key)?.isInvalidated === true;
const listIds = (key: QueryKey) =>
  queryClient.getQueryData<ConversationListInfiniteData>(key)?.pages.flatMap((page) => page.conversations.map((c) => c.conversationId));
const rowOf = (key: QueryKey, id: string) =>
  queryClient
    .getQueryData<ConversationListInfiniteData>(key)
    ?.pages.flatMap((page) => page.conversations)
    .find((c) => c.conversationId === id);

describe('settleCreateConversation (E62)', () => {
  it('E62: patches the target and cross-sandbox lists; invalidates only the target list when it cannot be patched', () => {
    seed([
      [conversationsKey('s1'), list([row('B', 200), row('A', 100)], true)],
      [conversationsKey('s2'), list([row('Q', 200)])],
      [conversationsKey(null), list([row('B', 200), row('Q', 150), row('A', 100)])],
    ]);
    // Sorts after every loaded row of s1's incomplete list: cannot be placed there.
    settleCreateConversation(queryClient, { sandboxId: 's1' }, { conversationId: 'C', conversation: row('C', 50) });
    expect(invalidated(conversationsKey('s1'))).toBe(true);
    expect(listIds(conversationsKey('s1'))).toEqual(['B', 'A']);
    expect(invalidated(conversationsKey('s2'))).toBe(false);
    expect(listIds(conversationsKey('s2'))).toEqual(['Q']);
    expect(invalidated(conversationsKey(null))).toBe(false);
    expect(listIds(conversationsKey(null))).toEqual(['B', 'Q', 'A', 'C']);
  });

  it('E62: a create that fits is inserted without any invalidation', () => {
    seed([[conversationsKey('s1'), list([row('B', 200), row('A', 100)], true)]]);
    settleCreateConversation(queryClient, { sandboxId: 's1', title: 'new' }, { conversationId: 'C', conversation: row('C', 300) });
    expect(listIds(conversationsKey('s1'))).toEqual(['C', 'B', 'A']);
    expect(invalidated(conversationsKey('s1'))).toBe(false);
  });
});

describe('settleRenameConversation (E63)', () => {
  it('E63: updates the cached detail title at once and invalidates only the target sandbox list', () => {
    const detail: ConversationDetailResponse = { id: 'A', title: 'old', createdBy: 'alice', createdAt: 1, members: [] };
    seed([
      [conversationKey('A'), detail],
      [conversationsKey('s1'), list([row('A', 100)])],
      [conversationsKey('s2'), list([row('Q', 100)])],
    ]);
    settleRenameConversation(queryClient, { conversationId: 'A', title: '  Roadmap ', sandboxId: 's1' });
    expect(queryClient.getQueryData<ConversationDetailResponse>(conversationKey('A'))?.title).toBe('Roadmap');
    expect(rowOf(conversationsKey('s1'), 'A')?.title).toBe('Roadmap');
    expect(invalidated(conversationsKey('s1'))).toBe(true);
    expect(invalidated(conversationsKey('s2'))).toBe(false);
  });

  it('with an unknown sandbox (null) every list is invalidated', () => {
    seed([
      [conversationsKey('s1'), list([row('A', 100)])],
      [conversationsKey('s2'), list([row('Q', 100)])],
    ]);
    settleRenameConversation(queryClient, { conversationId: 'A', title: 'x', sandboxId: null });
    expect(invalidated(conversationsKey('s1'))).toBe(true);
    expect(invalidated(conversationsKey('s2'))).toBe(true);
  });
});

describe('leave (E64, E65)', () => {
  it('E64: leave settlement invalidates only the target list and removes the detail and messages caches', () => {
    seed([
      [conversationKey('A'), { id: 'A', title: 'A', createdBy: 'alice', createdAt: 1, members: [] }],
      [messagesKey('A'), { pages: [], pageParams: [] }],
      [messagesKey('B'), { pages: [], pageParams: [] }],
      [conversationsKey('s1'), list([row('B', 200)])],
      [conversationsKey('s2'), list([row('Q', 100)])],
    ]);
    settleLeaveConversation(queryClient, { conversationId: 'A', sandboxId: 's1' });
    expect(queryClient.getQueryState(conversationKey('A'))).toBeUndefined();
    expect(queryClient.getQueryState(messagesKey('A'))).toBeUndefined();
    expect(queryClient.getQueryState(messagesKey('B'))).toBeDefined();
    expect(invalidated(conversationsKey('s1'))).toBe(true);
    expect(invalidated(conversationsKey('s2'))).toBe(false);
  });

  it('optimistic leave removes the row from the target list only', () => {
    seed([
      [conversationsKey('s1'), list([row('B', 200), row('A', 100)])],
      [conversationsKey('s2'), list([row('Q', 100)])],
    ]);
    const context = applyOptimisticLeaveConversation(queryClient, { conversationId: 'A', sandboxId: 's1' });
    expect(listIds(conversationsKey('s1'))).toEqual(['B']);
    expect(context.removed).toEqual([{ queryKey: conversationsKey('s1'), item: row('A', 100) }]);
    expect(listIds(conversationsKey('s2'))).toEqual(['Q']);
  });

  it('E65: leave rollback restores just the removed row in sorted position, keeps concurrent patches and does not invalidate', () => {
    seed([[conversationsKey('s1'), list([row('C', 300), row('B', 200), row('A', 100)])]]);
    const context = applyOptimisticLeaveConversation(queryClient, { conversationId: 'B', sandboxId: 's1' });
    // Meanwhile: A gets activity (moves to the top), D is created, C is renamed.
    queryClient.setQueryData<ConversationListInfiniteData>(conversationsKey('s1'), (data) => {
      const active = applyConversationActivityToPages(data, { conversationId: 'A', lastActivityAt: 400 }).data!;
      const renamed = updateConversationPages(active, (item) => (item.conversationId === 'C' ? { ...item, title: 'renamed' } : item));
      return { ...renamed, pages: [{ ...renamed.pages[0]!, conversations: [row('D', 500), ...renamed.pages[0]!.conversations] }] };
    });
    rollbackOptimisticLeaveConversation(queryClient, context);
    expect(listIds(conversationsKey('s1'))).toEqual(['D', 'A', 'C', 'B']);
    expect(rowOf(conversationsKey('s1'), 'A')?.lastActivityAt).toBe(400);
    expect(rowOf(conversationsKey('s1'), 'C')?.title).toBe('renamed');
    expect(invalidated(conversationsKey('s1'))).toBe(false);
  });

  it('E65: a row already back (for example refetched) is not inserted twice', () => {
    seed([[conversationsKey('s1'), list([row('B', 200), row('A', 100)])]]);
    const context = applyOptimisticLeaveConversation(queryClient, { conversationId: 'A', sandboxId: 's1' });
    queryClient.setQueryData(conversationsKey('s1'), list([row('B', 200), row('A', 100)]));
    rollbackOptimisticLeaveConversation(queryClient, context);
    expect(listIds(conversationsKey('s1'))).toEqual(['B', 'A']);
  });
});

describe('mark-read (E66–E69, W9)', () => {
  const seenAt = 1_700_000_000_000;
  const seen = ulid(seenAt);

  it('E66: optimistic mark-read patches only the target sandbox list, with the ULID time of the message', () => {
    seed([
      [conversationsKey('s1'), list([row('A', 100, { lastReadAt: 5 })])],
      [conversationsKey('s2'), list([row('A', 100, { lastReadAt: 5 })])],
    ]);
    const context = applyOptimisticMarkConversationRead(queryClient, { conversationId: 'A', sandboxId: 's1', lastSeenMessageId: seen });
    expect(rowOf(conversationsKey('s1'), 'A')?.lastReadAt).toBe(seenAt);
    expect(rowOf(conversationsKey('s2'), 'A')?.lastReadAt).toBe(5);
    expect(context.writes).toEqual([{ queryKey: conversationsKey('s1'), previousLastReadAt: 5 }]);
  });

  it('E67: optimistic mark-read never moves a newer read marker backwards', () => {
    seed([[conversationsKey('s1'), list([row('A', 100, { lastReadAt: seenAt + 1 })])]]);
    const context = applyOptimisticMarkConversationRead(queryClient, { conversationId: 'A', sandboxId: 's1', lastSeenMessageId: seen });
    expect(rowOf(conversationsKey('s1'), 'A')?.lastReadAt).toBe(seenAt + 1);
    expect(context.writes).toEqual([]);
  });

  it('a failed mark-read restores the previous marker where the optimistic one is still shown', () => {
    seed([[conversationsKey('s1'), list([row('A', 100, { lastReadAt: null })])]]);
    const context = applyOptimisticMarkConversationRead(queryClient, { conversationId: 'A', sandboxId: 's1', lastSeenMessageId: seen });
    rollbackOptimisticMarkConversationRead(queryClient, context);
    expect(rowOf(conversationsKey('s1'), 'A')?.lastReadAt).toBeNull();
    expect(invalidated(conversationsKey('s1'))).toBe(false);
  });

  it('E68: a rollback that finds newer local state keeps it and invalidates only the target sandbox list', () => {
    seed([
      [conversationsKey('s1'), list([row('A', 100)])],
      [conversationsKey('s2'), list([row('Q', 100)])],
    ]);
    const context = applyOptimisticMarkConversationRead(queryClient, { conversationId: 'A', sandboxId: 's1', lastSeenMessageId: seen });
    queryClient.setQueryData<ConversationListInfiniteData>(conversationsKey('s1'), (data) =>
      updateConversationPages(data, (item) => ({ ...item, lastReadAt: seenAt + 10 })),
    );
    rollbackOptimisticMarkConversationRead(queryClient, context);
    expect(rowOf(conversationsKey('s1'), 'A')?.lastReadAt).toBe(seenAt + 10);
    expect(invalidated(conversationsKey('s1'))).toBe(true);
    expect(invalidated(conversationsKey('s2'))).toBe(false);
  });

  it('W9: when the optimistic write was skipped (a newer marker was cached), the rollback neither writes nor invalidates', () => {
    seed([[conversationsKey('s1'), list([row('A', 100, { lastReadAt: seenAt + 10 })])]]);
    const context = applyOptimisticMarkConversationRead(queryClient, { conversationId: 'A', sandboxId: 's1', lastSeenMessageId: seen });
    const before = queryClient.getQueryData(conversationsKey('s1'));
    rollbackOptimisticMarkConversationRead(queryClient, context);
    // The reference compared "current ≠ optimistic" and invalidated here.
    expect(invalidated(conversationsKey('s1'))).toBe(false);
    expect(queryClient.getQueryData(conversationsKey('s1'))).toBe(before);
  });

  it('applyMarkConversationReadRollbackToPages: restores only while the optimistic marker is shown', () => {
    const shown = list([row('A', 100, { lastReadAt: seenAt })]);
    const restored = applyMarkConversationReadRollbackToPages(shown, { conversationId: 'A', optimisticReadAt: seenAt, previousLastReadAt: 7 });
    expect(restored.applied).toBe(true);
    expect(restored.data!.pages[0]!.conversations[0]!.lastReadAt).toBe(7);
    const newer = list([row('A', 100, { lastReadAt: seenAt + 1 })]);
    expect(applyMarkConversationReadRollbackToPages(newer, { conversationId: 'A', optimisticReadAt: seenAt, previousLastReadAt: 7 })).toEqual({
      data: newer,
      applied: false,
    });
    const gone = list([]);
    expect(applyMarkConversationReadRollbackToPages(gone, { conversationId: 'A', optimisticReadAt: seenAt, previousLastReadAt: 7 })).toEqual({
      data: gone,
      applied: true,
    });
  });

  it("E69: success writes the server's lastReadAt without invalidating", () => {
    seed([[conversationsKey('s1'), list([row('A', 100)])]]);
    const context = applyOptimisticMarkConversationRead(queryClient, { conversationId: 'A', sandboxId: 's1', lastSeenMessageId: seen });
    settleMarkConversationRead(queryClient, context, { ok: true, applied: false, lastReadAt: seenAt + 50, badgeClear: null });
    expect(rowOf(conversationsKey('s1'), 'A')?.lastReadAt).toBe(seenAt + 50);
    expect(invalidated(conversationsKey('s1'))).toBe(false);
  });

  it('success reconciles badgeClear into the cached badges, refetching them when the totals disagree', () => {
    const bucket = 'kiloclaw:s1:01ARZ3NDEKTSV4RRFFQ69G5FAV';
    const badges: UnreadBadgesData = { buckets: [{ badgeBucket: bucket, badgeCount: 3 }, { badgeBucket: 'kiloclaw:s1:other', badgeCount: 2 }] };
    seed([[badgesKey(), badges]]);
    const context = applyOptimisticMarkConversationRead(queryClient, { conversationId: 'A', sandboxId: 's1', lastSeenMessageId: seen });
    settleMarkConversationRead(queryClient, context, { ok: true, applied: true, lastReadAt: seenAt, badgeClear: { badgeBucket: bucket, badgeCount: 2 } });
    expect(queryClient.getQueryData<UnreadBadgesData>(badgesKey())?.buckets).toEqual([{ badgeBucket: 'kiloclaw:s1:other', badgeCount: 2 }]);
    expect(invalidated(badgesKey())).toBe(false);
    settleMarkConversationRead(queryClient, context, {
      ok: true,
      applied: true,
      lastReadAt: seenAt,
      badgeClear: { badgeBucket: 'kiloclaw:s1:other', badgeCount: 4 },
    });
    expect(queryClient.getQueryData<UnreadBadgesData>(badgesKey())?.buckets).toEqual([]);
    expect(invalidated(badgesKey())).toBe(true);
  });
});
