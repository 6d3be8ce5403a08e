import type { ConversationListItem, ConversationListResponse } from '@kilocode/kilo-chat';
import { describe, expect, it } from 'vitest';
import {
  applyConversationActivityToPages,
  applyConversationCreatedToPages,
  applyConversationReadToPages,
  compareConversationListItems,
  filterConversationPages,
  shouldApplyConversationRead,
  updateConversationPages,
  type ConversationListInfiniteData,
} from '../src/index';

function row(conversationId: string, joinedAt: number, extra: Partial<ConversationListItem> = {}): ConversationListItem {
  return { conversationId, title: conversationId, lastActivityAt: null, lastReadAt: null, joinedAt, ...extra };
}

/** Pages as the server would page `rows` (already sorted) with these sizes; `complete` says whether the last page ends the list. */
function paged(sizes: number[], rows: ConversationListItem[], complete: boolean): ConversationListInfiniteData {
  const pages: ConversationListResponse[] = [];
  const pageParams: Array<string | null> = [];
  let offset = 0;
  sizes.forEach((size, index) => {
    const conversations = rows.slice(offset, offset + size);
    offset += size;
    const last = index === sizes.length - 1;
    const hasMore = last ? !complete : true;
    pages.push({ conversations, hasMore, nextCursor: hasMore ? `after:${conversations[conversations.length - 1]?.conversationId}` : null });
    pageParams.push(index === 0 ? null : (pages[index - 1]?.nextCursor ?? null));
  });
  return { pages, pageParams };
}

const ids = (data: ConversationListInfiniteData | undefined) => data?.pages.map((page) => page.conversations.map((c) => c.conversationId));
const meta = (data: ConversationListInfiniteData | undefined) => ({
  params: data?.pageParams,
  cursors: data?.pages.map((page) => [page.hasMore, page.nextCursor]),
});

/**
 * What a server holding `all` (sorted) returns after the row a cursor
 * `after:<id>` names: the rows strictly after it, in order.
 */
function serverRowsAfter(all: ConversationListItem[], cursor: string): string[] {
  const id = cursor.slice('after:'.length);
  const index = all.findIndex((item) => item.conversationId === id);
  return all.slice(index + 1).map((item) => item.conversationId);
}

describe('conversation list order', () => {
  it('sorts by lastActivityAt ?? joinedAt descending, then conversationId descending', () => {
    const rows = [row('A', 10), row('B', 30), row('C', 5, { lastActivityAt: 40 }), row('D', 30)];
    expect(rows.slice().sort(compareConversationListItems).map((r) => r.conversationId)).toEqual(['C', 'D', 'B', 'A']);
  });
});

describe('applyConversationActivityToPages (E54–E58)', () => {
  const rows = [row('F', 600), row('E', 500), row('D', 400), row('C', 300), row('B', 200), row('A', 100)];

  it('E54: activity moving a page-2 row above page 1 in a complete list re-partitions rows, keeping page sizes and cursors', () => {
    const data = paged([2, 2, 2], rows, true);
    const { data: next, applied } = applyConversationActivityToPages(data, { conversationId: 'C', lastActivityAt: 700 });
    expect(applied).toBe(true);
    expect(ids(next)).toEqual([
      ['C', 'F'],
      ['E', 'D'],
      ['B', 'A'],
    ]);
    expect(meta(next)).toEqual(meta(data));
    expect(next!.pages[0]!.conversations[0]!.lastActivityAt).toBe(700);
  });

  it('E55: activity reordering within later pages of a complete list only shifts rows within those pages', () => {
    const data = paged([2, 2, 2], rows, true);
    const { data: next, applied } = applyConversationActivityToPages(data, { conversationId: 'A', lastActivityAt: 450 });
    expect(applied).toBe(true);
    expect(ids(next)).toEqual([
      ['F', 'E'],
      ['A', 'D'],
      ['C', 'B'],
    ]);
    expect(next!.pages[0]).toBe(data.pages[0]);
    expect(meta(next)).toEqual(meta(data));
  });

  it('E56: activity that would reorder an incomplete list is not applied and leaves the data untouched', () => {
    const data = paged([2, 2], rows, false);
    const patch = applyConversationActivityToPages(data, { conversationId: 'C', lastActivityAt: 700 });
    expect(patch.applied).toBe(false);
    expect(patch.data).toBe(data);
  });

  it('E57: activity that keeps the order of an incomplete list patches the row in place', () => {
    const data = paged([2, 2], rows, false);
    const { data: next, applied } = applyConversationActivityToPages(data, { conversationId: 'F', lastActivityAt: 650 });
    expect(applied).toBe(true);
    expect(ids(next)).toEqual(ids(data));
    expect(next!.pages[0]!.conversations[0]!.lastActivityAt).toBe(650);
    expect(next!.pages[0]!.conversations[1]).toBe(data.pages[0]!.conversations[1]);
    expect(next!.pages[1]).toBe(data.pages[1]);
  });

  it('E58: stale activity (older than the row sort value) counts as applied and returns the same data', () => {
    const data = paged([2, 2], rows, false);
    const patch = applyConversationActivityToPages(data, { conversationId: 'D', lastActivityAt: 350 });
    expect(patch).toEqual({ data, applied: true });
    expect(patch.data).toBe(data);
  });

  it('activity for a conversation that is not loaded, or with no data, is not applied', () => {
    const data = paged([2], rows, false);
    expect(applyConversationActivityToPages(data, { conversationId: 'A', lastActivityAt: 999 })).toEqual({ data, applied: false });
    expect(applyConversationActivityToPages(undefined, { conversationId: 'A', lastActivityAt: 999 })).toEqual({ data: undefined, applied: false });
  });
});

describe('applyConversationCreatedToPages (E59, E60, W6)', () => {
  const rows = [row('E', 500), row('D', 400), row('C', 300), row('B', 200)];

  it('E59: a created conversation is inserted at its sorted position in page 0 (no activity: by joinedAt)', () => {
    const data = paged([2, 2], rows, true);
    const { data: next, applied } = applyConversationCreatedToPages(data, row('X', 450));
    expect(applied).toBe(true);
    expect(ids(next)![0]).toEqual(['E', 'X', 'D']);
    expect(meta(next)).toEqual(meta(data));
  });

  it('E60: a created conversation that sorts beyond the loaded window of an incomplete list is not applied', () => {
    const data = paged([2, 2], rows, false);
    const patch = applyConversationCreatedToPages(data, row('X', 50));
    expect(patch).toEqual({ data, applied: false });
  });

  it('W6: a create patch on an incomplete list keeps every loaded row (the page grows) so the cursors still match the rows', () => {
    const data = paged([2, 2], rows, false);
    const created = row('X', 450);
    const { data: next, applied } = applyConversationCreatedToPages(data, created);
    expect(applied).toBe(true);
    // The reference dropped the last loaded row ('B') while page 1's cursor pointed past it.
    expect(ids(next)).toEqual([['E', 'X', 'D'], ['C', 'B']]);
    expect(next!.pages[1]).toBe(data.pages[1]);
    expect(meta(next)).toEqual(meta(data));
    // Loading the next page from the kept cursor continues exactly after the last cached row: no gap, no duplicate.
    const server = [...rows, row('A', 100), created].sort(compareConversationListItems);
    const cached = ids(next)!.flat();
    const following = serverRowsAfter(server, next!.pages[1]!.nextCursor!);
    expect([...cached, ...following]).toEqual(server.map((r) => r.conversationId));
  });

  it('W6: a row that sorts exactly between two pages joins the head of the later page, leaving the earlier page and its cursor alone', () => {
    const data = paged([2, 2], rows, false);
    const { data: next } = applyConversationCreatedToPages(data, row('X', 350));
    expect(ids(next)).toEqual([['E', 'D'], ['X', 'C', 'B']]);
    expect(next!.pages[0]).toBe(data.pages[0]);
  });

  it('appends to the last page of a complete list, and fills an empty list', () => {
    const complete = paged([2, 2], rows, true);
    expect(ids(applyConversationCreatedToPages(complete, row('X', 1)).data)).toEqual([['E', 'D'], ['C', 'B', 'X']]);
    const empty = paged([0], [], true);
    const { data: next, applied } = applyConversationCreatedToPages(empty, row('X', 1));
    expect(applied).toBe(true);
    expect(ids(next)).toEqual([['X']]);
  });

  it('a conversation already loaded is applied without change; no data is not applied', () => {
    const data = paged([2], rows, false);
    expect(applyConversationCreatedToPages(data, row('E', 900))).toEqual({ data, applied: true });
    expect(applyConversationCreatedToPages(undefined, row('E', 900)).applied).toBe(false);
  });
});

describe('read markers (E61)', () => {
  const data = paged([2], [row('B', 200, { lastReadAt: 150 }), row('A', 100)], true);

  it('E61: read events apply only for the current user', () => {
    expect(shouldApplyConversationRead('alice', 'alice')).toBe(true);
    expect(shouldApplyConversationRead('alice', 'bob')).toBe(false);
    expect(shouldApplyConversationRead(null, 'alice')).toBe(false);
  });

  it('E61: a read marker moves forward only', () => {
    const forward = applyConversationReadToPages(data, { conversationId: 'B', lastReadAt: 180 });
    expect(forward.applied).toBe(true);
    expect(forward.data!.pages[0]!.conversations[0]!.lastReadAt).toBe(180);
    expect(forward.data!.pages[0]!.conversations[1]).toBe(data.pages[0]!.conversations[1]);
    expect(applyConversationReadToPages(data, { conversationId: 'B', lastReadAt: 120 })).toEqual({ data, applied: true });
    expect(applyConversationReadToPages(data, { conversationId: 'B', lastReadAt: 150 })).toEqual({ data, applied: true });
    expect(applyConversationReadToPages(data, { conversationId: 'A', lastReadAt: 1 }).data!.pages[0]!.conversations[1]!.lastReadAt).toBe(1);
    expect(applyConversationReadToPages(data, { conversationId: 'Z', lastReadAt: 1 })).toEqual({ data, applied: false });
  });
});

describe('updateConversationPages / filterConversationPages', () => {
  const data = paged([1, 1], [row('B', 200), row('A', 100)], false);

  it('keep page metadata and the identity of everything they do not change', () => {
    expect(updateConversationPages(data, (item) => item)).toBe(data);
    expect(filterConversationPages(data, () => true)).toBe(data);
    const renamed = updateConversationPages(data, (item) => (item.conversationId === 'A' ? { ...item, title: 'new' } : item));
    expect(renamed.pages[0]).toBe(data.pages[0]);
    expect(renamed.pages[1]).toEqual({ ...data.pages[1], conversations: [{ ...row('A', 100), title: 'new' }] });
    const filtered = filterConversationPages(data, (item) => item.conversationId !== 'B');
    expect(filtered.pages[0]).toEqual({ conversations: [], hasMore: true, nextCursor: 'after:B' });
    expect(filtered.pages[1]).toBe(data.pages[1]);
    expect(filtered.pageParams).toBe(data.pageParams);
    expect(updateConversationPages(undefined, (item) => item)).toBeUndefined();
  });
});
