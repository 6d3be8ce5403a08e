import { toWellFormedText } from './well-formed-text.js';

/**
 * RFC 6266 `Content-Disposition` values for user files, with an ASCII
 * `filename` fallback and an RFC 5987 / 8187 `filename*` in UTF-8.
 */

/** RFC 8187 `attr-char` is narrower than what `encodeURIComponent` leaves alone: escape `' ( ) *` too. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(toWellFormedText(value)).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The quoted-string fallback: printable ASCII only, with `"` and `\` replaced, never empty. */
function asciiFallback(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return fallback === '' ? 'download' : fallback;
}

function disposition(kind: 'attachment' | 'inline', filename: string): string {
  return `${kind}; filename="${asciiFallback(filename)}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}

/** `attachment; filename="…"; filename*=UTF-8''…`: the browser saves the file instead of showing it. */
export function attachmentDisposition(filename: string): string {
  return disposition('attachment', filename);
}

/** `inline; filename="…"; filename*=UTF-8''…`: shown in place; the name is used if the user saves it. */
export function inlineDisposition(filename: string): string {
  return disposition('inline', filename);
}
