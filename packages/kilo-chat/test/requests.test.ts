import { describe, expect, it } from 'vitest';
import {
  actionDeliveryFailedRequestSchema,
  attachmentGetUrlResponseSchema,
  attachmentInitRequestSchema,
  attachmentInitResponseSchema,
  createBotConversationRequestSchema,
  createConversationRequestSchema,
  createConversationResponseSchema,
  createMessageResponseSchema,
  executeActionResponseSchema,
  listConversationsQuerySchema,
  listMessagesQuerySchema,
  markConversationReadResponseSchema,
  messageDeliveryFailedRequestSchema,
  messageListResponseSchema,
  messageSchema,
  reactionRequestBodySchema,
  removeReactionResponseSchema,
  renameConversationRequestSchema,
} from '@kilocode/kilo-chat/schemas';

const ULID = '01HZY8J3K4M5N6P7Q8R9S0T1V2';
const message = {
  id: ULID,
  senderId: 'user-1',
  content: [{ type: 'text', text: 'hi' }],
  inReplyToMessageId: null,
  replyTo: null,
  updatedAt: null,
  clientUpdatedAt: null,
  deleted: false,
  deliveryFailed: false,
  reactions: [],
};

describe('conversations', () => {
  it('create needs a valid sandboxId; the title is optional but never blank', () => {
    expect(createConversationRequestSchema.parse({ sandboxId: 'sandbox-1' })).toEqual({ sandboxId: 'sandbox-1' });
    expect(createConversationRequestSchema.parse({ sandboxId: 'sandbox-1', title: ' Plans ' }).title).toBe('Plans');
    expect(createConversationRequestSchema.safeParse({}).success).toBe(false);
    expect(createConversationRequestSchema.safeParse({ sandboxId: 'sandbox-1', title: '  ' }).success).toBe(false);
    expect(createConversationRequestSchema.safeParse({ sandboxId: 'bad id' }).success).toBe(false);
  });

  it('bot create takes an optional title and at most 20 additional members', () => {
    expect(createBotConversationRequestSchema.parse({})).toEqual({});
    expect(createBotConversationRequestSchema.safeParse({ title: '\t' }).success).toBe(false);
    expect(createBotConversationRequestSchema.safeParse({ additionalMembers: Array(20).fill('u') }).success).toBe(true);
    expect(createBotConversationRequestSchema.safeParse({ additionalMembers: Array(21).fill('u') }).success).toBe(false);
    expect(createBotConversationRequestSchema.safeParse({ additionalMembers: [''] }).success).toBe(false);
  });

  it('create response carries the id and the list row', () => {
    const response = {
      conversationId: ULID,
      conversation: { conversationId: ULID, title: null, lastActivityAt: null, lastReadAt: null, joinedAt: 1 },
    };
    expect(createConversationResponseSchema.parse(response)).toEqual(response);
    expect(createConversationResponseSchema.safeParse({ conversationId: ULID }).success).toBe(false);
  });

  it('rename rejects blank and 201-character titles', () => {
    expect(renameConversationRequestSchema.parse({ title: ' New ' })).toEqual({ title: 'New' });
    expect(renameConversationRequestSchema.safeParse({ title: '\n' }).success).toBe(false);
    expect(renameConversationRequestSchema.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);
  });

  it('list query coerces limit from text, defaults it to 50 and caps it at 100', () => {
    expect(listConversationsQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listConversationsQuerySchema.parse({ limit: '20', cursor: 'abc', sandboxId: 's1' })).toEqual({
      limit: 20,
      cursor: 'abc',
      sandboxId: 's1',
    });
    for (const limit of ['0', '101', 'abc', '2.5']) {
      expect(listConversationsQuerySchema.safeParse({ limit }).success).toBe(false);
    }
    expect(listConversationsQuerySchema.safeParse({ cursor: '' }).success).toBe(false);
  });

  it('mark-read response carries the applied flag, read time and badge', () => {
    const cleared = { ok: true, applied: true, lastReadAt: 5, badgeClear: { badgeBucket: 'kiloclaw:s:c', badgeCount: 0 } };
    expect(markConversationReadResponseSchema.parse(cleared)).toEqual(cleared);
    const stale = { ok: true, applied: false, lastReadAt: 5, badgeClear: null };
    expect(markConversationReadResponseSchema.parse(stale)).toEqual(stale);
  });
});

describe('messages', () => {
  it('a fresh message has null times, no reactions and both flags false', () => {
    expect(messageSchema.parse(message)).toEqual(message);
  });

  it('a deleted message has empty content', () => {
    const deleted = { ...message, content: [], deleted: true, updatedAt: 10 };
    expect(messageSchema.parse(deleted)).toEqual(deleted);
  });

  it('create response may omit clientId', () => {
    expect(createMessageResponseSchema.parse({ messageId: ULID, message })).toEqual({ messageId: ULID, message });
    expect(createMessageResponseSchema.parse({ messageId: ULID, clientId: ULID, message }).clientId).toBe(ULID);
    expect(createMessageResponseSchema.safeParse({ messageId: ULID }).success).toBe(false);
  });

  it('list response defaults hasMore to false and nextCursor to null when a server omits them', () => {
    expect(messageListResponseSchema.parse({ messages: [message] })).toEqual({
      messages: [message],
      hasMore: false,
      nextCursor: null,
    });
    expect(messageListResponseSchema.parse({ messages: [], hasMore: true, nextCursor: ULID }).nextCursor).toBe(ULID);
    expect(messageListResponseSchema.safeParse({ messages: [], hasMore: true, nextCursor: 'x' }).success).toBe(false);
  });

  it('list query takes an exclusive ULID `before`', () => {
    expect(listMessagesQuerySchema.parse({ before: ULID, limit: '2' })).toEqual({ before: ULID, limit: 2 });
    expect(listMessagesQuerySchema.safeParse({ before: 'latest' }).success).toBe(false);
  });

  it('execute-action response carries the full content and a flat resolution', () => {
    const response = {
      ok: true,
      messageId: ULID,
      content: [
        {
          type: 'actions',
          groupId: 'g1',
          actions: [{ label: 'Deny', style: 'danger', value: 'deny' }],
          resolved: { value: 'deny', resolvedBy: 'user-1', resolvedAt: 3 },
        },
      ],
      resolved: { groupId: 'g1', value: 'deny', resolvedBy: 'user-1', resolvedAt: 3 },
    };
    expect(executeActionResponseSchema.parse(response)).toEqual(response);
  });
});

describe('reactions', () => {
  it('the add body validates the emoji', () => {
    expect(reactionRequestBodySchema.safeParse({ conversationId: ULID, emoji: '👍' }).success).toBe(true);
    expect(reactionRequestBodySchema.safeParse({ conversationId: ULID, emoji: '' }).success).toBe(false);
  });

  it('the remove response has three shapes', () => {
    expect(removeReactionResponseSchema.parse({ removed: true, id: ULID })).toEqual({ removed: true, id: ULID });
    expect(removeReactionResponseSchema.parse({ removed: false, id: ULID })).toEqual({ removed: false, id: ULID });
    expect(removeReactionResponseSchema.parse({ removed: false, id: null })).toEqual({ removed: false, id: null });
    expect(removeReactionResponseSchema.safeParse({ removed: true, id: null }).success).toBe(false);
  });
});

describe('attachments', () => {
  const init = { conversationId: ULID, mimeType: 'image/png', size: 10, filename: 'a.png' };

  it('init accepts 0 bytes to 100 MiB and an idempotency key of 1 to 128 characters', () => {
    expect(attachmentInitRequestSchema.safeParse({ ...init, size: 0 }).success).toBe(true);
    expect(attachmentInitRequestSchema.safeParse({ ...init, size: 104_857_600 }).success).toBe(true);
    expect(attachmentInitRequestSchema.safeParse({ ...init, size: 104_857_601 }).success).toBe(false);
    expect(attachmentInitRequestSchema.safeParse({ ...init, idempotencyKey: 'k'.repeat(128) }).success).toBe(true);
    expect(attachmentInitRequestSchema.safeParse({ ...init, idempotencyKey: 'k'.repeat(129) }).success).toBe(false);
    expect(attachmentInitRequestSchema.safeParse({ ...init, idempotencyKey: '' }).success).toBe(false);
  });

  it('init response needs a URL and string headers', () => {
    const response = {
      attachmentId: ULID,
      putUrl: 'https://bucket.r2.cloudflarestorage.com/x?X-Amz-Expires=900',
      putHeaders: { 'Content-Type': 'image/png', 'Content-Length': '10' },
      putUrlExpiresAt: 1_700_000_900,
    };
    expect(attachmentInitResponseSchema.parse(response)).toEqual(response);
    expect(attachmentInitResponseSchema.safeParse({ ...response, putUrl: 'not a url' }).success).toBe(false);
    expect(attachmentInitResponseSchema.safeParse({ ...response, putHeaders: { n: 1 } }).success).toBe(false);
  });

  it('get-url response carries the metadata and expiry in seconds', () => {
    const response = { url: 'https://x', mimeType: 'image/png', size: 1, filename: 'a.png', expiresAt: 1_700_003_600 };
    expect(attachmentGetUrlResponseSchema.parse(response)).toEqual(response);
  });
});

describe('bot delivery-failed bodies', () => {
  it('message body is optional-reason and keeps other keys', () => {
    expect(messageDeliveryFailedRequestSchema.parse({})).toEqual({});
    expect(messageDeliveryFailedRequestSchema.parse({ reason: 'timeout', attempt: 3 })).toEqual({
      reason: 'timeout',
      attempt: 3,
    });
    expect(messageDeliveryFailedRequestSchema.safeParse({ reason: 'r'.repeat(1001) }).success).toBe(false);
  });

  it('action body needs the message id', () => {
    expect(actionDeliveryFailedRequestSchema.safeParse({ messageId: ULID }).success).toBe(true);
    expect(actionDeliveryFailedRequestSchema.safeParse({ reason: 'x' }).success).toBe(false);
    expect(actionDeliveryFailedRequestSchema.safeParse({ messageId: '' }).success).toBe(false);
  });
});
