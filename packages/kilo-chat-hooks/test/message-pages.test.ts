import { describe, expect, it } from 'vitest';
import {
  PAGE_SIZE,
  applyMessageCreatedEventToPages,
  createEmptyMessageInfiniteData,
  getNextMessagesPageParam,
  locateMessage,
  messagesFromListPage,
  orderNewestPageMessages,
  replaceMessageAndOrderNewestPage,
  shareMessageInfiniteData,
  updateMessageInPages,
} from '../src/index';
import { cache, created, history, id, ids, pendingRow, row } from './message-fixtures';

describe('message pages', () => {
  it('A3 (constant): pages hold 50 messages', () => {
    expect(PAGE_SIZE).toBe(50);
  });

  it('A4: a next page exists only when the last page says hasMore and has a cursor', () => {
    expect(getNextMessagesPageParam({ messages: [], hasMore: true, nextCursor: id(5) })).toBe(id(5));
    expect(getNextMessagesPageParam({ messages: [], hasMore: false, nextCursor: id(5) })).toBeUndefined();
    expect(getNextMessagesPageParam({ messages: [], hasMore: true, nextCursor: null })).toBeUndefined();
  });

  it('seeds a cold cache with one empty final page', () => {
    expect(createEmptyMessageInfiniteData()).toEqual({ pages: [{ messages: [], hasMore: false, nextCursor: null }], pageParams: [undefined] });
    const page = { messages: [row(1)], hasMore: false, nextCursor: null };
    expect(messagesFromListPage(page)).toBe(page.messages);
  });

  it('updateMessageInPages edits the one row, keeps page metadata, and returns the same data when nothing changed', () => {
    const data = cache([row(4), row(3)], [row(2), row(1)]);
    const next = updateMessageInPages(data, id(1), (message) => ({ ...message, deliveryFailed: true }))!;
    expect(next.pages[1]!.messages[1]!.deliveryFailed).toBe(true);
    expect(next.pages[1]!.hasMore).toBe(false);
    expect(next.pages[0]).toBe(data.pages[0]);
    expect(next.pages[1]!.messages[0]).toBe(data.pages[1]!.messages[0]);
    expect(next.pageParams).toBe(data.pageParams);
    expect(updateMessageInPages(data, id(9), (message) => ({ ...message, deleted: true }))).toBe(data);
    expect(updateMessageInPages(data, id(1), (message) => message)).toBe(data);
    expect(updateMessageInPages(undefined, id(1), (message) => message)).toBeUndefined();
  });

  it('B20: inserting or replacing in the newest page keeps its cursor and hasMore', () => {
    const data = cache([row(4), row(3)], [row(2), row(1)]);
    const inserted = applyMessageCreatedEventToPages(data, created(5));
    expect(inserted.pages[0]).toMatchObject({ hasMore: true, nextCursor: id(3) });
    expect(ids(inserted)[0]).toEqual([id(5), id(4), id(3)]);
    const replaced = replaceMessageAndOrderNewestPage(inserted, id(4), (message) => ({ ...message, deleted: true }))!;
    expect(replaced.pages[0]).toMatchObject({ hasMore: true, nextCursor: id(3) });
  });

  it('B21: server rows of the newest page are ordered by id descending while pending rows keep their slots', () => {
    const messages = [row(3), pendingRow('A'), row(5), pendingRow('B'), row(4)];
    expect(orderNewestPageMessages(messages).map((message) => message.id)).toEqual([id(5), 'pending-A', id(4), 'pending-B', id(3)]);
    const ordered = [row(5), pendingRow('A'), row(4)];
    expect(orderNewestPageMessages(ordered)).toBe(ordered);

    // An insert puts the row at the head, then server rows are ordered around the pending slot (index 1 after the insert).
    const data = cache([pendingRow('A'), row(6), row(4)]);
    expect(ids(applyMessageCreatedEventToPages(data, created(5)))[0]).toEqual([id(6), 'pending-A', id(5), id(4)]);
  });

  it('B22: ordering works on runtimes without Array.prototype.toSorted', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Array.prototype, 'toSorted');
    const arrayPrototype = Array.prototype as unknown as Record<string, unknown>;
    delete arrayPrototype.toSorted; // as on Hermes
    try {
      expect(arrayPrototype.toSorted).toBeUndefined();
      const data = cache([row(2), row(1)]);
      expect(ids(applyMessageCreatedEventToPages(data, created(3)))[0]).toEqual([id(3), id(2), id(1)]);
      expect(orderNewestPageMessages([row(1), row(3), row(2)]).map((message) => message.id)).toEqual([id(3), id(2), id(1)]);
    } finally {
      if (descriptor) Object.defineProperty(Array.prototype, 'toSorted', descriptor);
    }
  });

  it('per-event work: an event touches only page 0 (and the page holding the row); other pages and rows keep their identity', () => {
    const data = history(10_000);
    const next = applyMessageCreatedEventToPages(data, created(10_001));
    expect(next.pages).toHaveLength(200);
    for (let page = 1; page < 200; page++) expect(next.pages[page]).toBe(data.pages[page]);
    expect(next.pages[0]!.messages.slice(1)).toEqual(data.pages[0]!.messages);
    next.pages[0]!.messages.slice(1).forEach((message, index) => expect(message).toBe(data.pages[0]!.messages[index]));

    const deep = updateMessageInPages(next, id(3), (message) => ({ ...message, deleted: true }))!;
    const changed = deep.pages.map((page, index) => page !== next.pages[index]);
    expect(changed.filter(Boolean)).toHaveLength(1);
    expect(changed[199]).toBe(true);
  });

  it('per-event work: finding a row reads page 0, a logarithmic number of page bounds and one page, whatever the history length', () => {
    const data = history(10_000);
    const touched = new Set<number>();
    const pages = new Proxy(data.pages, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) touched.add(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    expect(locateMessage(pages, id(1))).toMatchObject({ pageIndex: 199, rowIndex: 49 });
    expect(touched.size).toBeLessThanOrEqual(10);
    touched.clear();
    expect(locateMessage(pages, id(10_001))).toBeUndefined();
    expect(touched.size).toBeLessThanOrEqual(10);
    expect(locateMessage(pages, id(5_000))).toMatchObject({ pageIndex: 100, rowIndex: 0 });
  });

  it('finds pending rows, late inserts into page 0 and rows next to empty pages; repeated edits of the same data agree', () => {
    const data = cache([pendingRow('A'), row(9), row(8)], [row(7), row(6)], [], [row(3), row(2)]);
    expect(locateMessage(data.pages, 'pending-A')).toMatchObject({ pageIndex: 0, rowIndex: 0 });
    expect(locateMessage(data.pages, id(2))).toMatchObject({ pageIndex: 3, rowIndex: 1 });
    expect(locateMessage(data.pages, id(5))).toBeUndefined();
    // A late message older than page 1 lands in page 0 and is still found there.
    const late = applyMessageCreatedEventToPages(data, created(4));
    expect(locateMessage(late.pages, id(4))).toMatchObject({ pageIndex: 0 });
    expect(applyMessageCreatedEventToPages(late, created(4))).toBe(late);
    // Applying to the same data twice gives equal results (no hidden state).
    expect(applyMessageCreatedEventToPages(data, created(10))).toEqual(applyMessageCreatedEventToPages(data, created(10)));
  });

  it('structural sharing keys rows by id: a refetched page that shifted by one new row keeps every old row object', () => {
    const before = cache([row(3), row(2), row(1)]);
    const fetched = cache([row(4), row(3), row(2)]);
    const shared = shareMessageInfiniteData(before, fetched) as typeof before;
    expect(shared.pages[0]!.messages[1]).toBe(before.pages[0]!.messages[0]);
    expect(shared.pages[0]!.messages[2]).toBe(before.pages[0]!.messages[1]);
    expect(shared.pages[0]!.messages[0]).toBe(fetched.pages[0]!.messages[0]);

    const same = cache([row(3), row(2), row(1)]);
    expect(shareMessageInfiniteData(before, same)).toBe(before);

    const edited = cache([row(3), row(2, { deleted: true, content: [] }), row(1)]);
    const sharedEdit = shareMessageInfiniteData(before, edited) as typeof before;
    expect(sharedEdit.pages[0]!.messages[1]).toEqual(row(2, { deleted: true, content: [] }));
    expect(sharedEdit.pages[0]!.messages[0]).toBe(before.pages[0]!.messages[0]);

    // Data the cache functions produced is taken as it is.
    const produced = applyMessageCreatedEventToPages(before, created(4));
    expect(shareMessageInfiniteData(before, produced)).toBe(produced);
  });
});
