/**
 * Bot status reducers: pure functions over `BotStatusRecord`, no React.
 */
import type { BotStatusEvent, BotStatusRecord } from '@kilocode/kilo-chat';

/**
 * Folds a `bot.status` event into the known record.
 *
 * - A record at least as recent (`prev.at >= event.at`) is returned as is
 *   (same object).
 * - Otherwise the result is `{ online, at, updatedAt: event.at, capabilities }`,
 *   where an event without `capabilities` keeps the previous list and an
 *   explicit list (even empty) replaces it.
 */
export function reduceBotStatusOnEvent(prev: BotStatusRecord | null | undefined, event: BotStatusEvent): BotStatusRecord {
  if (prev && prev.at >= event.at) return prev;
  const capabilities = event.capabilities ?? prev?.capabilities;
  return {
    online: event.online,
    at: event.at,
    updatedAt: event.at,
    ...(capabilities !== undefined ? { capabilities } : {}),
  };
}

/**
 * The fresher of the record already known (for example from a `bot.status`
 * event that raced the request) and the server's stored record: the known one
 * wins when its `at` is the same or later; a null server record keeps the
 * known one. Returns null when neither exists.
 */
export function mergeBotStatusRecords(
  known: BotStatusRecord | null | undefined,
  server: BotStatusRecord | null,
): BotStatusRecord | null {
  if (server === null) return known ?? null;
  if (known && known.at >= server.at) return known;
  return server;
}
