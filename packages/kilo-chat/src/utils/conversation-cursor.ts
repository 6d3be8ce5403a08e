import { conversationCursorSchema } from '../schemas/conversation.js';
import type { ConversationCursor } from '../schemas/conversation.js';

/** Longest string {@link decodeConversationCursor} looks at; real cursors are under 100 characters. */
const MAX_ENCODED_LENGTH = 1024;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlToBytes(encoded: string): Uint8Array {
  const padded = encoded.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(encoded.length / 4) * 4, '=');
  return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}

/**
 * Encodes a conversation-list position the way the server does: the UTF-8
 * JSON `{"t":…,"c":…}` in base64url without padding. Works in browsers,
 * Node and workers (no `Buffer`). The input is not validated.
 */
export function encodeConversationCursor(cursor: ConversationCursor): string {
  return bytesToBase64Url(new TextEncoder().encode(JSON.stringify({ t: cursor.t, c: cursor.c })));
}

/**
 * Decodes a cursor made by {@link encodeConversationCursor}. Returns null, and
 * never throws, for anything that is not unpadded base64url of UTF-8 JSON
 * matching {@link conversationCursorSchema} (`t` an integer ≥ 0, `c` a ULID).
 */
export function decodeConversationCursor(encoded: string): ConversationCursor | null {
  if (typeof encoded !== 'string' || encoded.length === 0 || encoded.length > MAX_ENCODED_LENGTH) return null;
  if (!BASE64URL.test(encoded) || encoded.length % 4 === 1) return null;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(base64UrlToBytes(encoded));
    const parsed = conversationCursorSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
