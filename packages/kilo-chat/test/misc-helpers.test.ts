import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CONVERSATION_TITLE_MAX_CHARS,
  buildAutoTitle,
  conversationSandboxIdFromMembers,
  conversationTitleSchema,
  createClientId,
  createMessageRequestSchema,
  formatFileSize,
  ulidSchema,
  ulidToTimestamp,
} from '@kilocode/kilo-chat/schemas';

function text(value: string) {
  return { type: 'text', text: value } as const;
}

describe('buildAutoTitle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('joins text blocks with a space, turns line breaks into spaces and trims', () => {
    expect(buildAutoTitle([text('Plan the'), text('trip\nto Lisbon\r\nin May  ')])).toBe('Plan the trip to Lisbon in May');
  });

  it('ignores non-text blocks and returns null when there is no text', () => {
    expect(buildAutoTitle([{ type: 'attachment' }, text('Hello')])).toBe('Hello');
    expect(buildAutoTitle([{ type: 'attachment' }])).toBeNull();
    expect(buildAutoTitle([])).toBeNull();
    expect(buildAutoTitle([text(' \n ')])).toBeNull();
  });

  it('keeps 80 graphemes and shortens 81 to 77 plus "..."', () => {
    expect(buildAutoTitle([text('a'.repeat(80))])).toBe('a'.repeat(80));
    expect(buildAutoTitle([text('a'.repeat(81))])).toBe(`${'a'.repeat(77)}...`);
  });

  it('counts a multi-code-point emoji as one grapheme', () => {
    const family = '👨‍👩‍👧';
    expect(buildAutoTitle([text(family.repeat(20))])).toBe(family.repeat(20));
    expect(buildAutoTitle([text(`${'é'.repeat(77)}${family.repeat(4)}`)])).toBe(`${'é'.repeat(77)}...`);
  });

  it('falls back to code points without Intl.Segmenter', () => {
    vi.stubGlobal('Intl', { ...Intl, Segmenter: undefined });
    // 'e' + combining acute is one grapheme but two code points.
    const title = buildAutoTitle([text('e\u0301'.repeat(41))]);
    expect(title).toBe(`${'e\u0301'.repeat(38)}e...`);
  });

  it('always yields a valid conversation title, even for long emoji sequences', () => {
    const title = buildAutoTitle([text('👨‍👩‍👧‍👦'.repeat(90))]);
    expect(title?.length).toBeLessThanOrEqual(CONVERSATION_TITLE_MAX_CHARS);
    expect(title?.endsWith('...')).toBe(true);
    expect(conversationTitleSchema.safeParse(title).success).toBe(true);
    // 80 flags are 80 graphemes but 320 code units: still cut to fit.
    const flags = buildAutoTitle([text('🇺🇦'.repeat(80))]);
    expect(conversationTitleSchema.safeParse(flags).success).toBe(true);
  });
});

describe('formatFileSize', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [1_234_567, '1.18 MB'],
    [1_048_576, '1 MB'],
    [1.5 * 1024 ** 3, '1.5 GB'],
    [5 * 1024 ** 4, '5120 GB'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    expect(formatFileSize(bytes)).toBe(expected);
  });

  it('moves to the next unit instead of showing 1024 of the current one', () => {
    expect(formatFileSize(1023.6)).toBe('1 KB');
    expect(formatFileSize(1_048_575)).toBe('1 MB');
  });

  it('shows invalid sizes as 0 B', () => {
    for (const bytes of [-5, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatFileSize(bytes)).toBe('0 B');
  });
});

describe('conversationSandboxIdFromMembers', () => {
  it('takes the sandbox of the first kiloclaw bot member', () => {
    expect(
      conversationSandboxIdFromMembers([
        { id: 'user-1', kind: 'user' },
        { id: 'bot:other:x', kind: 'bot' },
        { id: 'bot:kiloclaw:sandbox-1', kind: 'bot' },
        { id: 'bot:kiloclaw:sandbox-2', kind: 'bot' },
      ]),
    ).toBe('sandbox-1');
  });

  it('returns null without a bot, for a user with a bot-like id, or for an empty suffix', () => {
    expect(conversationSandboxIdFromMembers([{ id: 'user-1', kind: 'user' }])).toBeNull();
    expect(conversationSandboxIdFromMembers([{ id: 'bot:kiloclaw:s1', kind: 'user' }])).toBeNull();
    expect(conversationSandboxIdFromMembers([{ id: 'bot:kiloclaw:', kind: 'bot' }])).toBeNull();
    expect(conversationSandboxIdFromMembers([])).toBeNull();
  });
});

describe('ULID helpers', () => {
  it('ulidToTimestamp reads the time part in milliseconds', () => {
    expect(ulidToTimestamp('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(1_469_922_850_259);
    expect(ulidToTimestamp('00000000000000000000000000')).toBe(0);
    expect(() => ulidToTimestamp('nope')).toThrow();
  });

  it('createClientId makes valid, strictly increasing ULIDs', () => {
    const ids = Array.from({ length: 500 }, () => createClientId());
    for (const id of ids) expect(ulidSchema.safeParse(id).success).toBe(true);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(Math.abs(ulidToTimestamp(ids[0]!) - Date.now())).toBeLessThan(60_000);
  });

  it('createClientId stays ordered when the clock steps back', () => {
    const now = Date.now();
    const spy = vi.spyOn(Date, 'now').mockReturnValue(now + 10_000);
    const first = createClientId();
    spy.mockReturnValue(now);
    const second = createClientId();
    spy.mockRestore();
    expect(second > first).toBe(true);
  });

  it('client ids are accepted by the create-message request', () => {
    const request = { conversationId: createClientId(), content: [text('hi')], clientId: createClientId() };
    expect(createMessageRequestSchema.safeParse(request).success).toBe(true);
  });
});
