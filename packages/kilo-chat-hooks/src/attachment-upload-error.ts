import { KiloChatApiError } from '@kilocode/kilo-chat';

/**
 * Why an attachment upload failed, for failures the HTTP client has no code
 * for:
 *
 * - `network_error`: the PUT got no HTTP response (XHR status 0). Retried automatically.
 * - `upload_failed`: the storage answered the PUT with a non-2xx status (see
 *   {@link AttachmentUploadError.status}). Retried automatically for 5xx and 429.
 * - `cancelled`: the upload was stopped before it finished by something other
 *   than removing or retrying the row: the queue was disposed (its component
 *   unmounted), or the uploader reported an abort nobody asked for.
 *
 * A change of the client's owner mid-upload fails the row with the client's
 * own `KiloChatError` code `not_owner` instead.
 */
export type AttachmentUploadErrorCode = 'network_error' | 'upload_failed' | 'cancelled';

/**
 * An attachment upload failed. The messages are the reference's:
 * `'Network error during upload'`, `` `Upload failed (${status})` `` and
 * `'Upload cancelled'`.
 */
export class AttachmentUploadError extends Error {
  /** Machine-readable reason; see {@link AttachmentUploadErrorCode}. */
  readonly code: AttachmentUploadErrorCode;
  /** `upload_failed`: the HTTP status of the PUT; otherwise `undefined`. */
  readonly status: number | undefined;

  /**
   * @param code - machine-readable reason.
   * @param message - human-readable description.
   * @param options - the HTTP `status` (for `upload_failed`) and the standard `cause`.
   */
  constructor(code: AttachmentUploadErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AttachmentUploadError';
    this.code = code;
    this.status = options.status;
  }
}

function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/**
 * The default automatic-retry rule of the attachment queue: true for failures
 * that a second attempt can fix, namely no response (`network_error`, a
 * `fetch` `TypeError`, a Kilo Chat client error with code `network`), a deadline (`request_deadline`), and HTTP 408, 429 or
 * 5xx from either the init call or the PUT. False for everything else (4xx,
 * admission or ownership refusals, aborts).
 */
export function isTransientAttachmentUploadError(error: unknown): boolean {
  if (error instanceof AttachmentUploadError) {
    if (error.code === 'network_error') return true;
    return error.code === 'upload_failed' && error.status !== undefined && isTransientStatus(error.status);
  }
  if (error instanceof KiloChatApiError) return isTransientStatus(error.status);
  if (error instanceof TypeError) return true; // fetch's "network request failed"
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (code === 'request_deadline' || code === 'network') return true;
  }
  return false;
}
