/**
 * The hand-written fast checks against their zod schemas: a `true` must mean
 * zod accepts the payload and returns a deep-equal value; typical valid
 * payloads (text content) must get `true`, or the fast path would never be
 * taken. Actions and attachment blocks are left to zod.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastEventCheck } from '../src/events/fast-event-check';
import { KILO_CHAT_EVENT_NAMES, getKiloChatEventPayloadSchema } from '../src/index';
import type { KiloChatEventName } from '../src/index';
import {
  actionsBlockArb,
  attachmentBlockArb,
  contentBlockArb,
  emojiArb,
  kiloChatEventArbs,
  memberIdArb,
  messageTextArb,
  replySnapshotArb,
  textBlockArb,
  timestampArb,
  ulidArb,
} from './_arbitraries';
import { messageCreatedPayload, unreadableObject } from './support/fixtures';

const ULID = '01HZY3J5V9K6W2Q8R4T7M1N0PB';
const ULID_2 = '01HZY3J5V9K6W2Q8R4T7M1N0PF';

const HOT_EVENTS = [
  'message.created',
  'message.updated',
  'message.deleted',
  'typing',
  'typing.stop',
  'reaction.added',
  'reaction.removed',
] as const satisfies readonly KiloChatEventName[];

const COVERED = KILO_CHAT_EVENT_NAMES.filter((name) => fastEventCheck(name) !== undefined);

function jsonRoundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function check(name: KiloChatEventName, payload: unknown): boolean {
  return fastEventCheck(name)!(payload);
}

/** The contract: `true` only when zod accepts and returns a deep-equal value. */
function agreesWithSchema(name: KiloChatEventName, payload: unknown): boolean {
  if (!check(name, payload)) return true;
  const parsed = getKiloChatEventPayloadSchema(name).safeParse(payload);
  return parsed.success && isDeepStrictEqual(parsed.data, payload);
}

// ---------------------------------------------------------------------------
// Field arbitraries: valid values, edge values and near misses, mixed.

const ulidLikeArb = fc.oneof(
  ulidArb,
  ulidArb.map((id) => id.toLowerCase()),
  fc.constantFrom(
    '00000000000000000000000000',
    '7ZZZZZZZZZZZZZZZZZZZZZZZZZ',
    '8ZZZZZZZZZZZZZZZZZZZZZZZZZ', // first character above 7
    '01HZY3J5V9K6W2Q8R4T7M1N0PI', // I is not Crockford
    '01HZY3J5V9K6W2Q8R4T7M1N0P', // 25 characters
    '01HZY3J5V9K6W2Q8R4T7M1N0PBB', // 27 characters
    ' 01HZY3J5V9K6W2Q8R4T7M1N0P',
    '',
  ),
  fc.string({ unit: fc.constantFrom(...'0123456789ABHIJKLOUVZabhijkloouvz-é\u0130'), minLength: 25, maxLength: 27 }),
);

const textLikeArb = fc.oneof(
  { arbitrary: messageTextArb, weight: 4 },
  fc.constantFrom(
    'x'.repeat(8000),
    'x'.repeat(8001),
    '😀'.repeat(4000), // 8000 code units
    '😀'.repeat(8000), // 16 000 code units, 8000 code points: zod accepts it
    'héllo wörld — 日本語 🎉',
    'a\n\nb',
    ' hi',
    'hi ',
    '\nhi',
    '\u00a0hi',
    'hi\u3000',
    '\ufeffhi',
    'hi\u2028',
    '',
    ' ',
    '\t\n',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Strings for a field that must hold 1–`max` characters. */
function boundedLikeArb(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 40) }), weight: 4 },
    fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), '😀'.repeat(max), '', ' '),
    fc.string({ unit: 'binary', maxLength: 12 }),
  );
}

const nonEmptyLikeArb = fc.oneof(
  { arbitrary: memberIdArb, weight: 4 },
  fc.constantFrom('', ' ', '\u0000', 'x'.repeat(10_000)),
);

const emojiLikeArb = fc.oneof(
  { arbitrary: emojiArb, weight: 3 },
  fc.constantFrom(
    '😀'.repeat(16), // 64 bytes
    '😀'.repeat(17), // 68 bytes
    '😀'.repeat(33), // 132 bytes but only 33 code points: zod accepts it
    'é'.repeat(32), // 64 bytes
    'é'.repeat(33), // 66 bytes
    'a'.repeat(64),
    'a'.repeat(65),
    '\ud800', // lone surrogate: 3 bytes
    '👍\u0000',
    '\u007f',
    '\u009f',
    '\u00a0',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 70 }),
);

const integerLikeArb = fc.oneof(
  { arbitrary: timestampArb, weight: 3 },
  fc.constantFrom(0, -0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity, -Infinity),
  fc.double(),
);

function nullableArb<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof(fc.constant(null), arb);
}

const decisionLikeArb = fc.constantFrom('allow-once', 'allow-always', 'deny', 'Deny', 'maybe');

const actionItemLikeArb = fc.record({
  label: boundedLikeArb(200),
  style: fc.constantFrom('primary', 'danger', 'secondary', 'link'),
  value: decisionLikeArb,
});

const blockLikeArb = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('text'), text: textLikeArb }), weight: 4 },
  fc.record({
    type: fc.constant('attachment'),
    attachmentId: ulidLikeArb,
    mimeType: boundedLikeArb(255),
    size: integerLikeArb,
    filename: boundedLikeArb(512),
  }),
  fc.record(
    {
      type: fc.constant('actions'),
      groupId: boundedLikeArb(200),
      actions: fc.array(actionItemLikeArb, { maxLength: 11 }),
      resolved: fc.oneof(
        fc.record({ value: decisionLikeArb, resolvedBy: nonEmptyLikeArb, resolvedAt: integerLikeArb }),
        fc.constant(undefined),
      ),
    },
    { requiredKeys: ['type', 'groupId', 'actions'] },
  ),
  fc.record({ type: fc.constantFrom('image', 'TEXT', ''), text: textLikeArb }),
);

const contentLikeArb = fc.array(blockLikeArb, { maxLength: 4 });

const replySnapshotLikeArb = fc.record({
  messageId: nonEmptyLikeArb,
  senderId: nullableArb(nonEmptyLikeArb),
  deleted: fc.oneof(fc.boolean(), fc.constant(0)),
  previewText: nullableArb(fc.oneof(fc.string({ maxLength: 160 }), fc.constant(''))),
});

/** Payloads near the valid space of each covered event, valid and not. */
const payloadLikeArbs: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'message.created': fc.record({
    messageId: ulidLikeArb,
    senderId: nonEmptyLikeArb,
    content: contentLikeArb,
    inReplyToMessageId: nullableArb(ulidLikeArb),
    replyTo: nullableArb(replySnapshotLikeArb),
    clientId: nullableArb(ulidLikeArb),
  }),
  'message.updated': fc.record({
    messageId: ulidLikeArb,
    content: contentLikeArb,
    clientUpdatedAt: nullableArb(integerLikeArb),
  }),
  'message.deleted': fc.record({ messageId: ulidLikeArb }),
  'message.delivery_failed': fc.record({ messageId: ulidLikeArb }),
  'message.redelivered': fc.record({ messageId: ulidLikeArb }),
  typing: fc.record({ memberId: nonEmptyLikeArb }),
  'typing.stop': fc.record({ memberId: nonEmptyLikeArb }),
  'reaction.added': fc.record({
    messageId: ulidLikeArb,
    operationId: ulidLikeArb,
    memberId: nonEmptyLikeArb,
    emoji: emojiLikeArb,
  }),
  'reaction.removed': fc.record({
    messageId: ulidLikeArb,
    operationId: ulidLikeArb,
    memberId: nonEmptyLikeArb,
    emoji: emojiLikeArb,
  }),
  'conversation.read': fc.record({ conversationId: ulidLikeArb, memberId: nonEmptyLikeArb, lastReadAt: integerLikeArb }),
  'conversation.activity': fc.record({ conversationId: ulidLikeArb, lastActivityAt: integerLikeArb }),
};

// ---------------------------------------------------------------------------
// Structural mutations, applied anywhere in a payload.

class PayloadLike {}
class ArrayLike<T> extends Array<T> {}

const MUTATIONS = [
  'replace',
  'replace',
  'lengthen',
  'pad with whitespace',
  'grow array',
  'extra key',
  'own __proto__ key',
  'drop key',
  'null prototype',
  'class instance',
  'object to array',
  'array subclass',
  'throwing getter',
  'non-enumerable key',
  'inherited key',
  'throwing proxy',
  'transparent proxy',
] as const;
type Mutation = (typeof MUTATIONS)[number];

const REPLACEMENTS: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  2 ** 53,
  '',
  ' ',
  'text',
  'link',
  'Deny',
  'actions',
  'attachment',
  true,
  [],
  {},
  [{}],
  new Date(0),
];

/** Lengths just past each limit the schemas set (and past a ULID's 26). */
const LENGTHS = [27, 65, 201, 256, 513, 8001];

/** Copies `value` deeply, keeping each object's prototype. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) copy[key] = clone(field);
  return copy;
}

type Slot = { holder: Record<string | number, unknown>; key: string | number };

/** Every place in `root.value` a value sits, the root included. */
function slots(root: { value: unknown }): Slot[] {
  const found: Slot[] = [];
  const walk = (holder: Record<string | number, unknown>, key: string | number) => {
    found.push({ holder, key });
    const value = holder[key];
    if (typeof value === 'object' && value !== null) {
      for (const inner of Object.keys(value)) walk(value as Record<string, unknown>, Array.isArray(value) ? Number(inner) : inner);
    }
  };
  walk(root as unknown as Record<string, unknown>, 'value');
  return found;
}

function mutate(value: unknown, mutation: Mutation, pick: number): unknown {
  if (mutation === 'replace') return REPLACEMENTS[pick % REPLACEMENTS.length];
  if (typeof value === 'string') {
    if (mutation === 'lengthen') return value.padEnd(LENGTHS[pick % LENGTHS.length]!, value === '' ? 'x' : value);
    if (mutation === 'pad with whitespace') return pick % 2 === 0 ? ` ${value}` : `${value}\u00a0`;
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const someKey = keys.length > 0 ? keys[pick % keys.length]! : 'missing';
  switch (mutation) {
    case 'extra key':
      return Array.isArray(value) ? value : { ...record, extra: pick };
    case 'own __proto__ key': {
      if (Array.isArray(value)) return value;
      // What JSON.parse makes of a "__proto__" member: an own data property.
      const copy = { ...record };
      Object.defineProperty(copy, '__proto__', { value: pick, enumerable: true, writable: true, configurable: true });
      return copy;
    }
    case 'drop key': {
      if (Array.isArray(value)) return value.slice(1);
      const { [someKey]: _dropped, ...rest } = record;
      return rest;
    }
    case 'null prototype':
      return Array.isArray(value) ? value : Object.assign(Object.create(null) as object, record);
    case 'class instance':
      return Array.isArray(value) ? value : Object.assign(new PayloadLike(), record);
    case 'object to array':
      return Array.isArray(value) ? value : Object.values(record);
    case 'array subclass':
      return Array.isArray(value) ? ArrayLike.from(value) : value;
    case 'lengthen':
    case 'pad with whitespace':
      return value;
    case 'grow array':
      // One past the 10 actions a group may hold, from any valid start.
      return Array.isArray(value) && value.length > 0 ? [...value, ...Array<unknown>(11).fill(value[0])].slice(0, 11) : value;
    case 'throwing getter': {
      const copy = { ...record };
      Object.defineProperty(copy, someKey, {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      return copy;
    }
    case 'non-enumerable key': {
      const copy = { ...record };
      Object.defineProperty(copy, someKey, { enumerable: false, value: record[someKey] });
      return copy;
    }
    case 'inherited key': {
      const { [someKey]: inherited, ...rest } = record;
      return Object.assign(Object.create({ [someKey]: inherited }) as object, rest);
    }
    case 'throwing proxy':
      return new Proxy(record, {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      });
    case 'transparent proxy':
      return new Proxy(record, {});
  }
}

/** `base` with one to three mutations, each at a random place (most often one: a near miss). */
function mutatedArb(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const step = fc.tuple(fc.nat(), fc.constantFrom(...MUTATIONS), fc.nat());
  const steps = fc.oneof(
    { arbitrary: fc.array(step, { minLength: 1, maxLength: 1 }), weight: 3 },
    fc.array(step, { minLength: 2, maxLength: 3 }),
  );
  return fc.tuple(base, fc.boolean(), steps).map(([payload, viaJson, steps]) => {
    const root = { value: viaJson ? jsonRoundTrip(payload) : clone(payload) };
    for (const [where, mutation, pick] of steps) {
      try {
        const all = slots(root);
        const slot = all[where % all.length]!;
        slot.holder[slot.key] = mutate(slot.holder[slot.key], mutation, pick);
      } catch {
        // An earlier step made the value unreadable (a throwing proxy or getter): keep it as it is.
      }
    }
    return root.value;
  });
}

/** `payload` with only its text blocks, if it has content: the only blocks the fast path takes. */
function textContentOnly(payload: object): object {
  if (!('content' in payload) || !Array.isArray(payload.content)) return payload;
  return { ...payload, content: payload.content.filter((block: { type: string }) => block.type === 'text') };
}

// ---------------------------------------------------------------------------

describe('fastEventCheck', () => {
  it('covers the hot events', () => {
    expect(COVERED).toEqual(expect.arrayContaining([...HOT_EVENTS]));
    for (const name of COVERED) expect(payloadLikeArbs[name], name).toBeDefined();
  });

  it('has no check for events it leaves to zod', () => {
    expect(fastEventCheck('bot.status')).toBeUndefined();
    expect(fastEventCheck('conversation.renamed')).toBeUndefined();
    expect(fastEventCheck('conversation.created')).toBeUndefined();
  });

  describe.each(COVERED)('%s', (name) => {
    it('accepts typical valid payloads as they come off the wire', () => {
      fc.assert(
        fc.property(kiloChatEventArbs[name], ({ payload }) => {
          const wire = jsonRoundTrip(textContentOnly(payload));
          expect(check(name, wire)).toBe(true);
          expect(agreesWithSchema(name, wire)).toBe(true);
        }),
      );
    });

    it('says true only when zod accepts the payload and returns an equal value (edge values)', () => {
      const arb = payloadLikeArbs[name]!;
      fc.assert(
        fc.property(arb, fc.boolean(), (payload, viaJson) =>
          agreesWithSchema(name, viaJson ? jsonRoundTrip(payload) : payload),
        ),
        { numRuns: 500 },
      );
    });

    it('says true only when zod accepts the payload and returns an equal value (mutated payloads)', () => {
      const valid = kiloChatEventArbs[name].map(({ payload }) => payload as unknown);
      // Mostly text-only content, which the fast path takes, so most mutations are near misses of a `true`.
      const validText = valid.map((payload) => textContentOnly(payload as object) as unknown);
      fc.assert(
        fc.property(
          mutatedArb(fc.oneof({ arbitrary: validText, weight: 3 }, valid, payloadLikeArbs[name]!)),
          (payload) => agreesWithSchema(name, payload),
        ),
        { numRuns: 2000 },
      );
    });
  });
});

describe('fastEventCheck on one part at a time', () => {
  // Mutations spread over a whole payload rarely land on a given nested
  // field; here the rest of the payload is fixed and valid, so every
  // mutation hits the part under test.
  const parts: Array<[string, KiloChatEventName, fc.Arbitrary<unknown>, fc.Arbitrary<unknown>, (part: unknown) => unknown]> = [
    [
      'a content block',
      'message.updated',
      textBlockArb,
      fc.oneof(contentBlockArb, blockLikeArb),
      (block) => ({ messageId: ULID, content: [block], clientUpdatedAt: null }),
    ],
    [
      'a reply snapshot',
      'message.created',
      replySnapshotArb,
      replySnapshotLikeArb,
      (replyTo) => ({
        messageId: ULID,
        senderId: 'user-1',
        content: [],
        inReplyToMessageId: ULID_2,
        replyTo,
        clientId: null,
      }),
    ],
  ];

  it.each(parts)('%s: true only when zod agrees', (_label, name, validArb, likeArb, embed) => {
    const partArb = fc.oneof(validArb, likeArb);
    fc.assert(
      fc.property(fc.oneof(partArb, mutatedArb(partArb)), (part) => agreesWithSchema(name, embed(part))),
      { numRuns: 1000 },
    );
  });

  it.each(parts)('%s: valid ones take the fast path', (_label, name, validArb, _likeArb, embed) => {
    fc.assert(fc.property(validArb, (part) => check(name, jsonRoundTrip(embed(part)))));
  });

  it('leaves valid actions and attachment blocks to zod', () => {
    fc.assert(
      fc.property(fc.oneof(actionsBlockArb, attachmentBlockArb), (block) => {
        const payload = jsonRoundTrip({ messageId: ULID, content: [block], clientUpdatedAt: null });
        expect(check('message.updated', payload)).toBe(false);
        expect(getKiloChatEventPayloadSchema('message.updated').safeParse(payload).success).toBe(true);
      }),
    );
  });
});

describe('fastEventCheck edge cases', () => {
  const created = (fields: Record<string, unknown> = {}) => messageCreatedPayload({ messageId: ULID, ...fields });
  const text = (value: string) => created({ content: [{ type: 'text', text: value }] });
  const reaction = (emoji: string) => ({ messageId: ULID, operationId: ULID_2, memberId: 'u', emoji });
  const actions = (fields: Record<string, unknown>) =>
    created({ content: [{ type: 'actions', groupId: 'g', actions: [], ...fields }] });

  const cases: Array<[string, KiloChatEventName, unknown, boolean]> = [
    ['a reply with its snapshot', 'message.created', created({ inReplyToMessageId: ULID_2, replyTo: { messageId: ULID_2, senderId: null, deleted: true, previewText: null } }), true],
    ['empty content', 'message.created', created({ content: [] }), true],
    ['several text blocks', 'message.updated', { messageId: ULID, content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b c' }], clientUpdatedAt: null }, true],
    ['empty text', 'message.created', text(''), false],
    ['whitespace-only text', 'message.created', text(' \n '), false],
    ['text that is not a string', 'message.created', created({ content: [{ type: 'text', text: 5 }] }), false],
    ['a block of an unknown type', 'message.created', created({ content: [{ type: 'image', text: 'hi' }] }), false],
    ['lower-case ULIDs (valid, left as they are)', 'message.created', created({ messageId: ULID.toLowerCase() }), true],
    ['the smallest ULID', 'message.deleted', { messageId: '00000000000000000000000000' }, true],
    ['a ULID whose first character is above 7', 'message.deleted', { messageId: `8${ULID.slice(1)}` }, false],
    ['text of exactly 8000 code units', 'message.created', text('x'.repeat(8000)), true],
    ['text of 8001 code units', 'message.created', text('x'.repeat(8001)), false],
    ['non-ASCII text', 'message.created', text('héllo — 日本語 🎉'), true],
    ['text that zod would trim', 'message.created', text(' hello\n'), false],
    ['text that ends in a no-break space (trim removes it)', 'message.created', text('hello\u00a0'), false],
    ['astral text over 8000 code units (zod counts code points)', 'message.created', text('😀'.repeat(8000)), false],
    ['an unknown key (zod strips it)', 'message.created', created({ extra: 1 }), false],
    ['an unknown key in a block', 'message.created', created({ content: [{ type: 'text', text: 'hi', format: 'md' }] }), false],
    ['an own __proto__ key from JSON.parse', 'typing', JSON.parse('{"memberId":"u","__proto__":{}}'), false],
    ['an actions block (left to zod)', 'message.created', actions({ actions: [{ label: 'Go', style: 'primary', value: 'deny' }] }), false],
    ['an unresolved actions block without buttons', 'message.created', actions({}), false],
    ['an attachment block (left to zod)', 'message.created', created({ content: [{ type: 'attachment', attachmentId: ULID, mimeType: 'image/png', size: 0, filename: 'a.png' }] }), false],
    ['a text block after an attachment block', 'message.updated', { messageId: ULID, content: [{ type: 'attachment', attachmentId: ULID, mimeType: 'image/png', size: 0, filename: 'a.png' }, { type: 'text', text: 'hi' }], clientUpdatedAt: null }, false],
    ['a null sender', 'message.created', created({ senderId: null }), false],
    ['an edit with a timestamp', 'message.updated', { messageId: ULID, content: [], clientUpdatedAt: Number.MAX_SAFE_INTEGER }, true],
    ['an edit with an unsafe timestamp', 'message.updated', { messageId: ULID, content: [], clientUpdatedAt: 2 ** 53 }, false],
    ['a whitespace member id (no trim on member ids)', 'typing', { memberId: ' ' }, true],
    ['an emoji of 64 UTF-8 bytes', 'reaction.added', reaction('😀'.repeat(16)), true],
    ['an emoji of 68 UTF-8 bytes', 'reaction.added', reaction('😀'.repeat(17)), false],
    ['an emoji of 132 bytes in 66 code units (zod accepts it)', 'reaction.added', reaction('😀'.repeat(33)), false],
    ['an emoji with a C1 control character', 'reaction.removed', reaction('👍\u0085'), false],
    ['null', 'typing', null, false],
    ['an array', 'typing', ['u'], false],
    ['a class instance', 'typing', Object.assign(new PayloadLike(), { memberId: 'u' }), false],
    ['a null-prototype object', 'typing', Object.assign(Object.create(null) as object, { memberId: 'u' }), false],
  ];

  it.each(cases)('%s (%s)', (_label, name, payload, expected) => {
    expect(check(name, payload)).toBe(expected);
    expect(agreesWithSchema(name, payload)).toBe(true);
  });

  it('refuses a ULID with one character outside the alphabet, wherever it is', () => {
    const badCharArb = fc.constantFrom('I', 'L', 'O', 'U', 'i', 'l', 'o', 'u', '-', ' ', 'é', '\u0130', '\u{1F600}');
    fc.assert(
      fc.property(ulidArb, fc.nat(25), badCharArb, (id, at, bad) => {
        const payload = { messageId: id.slice(0, at) + bad + id.slice(at + 1) };
        expect(check('message.deleted', payload)).toBe(false);
        expect(getKiloChatEventPayloadSchema('message.deleted').safeParse(payload).success).toBe(false);
      }),
    );
  });

  it('does not take keys inherited from a polluted Object.prototype for own keys', () => {
    // zod reads inherited values too and returns them as own keys, so the
    // parsed value would differ from the payload.
    Object.defineProperty(Object.prototype, 'memberId', { value: 'u', enumerable: true, configurable: true, writable: true });
    try {
      expect(check('typing', {})).toBe(false);
      expect(agreesWithSchema('typing', {})).toBe(true);
    } finally {
      delete (Object.prototype as Record<string, unknown>).memberId;
    }
  });

  it('answers false instead of throwing for payloads that cannot be read', () => {
    const hostile = unreadableObject();
    const getter = Object.defineProperty({}, 'memberId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(check('typing', hostile)).toBe(false);
    expect(check('typing', getter)).toBe(false);
    expect(check('message.created', created({ content: [getter] }))).toBe(false);
  });
});
