import * as z from 'zod';

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

/** Longest message text, in UTF-16 code units, measured **before** trimming: 8000. */
export const MESSAGE_TEXT_MAX_CHARS = 8000;

/** Longest conversation title, in UTF-16 code units, measured **before** trimming: 200. */
export const CONVERSATION_TITLE_MAX_CHARS = 200;

/** Longest action button label and action `groupId`, in UTF-16 code units: 200. */
export const ACTION_LABEL_MAX_CHARS = 200;

/** Largest attachment the server accepts at init, in bytes: 104 857 600 (100 MiB). */
export const ATTACHMENT_MAX_BYTES = 104_857_600;

/** Most attachment blocks one message may link (and one bot webhook may carry): 10. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** Most content blocks in one create or edit request: 20. At least one is required. */
export const MAX_CONTENT_BLOCKS_PER_MESSAGE = 20;

/** Most buttons in one `actions` block: 10. */
export const MAX_ACTIONS_PER_GROUP = 10;

/** Longest reaction emoji, in UTF-8 bytes: 64. */
export const EMOJI_MAX_BYTES = 64;

/** Longest attachment MIME type, in UTF-16 code units: 255. */
export const ATTACHMENT_MIME_TYPE_MAX_CHARS = 255;

/** Longest attachment filename, in UTF-16 code units: 512. */
export const ATTACHMENT_FILENAME_MAX_CHARS = 512;

/** Longest delivery-failure `reason` a bot may report, in UTF-16 code units: 1000. */
export const DELIVERY_FAILURE_REASON_MAX_CHARS = 1000;

/** Largest page size of the list routes: 100. */
export const PAGE_SIZE_MAX = 100;

/** Page size the list routes use when `limit` is omitted: 50. */
export const PAGE_SIZE_DEFAULT = 50;

// ---------------------------------------------------------------------------
// Primitive schemas
// ---------------------------------------------------------------------------

/**
 * A ULID: 26 Crockford base-32 characters, either case. The server always
 * emits uppercase; `00000000000000000000000000` is valid.
 */
export const ulidSchema = z.ulid();

/** An integer ≥ 0 (within the safe-integer range). Fractions and negatives are rejected. */
export const nonNegativeIntegerSchema = z.number().int().min(0);

/** A string of at least one UTF-16 code unit. Whitespace counts. */
export const nonEmptyStringSchema = z.string().min(1);

/**
 * A kiloclaw sandbox id: 1–64 characters from `A–Z a–z 0–9 _ -`. The failure
 * message is `Invalid sandboxId`, as the server's.
 */
export const sandboxIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Invalid sandboxId');

/** The answer to an approval prompt; matches OpenClaw's approval runtime. */
export const execApprovalDecisionSchema = z.enum(['allow-once', 'allow-always', 'deny']);

/**
 * @internal `schema.max(max)` counted in UTF-16 code units (`String.length`),
 * the unit of every length limit in this package and of the reference
 * server's zod 4.4. zod 4.6 and later measure `.max()` in code points, which
 * lets strings of astral characters (emoji) through at up to twice the limit;
 * this raises zod's own `too_big` issue for them. The built-in maximum stays:
 * it gives the JSON Schema its `maxLength` and stops the checks when it fails.
 */
export function maxCodeUnits(schema: z.ZodString, max: number): z.ZodString {
  return schema.max(max, { abort: true }).superRefine((value, ctx) => {
    if (value.length > max) ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: value });
  });
}

/** Identifies one `actions` block inside a message: 1–200 characters. */
export const actionGroupIdSchema = maxCodeUnits(z.string().min(1), ACTION_LABEL_MAX_CHARS);

/** Message attached to the issue raised when a trimmed title or text is empty. */
const BLANK_TEXT_MESSAGE = 'must not be empty or whitespace-only';

/**
 * Builds a text rule that checks the raw length first, then trims, then
 * requires something left. The order matters: a value that is too long only
 * because of surrounding whitespace is still rejected.
 */
function trimmedTextSchema(maxChars: number) {
  return maxCodeUnits(z.string(), maxChars).trim().min(1, BLANK_TEXT_MESSAGE);
}

/**
 * A conversation title: at most 200 characters **before** trimming, then
 * trimmed, then non-empty (`must not be empty or whitespace-only`). Control
 * characters are allowed. The parsed value is the trimmed string.
 */
export const conversationTitleSchema = trimmedTextSchema(CONVERSATION_TITLE_MAX_CHARS);

/**
 * Message text: at most 8000 characters **before** trimming, then trimmed,
 * then non-empty (`must not be empty or whitespace-only`). Inner whitespace,
 * newlines and control characters are kept. The parsed value is the trimmed
 * string.
 */
export const messageTextSchema = trimmedTextSchema(MESSAGE_TEXT_MAX_CHARS);

/**
 * @internal Number of bytes `value` takes in UTF-8 (a lone surrogate counts
 * as U+FFFD, 3 bytes). Shared with the fast event checks so both measure
 * emoji the same way; not part of the package's exports.
 */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A reaction emoji: at least 1 character, at most 64 UTF-8 bytes, and no code
 * unit in the C0 (0x00–0x1F) or C1 (0x7F–0x9F) control ranges. Failure
 * messages: `emoji required`, `emoji too long`, `emoji contains control chars`.
 * Any string meeting these rules is accepted; the server does not check that
 * it is a real emoji.
 */
export const emojiSchema = z
  .string()
  .min(1, 'emoji required')
  // More than 64 code units is always more than 64 bytes; this bound also
  // gives the JSON Schema a maxLength. It stops the checks (one issue, not
  // two), but cannot replace the byte count: zod 4.6 and later measure
  // strings in code points, so 33 four-byte emoji pass it.
  .max(EMOJI_MAX_BYTES, { message: 'emoji too long', abort: true })
  .refine((value) => utf8ByteLength(value) <= EMOJI_MAX_BYTES, 'emoji too long')
  .regex(/^[^\u0000-\u001F\u007F-\u009F]*$/, 'emoji contains control chars');

/** A ULID string; see {@link ulidSchema}. */
export type Ulid = z.infer<typeof ulidSchema>;

/** A kiloclaw sandbox id; see {@link sandboxIdSchema}. */
export type SandboxId = z.infer<typeof sandboxIdSchema>;

/** `'allow-once' | 'allow-always' | 'deny'`; see {@link execApprovalDecisionSchema}. */
export type ExecApprovalDecision = z.infer<typeof execApprovalDecisionSchema>;

/** A reaction emoji; see {@link emojiSchema}. */
export type Emoji = z.infer<typeof emojiSchema>;
