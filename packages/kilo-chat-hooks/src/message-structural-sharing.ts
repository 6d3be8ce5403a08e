/**
 * Structural sharing for message caches, keyed by message id.
 *
 * TanStack Query's default `replaceEqualDeep` compares arrays index by index.
 * A message inserted at the head of the newest page shifts every row by one,
 * so the default would hand back a fresh copy of every row of that page and
 * every memoised row would re-render. This module instead:
 *
 * - returns data produced by this package's cache functions unchanged (they
 *   already keep the identity of every row and page they did not change);
 * - for anything else (a fetched page, data written by app code) reuses the
 *   previous row object for each id whose row is deep-equal, and the previous
 *   page object when none of its rows or metadata changed.
 */
// A message page is the list response itself (`MessagePage` in message-pages.ts); imported from
// kilo-chat here so this module and message-pages.ts do not import each other.
import type { Message, MessageListResponse as MessagePage } from '@kilocode/kilo-chat';
import { jsonEqual } from './json-equal.js';

const produced = new WeakSet<object>();

/** @internal Marks `data` as produced by this package's cache logic (see {@link shareMessageInfiniteData}). */
export function markProducedMessageData<T extends object>(data: T): T {
  produced.add(data);
  return data;
}

interface PagesShape {
  pages: MessagePage[];
  pageParams: unknown[];
}

function isPagesShape(value: unknown): value is PagesShape {
  if (typeof value !== 'object' || value === null) return false;
  const pages = (value as { pages?: unknown }).pages;
  return Array.isArray(pages) && pages.every((page) => typeof page === 'object' && page !== null && Array.isArray((page as MessagePage).messages));
}

function shallowArrayEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The `structuralSharing` function of the message queries
 * (`messagesInfiniteQueryOptions` sets it). Pass it yourself when you build a
 * message query by hand.
 *
 * @param previous - the data in the cache (or the previous `select` result).
 * @param next - the new data.
 * @returns `next`, or a copy of it that reuses unchanged rows and pages of `previous`.
 */
export function shareMessageInfiniteData(previous: unknown, next: unknown): unknown {
  if (typeof next !== 'object' || next === null || produced.has(next)) return next;
  if (!isPagesShape(previous) || !isPagesShape(next)) return next;

  const previousRows = new Map<string, Message>();
  for (const page of previous.pages) for (const row of page.messages) if (!previousRows.has(row.id)) previousRows.set(row.id, row);

  let allPagesReused = next.pages.length === previous.pages.length;
  const pages = next.pages.map((page, pageIndex) => {
    const previousPage = previous.pages[pageIndex];
    if (previousPage === page) return page;
    let rowsReused = previousPage !== undefined && previousPage.messages.length === page.messages.length;
    const messages = page.messages.map((row, rowIndex) => {
      const before = previousRows.get(row.id);
      const shared = before !== undefined && (before === row || jsonEqual(before, row)) ? before : row;
      if (previousPage?.messages[rowIndex] !== shared) rowsReused = false;
      return shared;
    });
    if (
      rowsReused &&
      previousPage !== undefined &&
      previousPage.hasMore === page.hasMore &&
      previousPage.nextCursor === page.nextCursor &&
      Object.keys(previousPage).length === Object.keys(page).length
    ) {
      return previousPage;
    }
    allPagesReused = false;
    return { ...page, messages };
  });

  if (allPagesReused && shallowArrayEqual(pages, previous.pages) && jsonEqual(previous.pageParams, next.pageParams)) {
    const extraKeys = Object.keys(next).filter((key) => key !== 'pages' && key !== 'pageParams');
    if (extraKeys.every((key) => jsonEqual((previous as unknown as Record<string, unknown>)[key], (next as unknown as Record<string, unknown>)[key]))) {
      return previous;
    }
  }
  const pagesOut = allPagesReused && shallowArrayEqual(pages, previous.pages) ? previous.pages : pages;
  return { ...next, pages: pagesOut };
}
