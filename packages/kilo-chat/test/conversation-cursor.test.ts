import { describe, expect, it } from 'vitest';
import { decodeConversationCursor, encodeConversationCursor } from '@kilocode/kilo-chat/schemas';

const ULID = '01HZY8J3K4M5N6P7Q8R9S0T1V2';

/** Encodes with Node's Buffer, independently of the code under test. */
function nodeEncode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

describe('encodeConversationCursor', () => {
  it('is unpadded base64url of the JSON {"t","c"}', () => {
    const encoded = encodeConversationCursor({ t: 1_700_000_000_123, c: ULID });
    expect(encoded).toBe(nodeEncode(`{"t":1700000000123,"c":"${ULID}"}`));
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('round-trips through decode', () => {
    const cursor = { t: 0, c: '00000000000000000000000000' };
    expect(decodeConversationCursor(encodeConversationCursor(cursor))).toEqual(cursor);
  });
});

describe('decodeConversationCursor', () => {
  it('reads cursors produced by another base64url encoder', () => {
    expect(decodeConversationCursor(nodeEncode(`{"t":42,"c":"${ULID}"}`))).toEqual({ t: 42, c: ULID });
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'not a cursor!'],
    ['padding', `${nodeEncode(`{"t":1,"c":"${ULID}"}`)}=`],
    ['standard base64 characters', nodeEncode('{"t":1,"c":"x"}').replace(/-/g, '+').replace(/_/g, '/') + '+/'],
    ['an impossible length', 'abcde'],
    ['base64 of non-JSON', nodeEncode('hello')],
    ['a negative t', nodeEncode(`{"t":-1,"c":"${ULID}"}`)],
    ['a fractional t', nodeEncode(`{"t":1.5,"c":"${ULID}"}`)],
    ['a string t', nodeEncode(`{"t":"1","c":"${ULID}"}`)],
    ['a non-ULID c', nodeEncode('{"t":1,"c":"conv-1"}')],
    ['a missing c', nodeEncode('{"t":1}')],
    ['a JSON array', nodeEncode('[1,2]')],
    ['JSON null', nodeEncode('null')],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')],
    ['a very long string', 'A'.repeat(5000)],
  ])('returns null for %s', (_label, encoded) => {
    expect(decodeConversationCursor(encoded)).toBeNull();
  });

  it('returns null instead of throwing for non-string input from untyped callers', () => {
    expect(decodeConversationCursor(undefined as unknown as string)).toBeNull();
    expect(decodeConversationCursor(12 as unknown as string)).toBeNull();
  });
});
