/**
 * @internal Rewrites response bodies that older Kilo Chat servers still send
 * into the newest shape, before the route's response schema checks them.
 * Each rule is one line of the version notes in `spec/kilo-chat.md §13`.
 *
 * A rule only fills in or renames what is missing; a body already in the
 * newest shape passes through unchanged, and anything the rules do not
 * recognise is left for the schema to reject.
 */
import type { KiloChatRouteId } from './route-contracts.js';

type Normalizer = (body: unknown) => unknown;

/** Unix-time values above this are milliseconds (1e11 s is the year 5138). */
const MILLISECONDS_THRESHOLD = 1e11;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 204, an empty body, `null` or `{}` from a route that now answers `{ ok: true }`. */
const emptyMeansOk: Normalizer = (body) => {
  if (body === undefined || body === null) return { ok: true };
  if (isRecord(body) && Object.keys(body).length === 0) return { ok: true };
  return body;
};

/** `{ conversationId, conversationListItem }` → `{ conversationId, conversation }`. */
const renameConversationListItem: Normalizer = (body) => {
  if (!isRecord(body) || 'conversation' in body || !('conversationListItem' in body)) return body;
  const { conversationListItem, ...rest } = body;
  return { ...rest, conversation: conversationListItem };
};

function secondsField(field: string): Normalizer {
  return (body) => {
    if (!isRecord(body)) return body;
    const value = body[field];
    if (typeof value !== 'number' || !(value > MILLISECONDS_THRESHOLD)) return body;
    return { ...body, [field]: Math.floor(value / 1000) };
  };
}

/** Message lists without `hasMore` / `nextCursor`: one page, no cursor. */
const messagePageDefaults: Normalizer = (body) => {
  if (!isRecord(body)) return body;
  if ('hasMore' in body && 'nextCursor' in body) return body;
  return { ...body, hasMore: body.hasMore ?? false, nextCursor: body.nextCursor ?? null };
};

/** An edit answered with 204 or an empty body: `{}` (no `messageId`). */
const emptyEdit: Normalizer = (body) => (body === undefined || body === null ? {} : body);

/**
 * request-bot-status: 202 with no body, `{ ok: true }` and
 * `{ ok: true, dedupe: 'fresh' }` all become `{ ok: true, cached: null }`.
 */
const botStatusRequestAck: Normalizer = (body) => {
  if (body === undefined || body === null) return { ok: true, cached: null };
  if (!isRecord(body) || body.ok !== true || 'cached' in body) return body;
  const { dedupe: _dedupe, ...rest } = body;
  return { ...rest, cached: null };
};

const normalizers: Partial<Record<KiloChatRouteId, Normalizer>> = {
  H1: renameConversationListItem,
  H5: emptyMeansOk,
  H8: messagePageDefaults,
  H9: emptyEdit,
  H10: emptyMeansOk,
  H12: emptyMeansOk,
  H15: emptyMeansOk,
  H16: emptyMeansOk,
  H17: secondsField('putUrlExpiresAt'),
  H18: secondsField('expiresAt'),
  H20: botStatusRequestAck,
  B2: emptyEdit,
  B3: emptyMeansOk,
  B4: emptyMeansOk,
  B5: emptyMeansOk,
  B8: messagePageDefaults,
  B12: renameConversationListItem,
  B13: emptyMeansOk,
  B14: emptyMeansOk,
  B15: emptyMeansOk,
  B16: emptyMeansOk,
  B17: secondsField('putUrlExpiresAt'),
  B18: secondsField('expiresAt'),
};

/**
 * @internal Returns `body` rewritten to the newest shape for `routeId`.
 *
 * @param routeId - the route that answered.
 * @param body - the parsed JSON body, or `undefined` for 204 / an empty body.
 */
export function normalizeLegacyResponse(routeId: KiloChatRouteId, body: unknown): unknown {
  const normalize = normalizers[routeId];
  return normalize === undefined ? body : normalize(body);
}
