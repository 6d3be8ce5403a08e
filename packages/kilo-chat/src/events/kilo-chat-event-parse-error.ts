import type { KiloChatSchemaIssue } from '../schema-issue.js';

/**
 * Why an event could not be parsed: `unknown_event` (the name is not one of
 * the 18 Kilo Chat events) or `invalid_payload` (the payload does not match
 * the event's schema).
 */
export type KiloChatEventParseErrorCode = 'unknown_event' | 'invalid_payload';

/**
 * Returned (never thrown) by {@link safeParseKiloChatEvent} when an event is
 * unusable. Switch on {@link KiloChatEventParseError.code}; `issues` lists what
 * was wrong with the payload (empty for `unknown_event`).
 */
export class KiloChatEventParseError extends Error {
  /** Machine-readable reason. */
  readonly code: KiloChatEventParseErrorCode;
  /** The event name as received (non-strings are shown as `<typeof>`). */
  readonly event: string;
  /** Problems found in the payload; paths start at the payload root. */
  readonly issues: KiloChatSchemaIssue[];

  /**
   * @param code - machine-readable reason.
   * @param event - the event name as received.
   * @param message - human-readable description; never includes payload values.
   * @param issues - payload problems, empty for `unknown_event`.
   */
  constructor(code: KiloChatEventParseErrorCode, event: string, message: string, issues: KiloChatSchemaIssue[] = []) {
    super(message);
    this.name = 'KiloChatEventParseError';
    this.code = code;
    this.event = event;
    this.issues = issues;
  }
}
