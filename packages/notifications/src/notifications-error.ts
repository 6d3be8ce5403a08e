/**
 * Machine-readable reasons carried by every error this package throws.
 *
 * - `invalid_sandbox_id` — not 1–64 characters of `A-Z a-z 0-9 _ -`.
 * - `invalid_conversation_id` — not 1–128 visible ASCII characters without `:` or `/`.
 * - `invalid_message_id` — not 1–128 visible ASCII characters without `:`.
 * - `invalid_user_id` — empty, or containing a control character.
 * - `invalid_input` — a payload failed its contract schema (see {@link NotificationsError.issues}).
 * - `invalid_response` — the badge API answered 2xx with a body that does not match its schema.
 * - `unauthorized` / `forbidden` — the badge API answered 401 / 403.
 * - `invalid_request` / `not_found` / `rate_limited` — the badge API answered 400 / 404 / 429.
 * - `unavailable` — the badge API answered 503 (usually worth retrying later).
 * - `server_error` — the badge API answered any other 5xx.
 *
 * The HTTP codes match those of `KiloChatApiError` where both packages have them.
 * - `http_error` — any other non-2xx status.
 */
export type NotificationsErrorCode =
  | 'invalid_sandbox_id'
  | 'invalid_conversation_id'
  | 'invalid_message_id'
  | 'invalid_user_id'
  | 'invalid_input'
  | 'invalid_response'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_request'
  | 'not_found'
  | 'rate_limited'
  | 'unavailable'
  | 'server_error'
  | 'http_error';

/** One schema problem: where it is (`path`, empty for the root) and what is wrong. */
export interface NotificationsIssue {
  /** Location inside the validated value, e.g. `['recipientUserIds', 0]`. */
  readonly path: ReadonlyArray<string | number>;
  /** Zod's issue code, e.g. `too_big` or `invalid_type`. */
  readonly code: string;
  /** Human-readable explanation (English). */
  readonly message: string;
}

/**
 * The one error family of `@kilocode/notifications`. Switch on
 * {@link NotificationsError.code}; the message is for humans and never
 * contains a token. HTTP failures of the badge client use the subclass
 * `NotificationsApiError`, so `instanceof NotificationsError` catches both.
 */
export class NotificationsError extends Error {
  /** Machine-readable reason. */
  readonly code: NotificationsErrorCode;
  /** Schema issues with their paths; empty unless the code is `invalid_input`, `invalid_response` or a push-data parse. */
  readonly issues: readonly NotificationsIssue[];

  /**
   * @param code - machine-readable reason.
   * @param message - human-readable description.
   * @param options - schema `issues` and the standard `cause`.
   */
  constructor(
    code: NotificationsErrorCode,
    message: string,
    options: { issues?: readonly NotificationsIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NotificationsError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}
