import { NotificationsError, type NotificationsErrorCode, type NotificationsIssue } from './notifications-error.js';

/** The codes a {@link NotificationsApiError} carries. */
export type NotificationsApiErrorCode = Extract<
  NotificationsErrorCode,
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_request'
  | 'not_found'
  | 'rate_limited'
  | 'unavailable'
  | 'server_error'
  | 'http_error'
  | 'invalid_response'
>;

/** @internal The code for a non-2xx status. */
export function apiErrorCodeForStatus(status: number): NotificationsApiErrorCode {
  if (status === 400) return 'invalid_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server_error';
  return 'http_error';
}

/**
 * The notifications HTTP API answered with a non-2xx status, or with a 2xx
 * body that does not match its schema (`code: 'invalid_response'`). Shaped
 * like `KiloChatApiError`: `status`, the parsed JSON `body` (or the raw text,
 * or `null`), and the message `Notifications API error: <status>`. It never
 * holds the token.
 */
export class NotificationsApiError extends NotificationsError {
  /** Narrowed to the HTTP-related codes. */
  declare readonly code: NotificationsApiErrorCode;
  /** The HTTP status. */
  readonly status: number;
  /** The response body: parsed JSON, else the text, else `null`. */
  readonly body: unknown;

  /**
   * @param status - the HTTP status.
   * @param body - the response body.
   * @param code - defaults to the code for `status`.
   * @param issues - schema issues, for `invalid_response`.
   */
  constructor(
    status: number,
    body: unknown,
    code: NotificationsApiErrorCode = apiErrorCodeForStatus(status),
    issues?: readonly NotificationsIssue[],
  ) {
    super(code, `Notifications API error: ${status}`, issues === undefined ? {} : { issues });
    this.name = 'NotificationsApiError';
    this.status = status;
    this.body = body;
  }
}
