import { CONVERSATION_TITLE_MAX_CHARS } from '../schemas/primitives.js';
import type { PreviewableContentBlock } from './previewable-content-block.js';

/** An auto-title longer than this many grapheme clusters is shortened: 80. */
export const AUTO_TITLE_MAX_GRAPHEMES = 80;

/** Grapheme clusters kept when an auto-title is shortened, before the `...`: 77. */
const KEPT_GRAPHEMES = 77;

const ELLIPSIS = '...';

/** Splits into user-perceived characters, or into code points where `Intl.Segmenter` is missing. */
function splitGraphemes(text: string): string[] {
  const Segmenter = globalThis.Intl?.Segmenter;
  if (typeof Segmenter === 'function') {
    return Array.from(new Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (part) => part.segment);
  }
  return Array.from(text);
}

/** The longest prefix of `parts` whose joined length plus the ellipsis fits in `maxChars`. */
function fitWithEllipsis(parts: readonly string[], maxChars: number): string {
  let kept = '';
  for (const part of parts) {
    if (kept.length + part.length + ELLIPSIS.length > maxChars) break;
    kept += part;
  }
  return kept + ELLIPSIS;
}

/**
 * The title the server gives an untitled conversation from its first text
 * message: the text blocks joined with a space, line breaks turned into
 * spaces, trimmed; above 80 grapheme clusters, the first 77 plus `...`.
 * Returns null when there is no text.
 *
 * Graphemes come from `Intl.Segmenter` when the runtime has it, otherwise
 * from code points. The result always fits {@link CONVERSATION_TITLE_MAX_CHARS}
 * (200 UTF-16 code units): when 77 graphemes are longer than that (long emoji
 * sequences), fewer are kept.
 */
export function buildAutoTitle(textBlocks: readonly PreviewableContentBlock[]): string | null {
  const texts: string[] = [];
  for (const block of textBlocks) {
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
  }
  const flat = texts.join(' ').replace(/\r\n|\r|\n/g, ' ').trim();
  if (flat === '') return null;

  const graphemes = splitGraphemes(flat);
  const title =
    graphemes.length > AUTO_TITLE_MAX_GRAPHEMES ? graphemes.slice(0, KEPT_GRAPHEMES).join('') + ELLIPSIS : flat;
  if (title.length <= CONVERSATION_TITLE_MAX_CHARS) return title;

  const fitted = fitWithEllipsis(graphemes.slice(0, KEPT_GRAPHEMES), CONVERSATION_TITLE_MAX_CHARS);
  // A single grapheme can exceed the whole budget (pathological combining
  // sequences); fall back to code points so some text survives.
  return fitted.length > ELLIPSIS.length ? fitted : fitWithEllipsis(Array.from(flat), CONVERSATION_TITLE_MAX_CHARS);
}
