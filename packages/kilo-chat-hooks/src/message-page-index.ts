/**
 * Finding a message in a message cache without scanning every loaded page.
 *
 * Why: a live event names one message; scanning all loaded pages makes each
 * event cost as much as the whole history. Instead this uses the order the
 * cache already has: server pages hold ULIDs newest first, and page `p + 1`
 * was fetched with `before` = the oldest id of page `p`, so every page after
 * the newest covers a range of ids that no other page overlaps. A lookup
 *
 * 1. scans the newest page (page 0), which is where optimistic `pending-`
 *    rows and live inserts land, in any order;
 * 2. otherwise binary-searches the older pages by their id range (their
 *    first and last rows) and scans the one page whose range holds the id.
 *
 * So a lookup costs one pass over page 0, O(log pages) comparisons and one
 * page scan, whatever the history length, and it needs no state: it stays
 * right across structural sharing, refetches and repeated application to the
 * same data.
 */
// A message page is the list response itself (`MessagePage` in message-pages.ts); imported from
// kilo-chat here so this module and message-pages.ts do not import each other.
import type { Message, MessageListResponse as MessagePage } from '@kilocode/kilo-chat';

/** Where a message sits in a `pages` array. */
export interface MessageLocation {
  /** Index of the page (0 is the newest page). */
  pageIndex: number;
  /** Index of the row inside that page (0 is the page's newest row). */
  rowIndex: number;
  /** The row itself. */
  message: Message;
}

function rowIndexIn(messages: readonly Message[], messageId: string): number {
  for (let row = 0; row < messages.length; row++) if ((messages[row] as Message).id === messageId) return row;
  return -1;
}

function isPending(id: string): boolean {
  return id.startsWith('pending-');
}

/** Newest and oldest server id of an older page, or undefined when it holds none. */
function rangeOf(page: MessagePage): { newest: string; oldest: string } | undefined {
  const messages = page.messages;
  let first = 0;
  while (first < messages.length && isPending((messages[first] as Message).id)) first++;
  if (first === messages.length) return undefined;
  let last = messages.length - 1;
  while (isPending((messages[last] as Message).id)) last--;
  return { newest: (messages[first] as Message).id, oldest: (messages[last] as Message).id };
}

function scanPages(pages: readonly MessagePage[], messageId: string, from: number, to: number): MessageLocation | undefined {
  for (let pageIndex = from; pageIndex <= to; pageIndex++) {
    const messages = (pages[pageIndex] as MessagePage).messages;
    const rowIndex = rowIndexIn(messages, messageId);
    if (rowIndex >= 0) return { pageIndex, rowIndex, message: messages[rowIndex] as Message };
  }
  return undefined;
}

/**
 * Finds a message by id: page 0 is scanned, older pages are found by binary
 * search on their id ranges (see the module comment).
 *
 * @returns the location, or `undefined` when no loaded page holds the id.
 */
export function locateMessage(pages: readonly MessagePage[], messageId: string): MessageLocation | undefined {
  const first = pages[0];
  if (!first) return undefined;
  const inFirst = rowIndexIn(first.messages, messageId);
  if (inFirst >= 0) return { pageIndex: 0, rowIndex: inFirst, message: first.messages[inFirst] as Message };
  if (isPending(messageId)) return scanPages(pages, messageId, 1, pages.length - 1);

  let low = 1;
  let high = pages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = rangeOf(pages[middle] as MessagePage);
    // A page without server rows says nothing about order: look through what is left.
    if (!range) return scanPages(pages, messageId, low, high);
    if (messageId > range.newest) high = middle - 1;
    else if (messageId < range.oldest) low = middle + 1;
    else return scanPages(pages, messageId, middle, middle);
  }
  return undefined;
}
