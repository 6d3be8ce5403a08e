import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_TITLE_MAX_CHARS,
  MESSAGE_TEXT_MAX_CHARS,
  actionItemSchema,
  attachmentInitRequestSchema,
  conversationTitleSchema,
  emojiSchema,
  messageTextSchema,
  nonNegativeIntegerSchema,
  sandboxIdSchema,
  ulidSchema,
} from '@kilocode/kilo-chat/schemas';

function issueMessages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('limits', () => {
  it('match the server limits', () => {
    expect(MESSAGE_TEXT_MAX_CHARS).toBe(8000);
    expect(CONVERSATION_TITLE_MAX_CHARS).toBe(200);
  });
});

describe('ulidSchema', () => {
  it('accepts the all-zero ULID and either case', () => {
    expect(ulidSchema.safeParse('00000000000000000000000000').success).toBe(true);
    expect(ulidSchema.safeParse('01ARZ3NDEKTSV4RRFFQ69G5FAV').success).toBe(true);
    expect(ulidSchema.safeParse('01arz3ndektsv4rrffq69g5fav').success).toBe(true);
  });

  it('rejects wrong lengths, letters outside Crockford base 32 and UUIDs', () => {
    expect(ulidSchema.safeParse('0000000000000000000000000').success).toBe(false);
    expect(ulidSchema.safeParse('0000000000000000000000000I').success).toBe(false);
    expect(ulidSchema.safeParse('3f2504e0-4f89-11d3-9a0c-0305e82c3301').success).toBe(false);
  });
});

describe('nonNegativeIntegerSchema', () => {
  it('accepts zero and rejects negative and fractional numbers', () => {
    expect(nonNegativeIntegerSchema.safeParse(0).success).toBe(true);
    expect(nonNegativeIntegerSchema.safeParse(-1).success).toBe(false);
    expect(nonNegativeIntegerSchema.safeParse(1.5).success).toBe(false);
  });
});

describe('sandboxIdSchema', () => {
  it('accepts letters, digits, underscore and dash up to 64 characters', () => {
    for (const id of ['sandbox-1', 'A_b-9', 'x'.repeat(64)]) expect(sandboxIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', 'sbx!invalid', 'has space', '../etc', 'a:b', 'x'.repeat(65)])(
    'rejects %j with "Invalid sandboxId"',
    (id) => {
      expect(issueMessages(sandboxIdSchema.safeParse(id))).toEqual(['Invalid sandboxId']);
    },
  );
});

describe('conversationTitleSchema', () => {
  it('stores the trimmed title', () => {
    expect(conversationTitleSchema.parse('  Trip plans \n')).toBe('Trip plans');
  });

  it.each(['', '   ', '\t', '\n', ' \t\n '])('rejects the blank title %j', (title) => {
    expect(issueMessages(conversationTitleSchema.safeParse(title))).toEqual(['must not be empty or whitespace-only']);
  });

  it('accepts 200 characters and rejects 201 with a too_big issue', () => {
    expect(conversationTitleSchema.safeParse('t'.repeat(200)).success).toBe(true);
    const result = conversationTitleSchema.safeParse('t'.repeat(201));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('too_big');
  });

  it('checks the length before trimming', () => {
    expect(conversationTitleSchema.safeParse(` ${'t'.repeat(199)} `).success).toBe(false);
    expect(conversationTitleSchema.safeParse(` ${'t'.repeat(198)} `).success).toBe(true);
  });

  it('keeps control characters', () => {
    expect(conversationTitleSchema.parse('a\u0001b\u007f')).toBe('a\u0001b\u007f');
  });
});

describe('messageTextSchema', () => {
  it('accepts 8000 characters and rejects 8001', () => {
    expect(messageTextSchema.safeParse('m'.repeat(8000)).success).toBe(true);
    expect(messageTextSchema.safeParse('m'.repeat(8001)).success).toBe(false);
  });

  it('counts UTF-16 code units, whatever zod version measures .max(): 4000 emoji fit, 4001 do not', () => {
    // 4001 four-byte emoji are 8002 units but only 4001 code points, which zod 4.6+ would let through.
    expect(messageTextSchema.safeParse('😀'.repeat(4000)).success).toBe(true);
    const tooLong = messageTextSchema.safeParse('😀'.repeat(4001));
    const asciiTooLong = messageTextSchema.safeParse('m'.repeat(8001));
    expect(tooLong.error?.issues.map((issue) => [issue.code, issue.message])).toEqual(
      asciiTooLong.error?.issues.map((issue) => [issue.code, issue.message]),
    );
    expect(tooLong.error?.issues).toHaveLength(1);
  });

  it('rejects 8000 characters plus surrounding spaces, although they would fit once trimmed', () => {
    expect(messageTextSchema.safeParse(` ${'m'.repeat(8000)}`).success).toBe(false);
  });

  it('trims the ends but keeps inner whitespace and newlines', () => {
    expect(messageTextSchema.parse('  line one\n\n  line two  \t')).toBe('line one\n\n  line two');
  });

  it.each(['', ' ', '\t\n', '\n\n\n'])('rejects the blank text %j', (text) => {
    const result = messageTextSchema.safeParse(text);
    expect(result.error?.issues.map((issue) => [issue.code, issue.message])).toEqual([
      ['too_small', 'must not be empty or whitespace-only'],
    ]);
  });
});

describe('emojiSchema', () => {
  it('accepts single emoji, ZWJ sequences, flags and short text', () => {
    for (const emoji of ['👍', '❤️', '👨‍👩‍👧‍👦', '🇺🇦', ':tada:']) expect(emojiSchema.safeParse(emoji).success).toBe(true);
  });

  it('rejects an empty string with "emoji required"', () => {
    expect(issueMessages(emojiSchema.safeParse(''))).toEqual(['emoji required']);
  });

  it('limits the UTF-8 size to 64 bytes', () => {
    expect(emojiSchema.safeParse('a'.repeat(64)).success).toBe(true);
    expect(issueMessages(emojiSchema.safeParse('a'.repeat(65)))).toEqual(['emoji too long']);
    // 16 four-byte emoji are 64 bytes (32 UTF-16 code units); 17 are 68 bytes.
    expect(emojiSchema.safeParse('😀'.repeat(16)).success).toBe(true);
    expect(issueMessages(emojiSchema.safeParse('😀'.repeat(17)))).toEqual(['emoji too long']);
    // 22 three-byte characters are 66 bytes in only 22 code units.
    expect(issueMessages(emojiSchema.safeParse('€'.repeat(22)))).toEqual(['emoji too long']);
    // 33 four-byte emoji are 132 bytes in 66 code units but only 33 code points,
    // which is how zod 4.6+ measures `.max()`: the byte count must still catch them.
    expect(issueMessages(emojiSchema.safeParse('😀'.repeat(33)))).toEqual(['emoji too long']);
    expect(issueMessages(emojiSchema.safeParse('😀'.repeat(64)))).toEqual(['emoji too long']);
  });

  it.each(['\u0000', 'a\u0000', '👍\n', '\u001f', '\u007f', '\u0085', '\u009f'])(
    'rejects control characters (%j)',
    (emoji) => {
      expect(issueMessages(emojiSchema.safeParse(emoji))).toEqual(['emoji contains control chars']);
    },
  );

  it('allows characters just outside the control ranges', () => {
    expect(emojiSchema.safeParse(' ').success).toBe(true);
    expect(emojiSchema.safeParse('\u00a0').success).toBe(true);
  });
});

describe('length limits', () => {
  // zod 4.6+ measures .max() in code points; the reference server (zod 4.4) and this package count UTF-16 units.
  it.each([
    ['attachment filename (512)', (value: string) => attachmentInitRequestSchema.safeParse({ conversationId: '01HZY3J5V9K6W2Q8R4T7M1N0PA', mimeType: 'text/plain', size: 1, filename: value }), 256],
    ['action label (200)', (value: string) => actionItemSchema.safeParse({ label: value, style: 'primary', value: 'deny' }), 100],
  ] as const)('count UTF-16 code units for the %s', (_name, parse, fittingEmoji) => {
    expect(parse('😀'.repeat(fittingEmoji)).success).toBe(true);
    const result = parse('😀'.repeat(fittingEmoji + 1));
    expect(result.error?.issues.map((issue) => issue.code)).toEqual(['too_big']);
  });
});
