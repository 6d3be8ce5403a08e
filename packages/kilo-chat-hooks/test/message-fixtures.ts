/**
 * Builders for the pure message-cache tests: rows with ULID-shaped ids that
 * sort by their number, pages newest first, and event payloads.
 */
import type { ContentBlock, Message, MessageCreatedEvent } from '@kilocode/kilo-chat';
import type { MessageInfiniteData, MessagePage } from '../src/index';

/** A 26-character ULID-shaped id; larger `n` sorts later (newer). */
export function id(n: number): string {
  return `01J${n.toString().padStart(23, '0')}`;
}

/** A text block. */
export function text(value: string): ContentBlock {
  return { type: 'text', text: value };
}

/** A stored row `id(n)` with text `m<n>`. */
export function row(n: number, overrides: Partial<Message> = {}): Message {
  return {
    id: id(n),
    senderId: 'alice',
    content: [text(`m${n}`)],
    inReplyToMessageId: null,
    replyTo: null,
    updatedAt: null,
    clientUpdatedAt: null,
    deleted: false,
    deliveryFailed: false,
    reactions: [],
    ...overrides,
  };
}

/** An optimistic row `pending-<clientId>`. */
export function pendingRow(clientId: string, overrides: Partial<Message> = {}): Message {
  return { ...row(0), id: `pending-${clientId}`, content: [text(`pending ${clientId}`)], ...overrides };
}

/**
 * A cache from pages given newest first, each a list of rows newest first.
 * Every page but the last says `hasMore` with its oldest id as `nextCursor`.
 */
export function cache(...pageRows: Message[][]): MessageInfiniteData {
  const pages: MessagePage[] = pageRows.map((messages, index) => {
    const last = index === pageRows.length - 1;
    return { messages, hasMore: !last, nextCursor: last ? null : (messages[messages.length - 1]?.id ?? null) };
  });
  const pageParams: (string | undefined)[] = [undefined];
  for (let i = 1; i < pages.length; i++) pageParams.push(pages[i - 1]!.nextCursor ?? undefined);
  return { pages, pageParams };
}

/** A cache of `count` rows (ids 1..count, newest first) in pages of `pageSize`. */
export function history(count: number, pageSize = 50): MessageInfiniteData {
  const rows: Message[] = [];
  for (let n = count; n >= 1; n--) rows.push(row(n));
  const pageRows: Message[][] = [];
  for (let i = 0; i < rows.length; i += pageSize) pageRows.push(rows.slice(i, i + pageSize));
  return cache(...(pageRows.length > 0 ? pageRows : [[]]));
}

/** A `message.created` payload for `id(n)`. */
export function created(n: number, overrides: Partial<MessageCreatedEvent> = {}): MessageCreatedEvent {
  return {
    messageId: id(n),
    senderId: 'alice',
    content: [text(`m${n}`)],
    inReplyToMessageId: null,
    replyTo: null,
    clientId: null,
    ...overrides,
  };
}

/** Every row id of a cache, page by page, newest first. */
export function ids(data: MessageInfiniteData | undefined): string[][] {
  return (data?.pages ?? []).map((page) => page.messages.map((message) => message.id));
}

/** The row `messageId` of a cache. */
export function rowOf(data: MessageInfiniteData | undefined, messageId: string): Message | undefined {
  for (const page of data?.pages ?? []) for (const message of page.messages) if (message.id === messageId) return message;
  return undefined;
}
