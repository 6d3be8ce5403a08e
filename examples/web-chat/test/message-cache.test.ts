import type { Message } from '@kilocode/kilo-chat';
import { describe, expect, it } from 'vitest';
import {
  applyReaction,
  markMessageDeleted,
  messagesOldestFirst,
  setMessageContent,
  upsertMessage,
  type MessagePages,
} from '../src/chat/message-cache.js';

const message = (id: string, text = id): Message => ({
  id,
  senderId: 'alice',
  content: [{ type: 'text', text }],
  inReplyToMessageId: null,
  replyTo: null,
  updatedAt: null,
  clientUpdatedAt: null,
  deleted: false,
  deliveryFailed: false,
  reactions: [],
});

/** Two pages, newest first, as the history query keeps them. */
function pages(): MessagePages {
  return {
    pages: [
      { messages: [message('01J0000000000000000000000D'), message('01J0000000000000000000000C')], hasMore: true, nextCursor: '01J0000000000000000000000C' },
      { messages: [message('01J0000000000000000000000B'), message('01J0000000000000000000000A')], hasMore: false, nextCursor: null },
    ],
    pageParams: [undefined, '01J0000000000000000000000C'],
  };
}

describe('the web chat history cache', () => {
  it('shows messages oldest first', () => {
    expect(messagesOldestFirst(pages()).map((row) => row.id.slice(-1))).toEqual(['A', 'B', 'C', 'D']);
  });

  it('keeps one row per id whether a message comes from its event, the send response or a refetch', () => {
    const created = message('01J0000000000000000000000E', 'new');
    const once = upsertMessage(pages(), created);
    const twice = upsertMessage(once, { ...created });
    expect(messagesOldestFirst(twice).filter((row) => row.id === created.id)).toHaveLength(1);
    expect(messagesOldestFirst(twice).map((row) => row.id.slice(-1))).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('puts a late message in id order, not at the end', () => {
    const data = upsertMessage(upsertMessage(pages(), message('01J0000000000000000000000G')), message('01J0000000000000000000000F'));
    expect(messagesOldestFirst(data).map((row) => row.id.slice(-1))).toEqual(['A', 'B', 'C', 'D', 'F', 'G']);
  });

  it('keeps a delete or an edit that arrived before a repeated create', () => {
    const id = '01J0000000000000000000000D';
    const deleted = markMessageDeleted(pages(), id);
    expect(messagesOldestFirst(upsertMessage(deleted, message(id))).find((row) => row.id === id)?.deleted).toBe(true);
    const edited = setMessageContent(pages(), id, [{ type: 'text', text: 'edited' }], 5);
    const row = messagesOldestFirst(upsertMessage(edited, message(id))).find((item) => item.id === id);
    expect(row?.content).toEqual([{ type: 'text', text: 'edited' }]);
  });

  it('ignores an edit older than the one shown', () => {
    const id = '01J0000000000000000000000C';
    const newer = setMessageContent(pages(), id, [{ type: 'text', text: 'second' }], 20);
    const older = setMessageContent(newer, id, [{ type: 'text', text: 'first' }], 10);
    expect(messagesOldestFirst(older).find((row) => row.id === id)?.content).toEqual([{ type: 'text', text: 'second' }]);
  });

  it('applies a reaction idempotently (the response and the event both bring it)', () => {
    const once = applyReaction([], '👍', 'bob', true);
    expect(applyReaction(once, '👍', 'bob', true)).toBe(once);
    expect(once).toEqual([{ emoji: '👍', count: 1, memberIds: ['bob'] }]);
    const two = applyReaction(once, '👍', 'alice', true);
    expect(two).toEqual([{ emoji: '👍', count: 2, memberIds: ['bob', 'alice'] }]);
    expect(applyReaction(applyReaction(two, '👍', 'bob', false), '👍', 'alice', false)).toEqual([]);
  });
});
