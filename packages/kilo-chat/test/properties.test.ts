import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  KILO_CHAT_EVENT_NAMES,
  KiloChatEventParseError,
  KiloChatWebhookParseError,
  actionsBlockSchema,
  attachmentBlockSchema,
  chatWebhookRpcSchema,
  chatWebhookSchema,
  contentBlockSchema,
  conversationCursorSchema,
  conversationDetailSchema,
  conversationListItemSchema,
  createMessageRequestSchema,
  decodeConversationCursor,
  encodeConversationCursor,
  inputContentBlockSchema,
  kiloChatEventSchema,
  messageListResponseSchema,
  messageSchema,
  parseWebhook,
  safeParseKiloChatEvent,
  textBlockSchema,
} from '@kilocode/kilo-chat/schemas';
import type { KiloChatSchemaIssue } from '@kilocode/kilo-chat/schemas';
import {
  actionsBlockArb,
  attachmentBlockArb,
  chatWebhookArb,
  chatWebhookRpcArb,
  contentBlockArb,
  conversationCursorArb,
  conversationDetailArb,
  conversationListItemArb,
  inputContentBlockArb,
  kiloChatEventArb,
  kiloChatEventArbs,
  messageArb,
  textBlockArb,
  ulidArb,
} from './_arbitraries';

function jsonRoundTrip<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** A valid value parses to itself, and so does its JSON copy. */
function expectStableUnderJson<S extends z.ZodType>(schema: S, value: unknown): void {
  const parsed = schema.parse(value);
  expect(parsed).toEqual(value);
  expect(schema.parse(jsonRoundTrip(value))).toEqual(parsed);
}

const cases: Array<[string, z.ZodType, fc.Arbitrary<unknown>]> = [
  ['textBlockSchema', textBlockSchema, textBlockArb],
  ['actionsBlockSchema', actionsBlockSchema, actionsBlockArb],
  ['attachmentBlockSchema', attachmentBlockSchema, attachmentBlockArb],
  ['contentBlockSchema', contentBlockSchema, contentBlockArb],
  ['inputContentBlockSchema', inputContentBlockSchema, inputContentBlockArb],
  ['messageSchema', messageSchema, messageArb],
  ['conversationListItemSchema', conversationListItemSchema, conversationListItemArb],
  ['conversationDetailSchema', conversationDetailSchema, conversationDetailArb],
  ['conversationCursorSchema', conversationCursorSchema, conversationCursorArb],
  ['kiloChatEventSchema', kiloChatEventSchema, kiloChatEventArb],
  ['chatWebhookSchema', chatWebhookSchema, chatWebhookArb],
  ['chatWebhookRpcSchema', chatWebhookRpcSchema, chatWebhookRpcArb],
];

describe('valid values parse unchanged and survive a JSON round trip', () => {
  it.each(cases)('%s', (_name, schema, arbitrary) => {
    fc.assert(fc.property(arbitrary, (value) => expectStableUnderJson(schema, value)));
  });

  it('message pages built from valid messages', () => {
    const pageArb = fc.record({
      messages: fc.array(messageArb, { maxLength: 4 }),
      hasMore: fc.boolean(),
      nextCursor: fc.option(ulidArb),
    });
    fc.assert(fc.property(pageArb, (page) => expectStableUnderJson(messageListResponseSchema, page)));
  });

  it('create-message requests built from valid input blocks', () => {
    const requestArb = fc.record(
      {
        conversationId: ulidArb,
        content: fc.array(inputContentBlockArb, { minLength: 1, maxLength: 20 }),
        inReplyToMessageId: ulidArb,
        clientId: ulidArb,
      },
      { requiredKeys: ['conversationId', 'content'] },
    );
    fc.assert(fc.property(requestArb, (request) => expectStableUnderJson(createMessageRequestSchema, request)));
  });

  it.each(KILO_CHAT_EVENT_NAMES)('safeParseKiloChatEvent accepts every valid %s payload', (name) => {
    fc.assert(
      fc.property(kiloChatEventArbs[name], ({ event, payload }) => {
        const result = safeParseKiloChatEvent(event, jsonRoundTrip(payload));
        expect(result).toEqual({ success: true, event, payload });
      }),
    );
  });

  it('parseWebhook accepts every valid webhook, as a value or as JSON text', () => {
    fc.assert(
      fc.property(chatWebhookArb, (webhook) => {
        expect(parseWebhook(webhook)).toEqual({ success: true, webhook });
        expect(parseWebhook(JSON.stringify(webhook))).toEqual({ success: true, webhook });
      }),
    );
  });
});

function expectWellFormedIssues(issues: KiloChatSchemaIssue[]): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const issue of issues) {
    expect(typeof issue.code).toBe('string');
    expect(typeof issue.message).toBe('string');
    for (const key of issue.path) expect(['string', 'number']).toContain(typeof key);
  }
}

const hostileValueArb = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withObjectString: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
);
const eventNameArb = fc.oneof(fc.constantFrom(...KILO_CHAT_EVENT_NAMES, '__proto__', 'toString'), fc.string());

describe('arbitrary input never makes the safe parsers throw', () => {
  it('safeParseKiloChatEvent', () => {
    fc.assert(
      fc.property(eventNameArb, hostileValueArb, (name, payload) => {
        const result = safeParseKiloChatEvent(name, payload);
        if (result.success) {
          expect(result.event).toBe(name);
          return;
        }
        expect(result.error).toBeInstanceOf(KiloChatEventParseError);
        expect(['unknown_event', 'invalid_payload']).toContain(result.error.code);
        expectWellFormedIssues(result.error.issues);
      }),
      { numRuns: 300 },
    );
  });

  it('safeParseKiloChatEvent with near-valid payloads (valid events with one field replaced)', () => {
    fc.assert(
      fc.property(kiloChatEventArb, fc.string(), hostileValueArb, ({ event, payload }, key, value) => {
        const mutated = { ...payload, [Object.keys(payload)[key.length % Object.keys(payload).length] ?? key]: value };
        const result = safeParseKiloChatEvent(event, mutated);
        if (!result.success) expectWellFormedIssues(result.error.issues);
      }),
    );
  });

  it('parseWebhook', () => {
    fc.assert(
      fc.property(fc.oneof(hostileValueArb, fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), (input) => {
        const result = parseWebhook(input);
        if (result.success) {
          expect(['message.created', 'action.executed', 'bot.status_request']).toContain(result.webhook.type);
          return;
        }
        expect(result.error).toBeInstanceOf(KiloChatWebhookParseError);
        expect(['invalid_json', 'invalid_webhook']).toContain(result.error.code);
        expectWellFormedIssues(result.error.issues);
      }),
      { numRuns: 300 },
    );
  });
});

describe('conversation cursors', () => {
  it('decode(encode(cursor)) gives the cursor back, as URL-safe text', () => {
    fc.assert(
      fc.property(conversationCursorArb, (cursor) => {
        const encoded = encodeConversationCursor(cursor);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeConversationCursor(encoded)).toEqual(cursor);
      }),
    );
  });

  it('decoding any string returns null or a valid cursor, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/)), (encoded) => {
        const cursor = decodeConversationCursor(encoded);
        if (cursor !== null) expect(conversationCursorSchema.safeParse(cursor).success).toBe(true);
      }),
    );
  });
});
