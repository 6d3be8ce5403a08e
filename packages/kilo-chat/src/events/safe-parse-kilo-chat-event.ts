import { summarizeIssues, toSchemaIssues } from '../schema-issue.js';
import { fastEventCheck } from './fast-event-check.js';
import { KiloChatEventParseError } from './kilo-chat-event-parse-error.js';
import { isKiloChatEventName, kiloChatEventPayloadSchemas } from './kilo-chat-event-registry.js';
import type { KiloChatEventName, KiloChatEventOf } from './kilo-chat-event-registry.js';

/** A successfully parsed event: the name and its typed payload. Narrow on `event`. */
export type KiloChatEventParseSuccess<N extends KiloChatEventName = KiloChatEventName> = {
  [K in N]: { success: true; event: K; payload: KiloChatEventOf<K> };
}[N];

/** A failed parse: `error.code` says whether the name or the payload was wrong. */
export type KiloChatEventParseFailure = { success: false; error: KiloChatEventParseError };

/** Result of {@link safeParseKiloChatEvent}, discriminated on `success`. */
export type KiloChatEventParseResult<N extends KiloChatEventName = KiloChatEventName> =
  | KiloChatEventParseSuccess<N>
  | KiloChatEventParseFailure;

function describeName(name: unknown): string {
  return typeof name === 'string' ? name : `<${typeof name}>`;
}

/**
 * Validates an event as it comes off the socket (its name and raw payload)
 * without ever throwing, whatever the input. On success the payload is the
 * parsed value (text trimmed, unknown capabilities dropped, unknown keys
 * stripped).
 *
 * For the frequent events (messages with text content, typing, reactions,
 * read and activity markers), a payload that is already exactly in schema
 * shape (no unknown keys, nothing to trim) is recognised without running zod,
 * and the result's `payload` is then the input object itself rather than a
 * copy. It equals what the schema would return; only its identity differs.
 *
 * @example
 * const result = safeParseKiloChatEvent(frame.event, frame.payload);
 * if (result.success && result.event === 'typing') show(result.payload.memberId);
 */
export function safeParseKiloChatEvent<N extends KiloChatEventName>(
  name: N,
  payload: unknown,
): KiloChatEventParseResult<N>;
export function safeParseKiloChatEvent(name: string, payload: unknown): KiloChatEventParseResult;
export function safeParseKiloChatEvent(name: string, payload: unknown): KiloChatEventParseResult {
  const label = describeName(name);
  if (!isKiloChatEventName(name)) {
    return {
      success: false,
      error: new KiloChatEventParseError('unknown_event', label, `Unknown Kilo Chat event "${label}"`),
    };
  }
  try {
    // Payloads already exactly in schema shape skip zod; see fast-event-check.ts.
    const fastCheck = fastEventCheck(name);
    if (fastCheck !== undefined && fastCheck(payload)) {
      return { success: true, event: name, payload } as KiloChatEventParseResult;
    }
    const parsed = kiloChatEventPayloadSchemas[name].safeParse(payload);
    if (parsed.success) {
      return { success: true, event: name, payload: parsed.data } as KiloChatEventParseResult;
    }
    const issues = toSchemaIssues(parsed.error);
    return {
      success: false,
      error: new KiloChatEventParseError(
        'invalid_payload',
        label,
        `Invalid payload for Kilo Chat event "${label}": ${summarizeIssues(issues)}`,
        issues,
      ),
    };
  } catch {
    // Only exotic inputs get here (e.g. a proxy whose traps throw).
    return {
      success: false,
      error: new KiloChatEventParseError(
        'invalid_payload',
        label,
        `Invalid payload for Kilo Chat event "${label}": the payload could not be read`,
        [{ path: [], code: 'unreadable', message: 'the payload could not be read' }],
      ),
    };
  }
}
