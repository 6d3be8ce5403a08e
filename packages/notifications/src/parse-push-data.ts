import type { NotificationsError } from './notifications-error.js';
import { PUSH_DATA_TYPES, pushDataSchema, type PushData } from './push-data.js';
import { validateWith } from './validation.js';

/**
 * The outcome of {@link parsePushData}:
 *
 * - `ok` — a push this version understands, fully validated;
 * - `unknown` — a well-formed object whose `type` is newer than this package;
 *   ignore it (or show something generic) instead of crashing;
 * - `invalid` — not an object, no string `type`, or a known `type` with bad
 *   fields; `error.code` is `invalid_input` and `error.issues` lists the paths.
 */
export type ParsePushDataResult =
  | { kind: 'ok'; data: PushData }
  | { kind: 'unknown'; type: string; raw: Readonly<Record<string, unknown>> }
  | { kind: 'invalid'; error: NotificationsError };

const knownTypes: ReadonlySet<string> = new Set(PUSH_DATA_TYPES);

/**
 * Parses the `data` object of a received push. Never throws, so an old app
 * survives a payload type introduced after it shipped.
 */
export function parsePushData(input: unknown): ParsePushDataResult {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const type = (input as { type?: unknown }).type;
    if (typeof type === 'string' && type.length > 0 && !knownTypes.has(type)) {
      return { kind: 'unknown', type, raw: input as Record<string, unknown> };
    }
  }
  const result = validateWith(pushDataSchema, input, 'push data');
  return result.kind === 'ok' ? { kind: 'ok', data: result.data } : result;
}
