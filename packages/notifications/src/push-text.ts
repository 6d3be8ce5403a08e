/** The mark appended to a title that had to be shortened (one UTF-16 code unit). */
export const PUSH_ELLIPSIS = '…';

interface GraphemeSegmenter {
  segment(input: string): Iterable<{ segment: string }>;
}
type SegmenterConstructor = new (locales: undefined, options: { granularity: 'grapheme' }) => GraphemeSegmenter;

let cachedSegmenter: { ctor: SegmenterConstructor; segmenter: GraphemeSegmenter } | undefined;

/** The host's grapheme segmenter, looked up at call time; `undefined` where `Intl.Segmenter` is missing. */
function graphemeSegmenter(): GraphemeSegmenter | undefined {
  const ctor = (Intl as { Segmenter?: SegmenterConstructor }).Segmenter;
  if (typeof ctor !== 'function') return undefined;
  if (cachedSegmenter?.ctor !== ctor) {
    cachedSegmenter = { ctor, segmenter: new ctor(undefined, { granularity: 'grapheme' }) };
  }
  return cachedSegmenter.segmenter;
}

// Fallback clusters: one code point with its combining marks, joined to the
// next one across zero-width joiners. Never splits a surrogate pair.
const CODE_POINT_CLUSTER = /[\s\S]\p{M}*(?:\u200D[\s\S]\p{M}*)*/gu;

function* clusters(text: string): Generator<string> {
  const segmenter = graphemeSegmenter();
  if (segmenter) {
    for (const { segment } of segmenter.segment(text)) yield segment;
    return;
  }
  for (const match of text.matchAll(CODE_POINT_CLUSTER)) yield match[0];
}

/** The longest run of whole code points of `text` that fits in `budget` code units. */
function leadingCodePoints(text: string, budget: number): string {
  let out = '';
  for (const codePoint of text) {
    if (out.length + codePoint.length > budget) break;
    out += codePoint;
  }
  return out;
}

/**
 * Shortens `text` to at most `maxLength` UTF-16 code units (what `String.length`
 * and zod's `max` count) without cutting a user-perceived character: it cuts on
 * grapheme boundaries (`Intl.Segmenter`, or code points with their combining
 * marks where the host lacks it). When it cuts, trailing whitespace is dropped
 * and `ellipsis` is appended inside the budget. A single cluster longer than
 * the whole budget is cut between code points rather than dropped.
 *
 * @param text - the text to shorten; returned unchanged when it already fits.
 * @param maxLength - the limit in UTF-16 code units.
 * @param ellipsis - appended after a cut; omitted when it alone would not fit. Defaults to none.
 */
export function truncateOnGraphemes(text: string, maxLength: number, ellipsis = ''): string {
  const limit = Math.max(0, Math.floor(maxLength));
  if (text.length <= limit) return text;
  const mark = ellipsis.length < limit ? ellipsis : '';
  const budget = limit - mark.length;
  let kept = '';
  for (const cluster of clusters(text)) {
    if (kept.length + cluster.length > budget) {
      if (kept === '') kept = leadingCodePoints(cluster, budget);
      break;
    }
    kept += cluster;
  }
  return mark === '' ? kept : `${kept.trimEnd()}${mark}`;
}

/** @internal Collapses every run of whitespace and control characters to one space and trims the ends. */
export function singleLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}
