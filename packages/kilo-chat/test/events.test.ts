import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  KILO_CHAT_EVENT_NAMES,
  KiloChatEventParseError,
  actionExecutedEventSchema,
  botStatusEventSchema,
  conversationCreatedEventSchema,
  conversationReadEventSchema,
  conversationRenamedEventSchema,
  conversationStatusEventSchema,
  getKiloChatEventPayloadSchema,
  isKiloChatEventName,
  kiloChatEventPayloadSchemas,
  kiloChatEventSchema,
  messageCreatedEventSchema,
  reactionAddedEventSchema,
  reactionRemovedEventSchema,
  safeParseKiloChatEvent,
  typingEventSchema,
} from '@kilocode/kilo-chat/schemas';
import type { KiloChatEventName, KiloChatEventOf, TypingEvent } from '@kilocode/kilo-chat/schemas';
import { messageCreatedPayload, unreadableObject } from './support/fixtures';

const ULID = '01HZY8J3K4M5N6P7Q8R9S0T1V2';
const UUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

const messageCreated = messageCreatedPayload({ messageId: ULID });

describe('the event catalogue', () => {
  it('has 18 distinct names, each with a payload schema', () => {
    expect(KILO_CHAT_EVENT_NAMES).toHaveLength(18);
    expect(new Set(KILO_CHAT_EVENT_NAMES).size).toBe(18);
    expect(Object.keys(kiloChatEventPayloadSchemas).sort()).toEqual([...KILO_CHAT_EVENT_NAMES].sort());
    for (const name of KILO_CHAT_EVENT_NAMES) expect(getKiloChatEventPayloadSchema(name)).toBeDefined();
  });

  it('recognises only its own names', () => {
    expect(isKiloChatEventName('typing.stop')).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'message', 'TYPING', '', 42, null]) {
      expect(isKiloChatEventName(name)).toBe(false);
    }
  });

  it('types each payload by name', () => {
    expectTypeOf<KiloChatEventOf<'typing'>>().toEqualTypeOf<TypingEvent>();
    expectTypeOf<KiloChatEventOf<'conversation.left'>>().toEqualTypeOf<{ conversationId: string }>();
    expectTypeOf<'typing.stop'>().toExtend<KiloChatEventName>();
  });
});

describe('message.created', () => {
  it('accepts a valid payload, including a reply snapshot and a client id', () => {
    const reply = {
      ...messageCreated,
      inReplyToMessageId: ULID,
      replyTo: { messageId: ULID, senderId: 'bot:kiloclaw:s1', deleted: false, previewText: 'earlier' },
      clientId: ULID,
    };
    expect(messageCreatedEventSchema.parse(reply)).toEqual(reply);
  });

  it.each([
    ['an empty messageId', { messageId: '' }],
    ['a non-ULID inReplyToMessageId', { inReplyToMessageId: 'parent-1' }],
    ['an empty clientId', { clientId: '' }],
    ['a UUID clientId', { clientId: UUID }],
    ['an empty senderId', { senderId: '' }],
  ])('rejects %s', (_label, patch) => {
    expect(messageCreatedEventSchema.safeParse({ ...messageCreated, ...patch }).success).toBe(false);
  });
});

describe('conversation.created', () => {
  const row = { conversationId: ULID, title: 'Hi', lastActivityAt: null, lastReadAt: null, joinedAt: 1 };

  it('accepts matching ids', () => {
    expect(conversationCreatedEventSchema.safeParse({ conversationId: ULID, conversation: row }).success).toBe(true);
  });

  it('rejects a non-ULID id', () => {
    const payload = { conversationId: 'conv-1', conversation: { ...row, conversationId: 'conv-1' } };
    expect(conversationCreatedEventSchema.safeParse(payload).success).toBe(false);
  });

  it('rejects a list row for another conversation', () => {
    const other = '01HZY8J3K4M5N6P7Q8R9S0T1V3';
    const result = conversationCreatedEventSchema.safeParse({ conversationId: other, conversation: row });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['conversation', 'conversationId']]);
  });
});

describe('typing', () => {
  it('accepts a bot member id and rejects an empty one', () => {
    expect(typingEventSchema.safeParse({ memberId: 'bot:kiloclaw:sandbox-1' }).success).toBe(true);
    expect(typingEventSchema.safeParse({ memberId: '' }).success).toBe(false);
  });
});

describe('action.executed', () => {
  const payload = { conversationId: ULID, messageId: ULID, groupId: 'g1', value: 'allow-once', executedBy: 'user-1' };

  it('accepts a valid payload', () => {
    expect(actionExecutedEventSchema.parse(payload)).toEqual(payload);
  });

  it.each([
    ['an empty executedBy', { executedBy: '' }],
    ['the value "maybe"', { value: 'maybe' }],
    ['an empty groupId', { groupId: '' }],
    ['a 201-character groupId', { groupId: 'g'.repeat(201) }],
  ])('rejects %s', (_label, patch) => {
    expect(actionExecutedEventSchema.safeParse({ ...payload, ...patch }).success).toBe(false);
  });
});

describe('integer fields', () => {
  it('conversation.read rejects lastReadAt of -1 or 1.5', () => {
    const payload = { conversationId: ULID, memberId: 'user-1', lastReadAt: 0 };
    expect(conversationReadEventSchema.safeParse(payload).success).toBe(true);
    expect(conversationReadEventSchema.safeParse({ ...payload, lastReadAt: -1 }).success).toBe(false);
    expect(conversationReadEventSchema.safeParse({ ...payload, lastReadAt: 1.5 }).success).toBe(false);
  });

  it('bot.status rejects at of 1.5', () => {
    expect(botStatusEventSchema.safeParse({ sandboxId: 'sandbox-1', online: true, at: 1 }).success).toBe(true);
    expect(botStatusEventSchema.safeParse({ sandboxId: 'sandbox-1', online: true, at: 1.5 }).success).toBe(false);
  });

  it('conversation.status rejects a negative contextTokens and a fractional contextWindow', () => {
    const payload = { conversationId: ULID, contextTokens: 0, contextWindow: 0, model: null, provider: null, at: 0 };
    expect(conversationStatusEventSchema.safeParse(payload).success).toBe(true);
    expect(conversationStatusEventSchema.safeParse({ ...payload, contextTokens: -1 }).success).toBe(false);
    expect(conversationStatusEventSchema.safeParse({ ...payload, contextWindow: 0.5 }).success).toBe(false);
  });
});

describe('reaction events', () => {
  const payload = { messageId: ULID, operationId: ULID, memberId: 'user-1', emoji: '👍' };

  it.each([
    ['reaction.added', reactionAddedEventSchema],
    ['reaction.removed', reactionRemovedEventSchema],
  ])('%s rejects an empty emoji, 65 ASCII characters and NUL', (_name, schema) => {
    expect(schema.safeParse(payload).success).toBe(true);
    for (const emoji of ['', 'a'.repeat(65), 'a\u0000']) {
      expect(schema.safeParse({ ...payload, emoji }).success).toBe(false);
    }
    expect(schema.safeParse({ ...payload, operationId: 'op-1' }).success).toBe(false);
  });
});

describe('conversation.renamed', () => {
  it('rejects a whitespace-only title and a 201-character title', () => {
    expect(conversationRenamedEventSchema.safeParse({ conversationId: ULID, title: 'New' }).success).toBe(true);
    expect(conversationRenamedEventSchema.safeParse({ conversationId: ULID, title: ' \t ' }).success).toBe(false);
    expect(conversationRenamedEventSchema.safeParse({ conversationId: ULID, title: 'x'.repeat(201) }).success).toBe(
      false,
    );
  });
});

describe('kiloChatEventSchema', () => {
  it('parses { event, payload } pairs and dispatches on the name', () => {
    expect(kiloChatEventSchema.parse({ event: 'typing', payload: { memberId: 'u' } })).toEqual({
      event: 'typing',
      payload: { memberId: 'u' },
    });
    expect(kiloChatEventSchema.safeParse({ event: 'typing', payload: { messageId: ULID } }).success).toBe(false);
    expect(kiloChatEventSchema.safeParse({ event: 'presence', payload: {} }).success).toBe(false);
  });
});

describe('safeParseKiloChatEvent', () => {
  it('returns the parsed, narrowed payload', () => {
    const result = safeParseKiloChatEvent('conversation.renamed', { conversationId: ULID, title: '  Trimmed ' });
    expect(result).toEqual({ success: true, event: 'conversation.renamed', payload: { conversationId: ULID, title: 'Trimmed' } });
    if (result.success) expectTypeOf(result.payload).toEqualTypeOf<KiloChatEventOf<'conversation.renamed'>>();
  });

  it('narrows on the event name when the name is only known at run time', () => {
    const name: string = 'typing';
    const result = safeParseKiloChatEvent(name, { memberId: 'u1' });
    if (result.success && result.event === 'typing') {
      expectTypeOf(result.payload).toEqualTypeOf<TypingEvent>();
      expect(result.payload.memberId).toBe('u1');
    } else {
      expect.unreachable();
    }
  });

  it('reports an unknown name with code unknown_event', () => {
    const result = safeParseKiloChatEvent('presence.joined', {});
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toBeInstanceOf(KiloChatEventParseError);
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error.code).toBe('unknown_event');
    expect(result.error.event).toBe('presence.joined');
    expect(result.error.issues).toEqual([]);
  });

  it('reports a bad payload with code invalid_payload and plain issues', () => {
    const result = safeParseKiloChatEvent('message.created', { ...messageCreated, clientId: UUID, senderId: 7 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('invalid_payload');
    expect(result.error.name).toBe('KiloChatEventParseError');
    expect(result.error.issues).toEqual(
      expect.arrayContaining([
        { path: ['clientId'], code: 'invalid_format', message: expect.any(String) },
        { path: ['senderId'], code: 'invalid_type', message: expect.any(String) },
      ]),
    );
    expect(result.error.message).toContain('message.created');
  });

  it('returns the payload object itself when it is already in schema shape', () => {
    const payload = JSON.parse(JSON.stringify(messageCreated)) as unknown;
    const result = safeParseKiloChatEvent('message.created', payload);
    expect(result.success).toBe(true);
    if (result.success) expect(result.payload).toBe(payload);
  });

  it('returns the parsed copy when the schema changes the payload', () => {
    const payload = { ...messageCreated, content: [{ type: 'text', text: ' hello ' }], extra: 1 };
    const result = safeParseKiloChatEvent('message.created', payload);
    expect(result.success).toBe(true);
    if (result.success) expect(result.payload).toStrictEqual(messageCreated);
  });

  it('does not throw for payloads that cannot be read', () => {
    const hostile = unreadableObject();
    const result = safeParseKiloChatEvent('typing', hostile);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.code).toBe('invalid_payload');
  });

  it('does not throw for a non-string name from untyped callers', () => {
    const result = safeParseKiloChatEvent(undefined as unknown as string, {});
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.event).toBe('<undefined>');
  });
});
