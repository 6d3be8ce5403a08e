/**
 * The shape of a conversation's message cache and the page-level edits every
 * other cache function is built from.
 *
 * A message cache is TanStack Query `InfiniteData` of server pages. Page 0 is
 * the newest page; "next" pages are older history. Inside a page rows are
 * newest first. Optimistic rows have ids `pending-<clientId>`.
 *
 * Every edit here is persistent: it returns `old` itself when nothing
 * changed, and otherwise a new object that shares every page and row it did
 * not change (so memoised rows do not re-render). Each edit touches only the
 * page that holds the row (found by `locateMessage` without scanning the
 * other pages) and, for inserts, page 0.
 */
import type { Message, MessageListResponse } from '@kilocode/kilo-chat';
import type { InfiniteData } from '@tanstack/react-query';
import { locateMessage } from './message-page-index.js';
import { markProducedMessageData } from './message-structural-sharing.js';

/** Messages requested per page by `useMessages`. */
export const PAGE_SIZE = 50;

/** One server page of messages, newest first: `{ messages, hasMore, nextCursor }`. */
export type MessagePage = MessageListResponse;

/**
 * The cached message history of one conversation: TanStack Query
 * `InfiniteData` whose page 0 is the newest page. Page params are the
 * `before` cursors (`undefined` for page 0).
 */
export type MessageInfiniteData<TPageParam = string | undefined> = InfiniteData<MessagePage, TPageParam>;

/** Prefix of the id of an optimistic (not yet stored) message row. */
export const PENDING_MESSAGE_ID_PREFIX = 'pending-';

/** The id of the optimistic row of a send with `clientId`: `pending-<clientId>`. */
export function pendingMessageId(clientId: string): string {
  return `${PENDING_MESSAGE_ID_PREFIX}${clientId}`;
}

/** True for the id of an optimistic row (`pending-…`). */
export function isPendingMessageId(messageId: string): boolean {
  return messageId.startsWith(PENDING_MESSAGE_ID_PREFIX);
}

/**
 * The cache seeded when a write lands on a conversation with no cached
 * history: one empty page (`hasMore: false`, `nextCursor: null`) and
 * `pageParams: [undefined]`.
 */
export function createEmptyMessageInfiniteData(): MessageInfiniteData {
  return markProducedMessageData({ pages: [{ messages: [], hasMore: false, nextCursor: null }], pageParams: [undefined] });
}

/** The rows of one server page (newest first). */
export function messagesFromListPage(page: MessagePage): Message[] {
  return page.messages;
}

/**
 * The `before` cursor of the page after `lastPage`: its `nextCursor` when it
 * says `hasMore` and has one, otherwise `undefined` (no more history).
 */
export function getNextMessagesPageParam(lastPage: MessagePage): string | undefined {
  return lastPage.hasMore && lastPage.nextCursor ? lastPage.nextCursor : undefined;
}

function compareIdsDescending(a: Message, b: Message): number {
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Orders the rows of the newest page: server rows by id descending (ULIDs,
 * so newest first), while `pending-` rows keep their slots. Returns the same
 * array when it is already in order. Uses `slice().sort()`, never
 * `Array.prototype.toSorted` (missing on Hermes and older engines).
 */
export function orderNewestPageMessages(messages: Message[]): Message[] {
  let previous: string | undefined;
  let ordered = true;
  for (const message of messages) {
    if (isPendingMessageId(message.id)) continue;
    if (previous !== undefined && message.id > previous) {
      ordered = false;
      break;
    }
    previous = message.id;
  }
  if (ordered) return messages;
  const serverRows = messages.filter((message) => !isPendingMessageId(message.id)).sort(compareIdsDescending);
  let next = 0;
  return messages.map((message) => (isPendingMessageId(message.id) ? message : (serverRows[next++] as Message)));
}

/** @internal Replaces the rows of one page, keeping the page's metadata and every other page. */
export function withPageMessages<TPageParam>(
  old: MessageInfiniteData<TPageParam>,
  pageIndex: number,
  messages: Message[],
): MessageInfiniteData<TPageParam> {
  const pages = old.pages.slice();
  pages[pageIndex] = { ...(old.pages[pageIndex] as MessagePage), messages };
  return markProducedMessageData({ ...old, pages });
}

function replaceRow<TPageParam>(
  old: MessageInfiniteData<TPageParam>,
  pageIndex: number,
  rowIndex: number,
  row: Message,
  orderNewest: boolean,
): MessageInfiniteData<TPageParam> {
  let messages = (old.pages[pageIndex] as MessagePage).messages.slice();
  messages[rowIndex] = row;
  if (orderNewest && pageIndex === 0) messages = orderNewestPageMessages(messages);
  return withPageMessages(old, pageIndex, messages);
}

/**
 * Applies `updater` to the row with `messageId`, wherever it is loaded.
 * Page metadata (`hasMore`, `nextCursor`) is kept.
 *
 * @returns `old` itself when the row is not cached or `updater` returned the
 * row unchanged (same object); otherwise the updated data.
 */
export function updateMessageInPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  messageId: string,
  updater: (message: Message) => Message,
): MessageInfiniteData<TPageParam> | undefined {
  return updateRow(old, messageId, updater, false);
}

/**
 * Like {@link updateMessageInPages}, and when the row is in the newest page
 * that page is re-ordered afterwards (server rows by id descending, `pending-`
 * rows in their slots): use it when the update can change the id, e.g. an
 * optimistic row replaced by the stored message.
 */
export function replaceMessageAndOrderNewestPage<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  messageId: string,
  updater: (message: Message) => Message,
): MessageInfiniteData<TPageParam> | undefined {
  return updateRow(old, messageId, updater, true);
}

/** The one body of {@link updateMessageInPages} and {@link replaceMessageAndOrderNewestPage}. */
function updateRow<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  messageId: string,
  updater: (message: Message) => Message,
  reorderNewestPage: boolean,
): MessageInfiniteData<TPageParam> | undefined {
  if (!old) return old;
  const location = locateMessage(old.pages, messageId);
  if (!location) return old;
  const row = updater(location.message);
  if (row === location.message) return old;
  return replaceRow(old, location.pageIndex, location.rowIndex, row, reorderNewestPage);
}

/**
 * @internal Puts `message` at the head of the newest page and re-orders that
 * page. Seeds {@link createEmptyMessageInfiniteData} when `old` is undefined.
 */
export function insertMessageIntoNewestPage<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  message: Message,
): MessageInfiniteData<TPageParam> {
  const base = old ?? (createEmptyMessageInfiniteData() as unknown as MessageInfiniteData<TPageParam>);
  const first = base.pages[0];
  if (!first) {
    const pages = [{ messages: [message], hasMore: false, nextCursor: null }];
    return markProducedMessageData({ ...base, pages, pageParams: [undefined as TPageParam] });
  }
  const messages = orderNewestPageMessages([message, ...first.messages]);
  return withPageMessages(base, 0, messages);
}

/**
 * @internal Removes the row with `messageId`.
 * @returns `old` itself when no loaded page holds it.
 */
export function removeMessageFromPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  messageId: string,
): MessageInfiniteData<TPageParam> | undefined {
  if (!old) return old;
  const location = locateMessage(old.pages, messageId);
  if (!location) return old;
  const messages = (old.pages[location.pageIndex] as MessagePage).messages.slice();
  messages.splice(location.rowIndex, 1);
  return withPageMessages(old, location.pageIndex, messages);
}
