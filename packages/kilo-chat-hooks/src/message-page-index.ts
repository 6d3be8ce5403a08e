/**
 * Where each message of a message cache lives: an index from message id to
 * the number of the page that holds it, kept per `pages` array in a WeakMap.
 *
 * Why: a live event names one message; finding it by scanning every loaded
 * page makes each event cost as much as the whole history. With the index a
 * lookup touches one page. The cache functions of this package derive each
 * new `pages` array from the previous one and move the index along with the
 * change (`carryMessagePageIndex`), so it is built once per fetched data and
 * then kept up to date in O(1) per edit. A `pages` array nobody indexed yet
 * (fresh from the server, or written by app code) is indexed on first use.
 */
import type { Message } from '@kilocode/kilo-chat';
import type { MessagePage } from './message-pages.js';

type PageIndex = Map<string, number>;

const indexes = new WeakMap<readonly MessagePage[], PageIndex>();

function buildIndex(pages: readonly MessagePage[]): PageIndex {
  const index: PageIndex = new Map();
  for (let pageIndex = 0; pageIndex < pages.length; pageIndex++) {
    for (const message of (pages[pageIndex] as MessagePage).messages) {
      if (!index.has(message.id)) index.set(message.id, pageIndex);
    }
  }
  indexes.set(pages, index);
  return index;
}

function rowIndexIn(page: MessagePage | undefined, messageId: string): number {
  if (!page) return -1;
  const messages = page.messages;
  for (let row = 0; row < messages.length; row++) if ((messages[row] as Message).id === messageId) return row;
  return -1;
}

/** Where a message sits in a `pages` array. */
export interface MessageLocation {
  /** Index of the page (0 is the newest page). */
  pageIndex: number;
  /** Index of the row inside that page (0 is the page's newest row). */
  rowIndex: number;
  /** The row itself. */
  message: Message;
}

/**
 * Finds a message by id. Costs one map lookup and a scan of the one page
 * that holds it (the first call on a `pages` array also indexes it).
 *
 * @returns the location, or `undefined` when no loaded page holds the id.
 */
export function locateMessage(pages: readonly MessagePage[], messageId: string): MessageLocation | undefined {
  let index = indexes.get(pages) ?? buildIndex(pages);
  let pageIndex = index.get(messageId);
  if (pageIndex === undefined) return undefined;
  let rowIndex = rowIndexIn(pages[pageIndex], messageId);
  if (rowIndex < 0) {
    // The index was out of date (the array was changed in place): rebuild once.
    index = buildIndex(pages);
    pageIndex = index.get(messageId);
    if (pageIndex === undefined) return undefined;
    rowIndex = rowIndexIn(pages[pageIndex], messageId);
    if (rowIndex < 0) return undefined;
  }
  return { pageIndex, rowIndex, message: (pages[pageIndex] as MessagePage).messages[rowIndex] as Message };
}

/** True when `pages` already has an index (used by tests and benchmarks to check that edits carry it). */
export function hasMessagePageIndex(pages: readonly MessagePage[]): boolean {
  return indexes.has(pages);
}

/**
 * @internal Moves the index of `from` to `to` (a `pages` array derived from
 * `from`), applying `edit` to it. `from` loses its index (it is rebuilt if
 * ever looked up again), so an index never describes an array it does not
 * match. Does nothing when `from` had no index: `to` is indexed on first use.
 */
export function carryMessagePageIndex(
  from: readonly MessagePage[],
  to: readonly MessagePage[],
  edit?: (index: Map<string, number>) => void,
): void {
  if (from === to) return;
  const index = indexes.get(from);
  if (!index) return;
  indexes.delete(from);
  edit?.(index);
  indexes.set(to, index);
}
