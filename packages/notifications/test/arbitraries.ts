// Shared fast-check generators for the notifications tests.
import fc from 'fast-check';
import { CONVERSATION_ID_PATTERN } from '../src/index';

/** Every sandbox id the grammar allows: 1–64 of A-Z a-z 0-9 _ -. */
export const sandboxIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

/** A ULID in Crockford base32, as Kilo Chat mints them. */
export const ulidArb = fc.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);

/** Every conversation id the grammar allows, with ULIDs weighted in. */
export const conversationIdArb = fc.oneof(ulidArb, fc.stringMatching(CONVERSATION_ID_PATTERN));

/**
 * Text that stresses grapheme handling: full Unicode, emoji with skin tones
 * and ZWJ sequences, flags, and long runs of combining marks.
 */
export const hostileTextArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc
    .array(
      fc.constantFrom('a', 'é', 'e\u0301', '👍🏽', '👩‍👩‍👧‍👦', '🇫🇷', '\u0301', '\u0308\u0308\u0308', '中', ' ', '\n', '·', '…', 'x'.repeat(30)),
      { maxLength: 300 },
    )
    .map((parts) => parts.join('')),
  fc.nat({ max: 400 }).map((n) => `Z${'\u0301'.repeat(n)}`),
);

/** True when `text` has no lone surrogate (what `String.prototype.isWellFormed` checks, without needing ES2024 types). */
export function wellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
