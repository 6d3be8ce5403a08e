/**
 * Errors thrown by `KiloChatClient` and `KiloChatBotClient`, and the helpers
 * that turn them into something a user can read.
 *
 * Every error the clients create is a {@link KiloChatError} with a
 * machine-readable {@link KiloChatErrorCode}. A request that failed before any
 * response arrived (server down, DNS, offline: `fetch` threw) is a
 * `KiloChatError` with code `'network'` whose `cause` is what `fetch` threw.
 * Other errors the clients did not create (the reason of a caller's
 * `AbortSignal`, an error thrown by `getToken`) are passed through untouched.
 */

/** Codes carried by {@link KiloChatApiError}: one per class of HTTP failure. */
export type KiloChatApiErrorCode =
  /** 401: the token was missing, expired or rejected. */
  | 'unauthorized'
  /** 403: authenticated, but not a member, owner or allowed caller. */
  | 'forbidden'
  /** 404: the message, attachment, sandbox or action group does not exist. */
  | 'not_found'
  /** 409 with `error: "Edit conflict"`: an edit whose `timestamp` was stale. */
  | 'edit_conflict'
  /** Any other 409 (attachment already linked, action already resolved, …). */
  | 'conflict'
  /** 400: the body, query or a path id failed validation. */
  | 'invalid_request'
  /** 503: a dependency was unavailable; usually worth retrying later. */
  | 'unavailable'
  /** Any other 5xx. */
  | 'server_error'
  /** Any other non-2xx status. */
  | 'http_error';

/** Every code a Kilo Chat client error can carry. */
export type KiloChatErrorCode =
  | KiloChatApiErrorCode
  /** A 2xx response whose body did not match the route's response schema. */
  | 'invalid_response'
  /** `canPublish()` is false: the client was disposed or its owner changed. */
  | 'not_owner'
  /** An operation passed to a client was not created by that client. */
  | 'invalid_operation'
  /** The client was disposed while the request was in flight or queued. */
  | 'disposed'
  /** The bot client was given a sandbox id outside `^[A-Za-z0-9_-]{1,64}$`. */
  | 'invalid_sandbox_id'
  /** A path parameter (conversation, message or attachment id) was empty. */
  | 'invalid_argument'
  /**
   * The request failed before any response arrived (connection refused, DNS,
   * offline, TLS): `fetch` threw. `cause` is the original error (Node's
   * `TypeError: fetch failed`, with its own `cause`). Usually worth retrying.
   */
  | 'network';

/**
 * Base class of every error the Kilo Chat clients create. Switch on
 * {@link KiloChatError.code}; the message is for humans and never contains a
 * token.
 */
export class KiloChatError extends Error {
  /** Machine-readable reason. */
  readonly code: KiloChatErrorCode;

  /**
   * @param code - machine-readable reason.
   * @param message - human-readable description.
   * @param options - standard `cause`.
   */
  constructor(code: KiloChatErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KiloChatError';
    this.code = code;
  }
}

/** Message of the error thrown when `canPublish()` is false. */
export const OWNER_INACTIVE_MESSAGE = 'Kilo Chat owner is no longer active';
/** Message of the error thrown for an operation the client did not create. */
export const INVALID_OPERATION_MESSAGE = 'Invalid Kilo Chat operation';

/** @internal Builds the error thrown when the client may no longer publish. */
export function ownerInactiveError(): KiloChatError {
  return new KiloChatError('not_owner', OWNER_INACTIVE_MESSAGE);
}

/** Start of the message of a `'network'` error; the cause's description follows. */
export const NETWORK_ERROR_MESSAGE = 'Request failed before a response arrived';

/**
 * @internal Builds the `'network'` error for what `fetch` threw. The message
 * names the cause chain (`fetch failed: connect ECONNREFUSED 127.0.0.1:8787`)
 * with `secret` removed, so a token echoed by a custom fetch never leaks.
 */
export function networkError(cause: unknown, secret?: string): KiloChatError {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    const text = current instanceof Error ? current.message : typeof current === 'string' ? current : '';
    if (text !== '' && !parts.includes(text)) parts.push(text);
    current = current instanceof Error ? current.cause : undefined;
  }
  let detail = parts.join(': ');
  if (secret !== undefined && secret !== '') detail = detail.split(secret).join('[redacted]');
  return new KiloChatError('network', detail === '' ? NETWORK_ERROR_MESSAGE : `${NETWORK_ERROR_MESSAGE}: ${detail}`, { cause });
}

/** @internal Builds the error thrown for a foreign or forged operation. */
export function invalidOperationError(): KiloChatError {
  return new KiloChatError('invalid_operation', INVALID_OPERATION_MESSAGE);
}

function apiErrorCode(status: number, serverMessage: string | undefined): KiloChatApiErrorCode {
  if (status === 400) return 'invalid_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return serverMessage === 'Edit conflict' ? 'edit_conflict' : 'conflict';
  if (status === 503) return 'unavailable';
  if (status >= 500 && status <= 599) return 'server_error';
  return 'http_error';
}

function readServerMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'string' && error.length > 0 ? error : undefined;
}

/**
 * A Kilo Chat route answered with a non-2xx status.
 *
 * Shaped like the reference error (`status`, `body`, message
 * `Kilo Chat API error: <status>`), plus a derived {@link code} and the
 * server's `error` string as {@link serverMessage}.
 */
export class KiloChatApiError extends KiloChatError {
  /** Machine-readable class of the failure, derived from the status and body. */
  declare readonly code: KiloChatApiErrorCode;
  /** The HTTP status. */
  readonly status: number;
  /**
   * The parsed JSON body, usually `{ error: string, issues?: [...] }`, or
   * `null` when the body was empty or not JSON.
   */
  readonly body: unknown;
  /** `body.error` when it is a non-empty string; otherwise `undefined`. */
  readonly serverMessage: string | undefined;

  /**
   * @param status - the HTTP status.
   * @param body - the parsed JSON body, or `null`.
   */
  constructor(status: number, body: unknown) {
    const serverMessage = readServerMessage(body);
    super(apiErrorCode(status, serverMessage), `Kilo Chat API error: ${status}`);
    this.name = 'KiloChatApiError';
    this.status = status;
    this.body = body;
    this.serverMessage = serverMessage;
  }
}

/** One schema problem found in a response body. Carries no values from the body. */
export interface KiloChatResponseIssue {
  /** Where in the body the problem is, e.g. `['message', 'content', 0, 'text']`. */
  readonly path: readonly (string | number)[];
  /** The zod issue code, e.g. `'invalid_type'`. */
  readonly code: string;
  /** zod's description of the problem. */
  readonly message: string;
}

/**
 * A route answered 2xx with a body that is not JSON or does not match the
 * route's response schema (code `'invalid_response'`). The body itself is not
 * kept, only the issue paths.
 */
export class KiloChatResponseError extends KiloChatError {
  /** Always `'invalid_response'`. */
  declare readonly code: 'invalid_response';
  /** The HTTP status of the response. */
  readonly status: number;
  /** The route id, e.g. `'H7'` (see `kiloChatRoutes`). */
  readonly routeId: string;
  /** What did not match; empty when the body was not JSON at all. */
  readonly issues: readonly KiloChatResponseIssue[];

  /**
   * @param options - `routeId`, `status` and the `issues` found (empty when the
   *   body was not JSON).
   */
  constructor(options: { routeId: string; status: number; issues: readonly KiloChatResponseIssue[] }) {
    const where =
      options.issues.length === 0
        ? 'body is not JSON'
        : options.issues
            .slice(0, 3)
            .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.code}`)
            .join('; ');
    super('invalid_response', `Kilo Chat response for ${options.routeId} did not match its schema (${where})`);
    this.name = 'KiloChatResponseError';
    this.status = options.status;
    this.routeId = options.routeId;
    this.issues = options.issues;
  }
}

/**
 * What an error means for a person looking at a chat screen, as computed by
 * {@link classifyKiloChatError}.
 */
export type KiloChatErrorKind =
  | { kind: 'not-allowed' }
  | { kind: 'message-too-long'; limit: number }
  | { kind: 'title-too-long'; limit: number }
  | { kind: 'message-empty' }
  | { kind: 'server'; message: string }
  | { kind: 'fallback' };

const DEFAULT_MESSAGE_LIMIT = 8000;
const DEFAULT_TITLE_LIMIT = 200;

function isContentTextPath(path: unknown): boolean {
  return (
    Array.isArray(path) &&
    path.length === 3 &&
    path[0] === 'content' &&
    typeof path[1] === 'number' &&
    path[2] === 'text'
  );
}

function issueLimit(issue: Record<string, unknown>, fallback: number): number {
  const maximum = issue.maximum;
  if (typeof maximum === 'number' && Number.isFinite(maximum)) return maximum;
  if (typeof maximum === 'bigint') return Number(maximum);
  return fallback;
}

/**
 * Sorts an error into one of the {@link KiloChatErrorKind}s, in this order:
 * not a {@link KiloChatApiError} → `fallback`; 401/403 → `not-allowed`;
 * 5xx → `fallback`; a body that is not an object → `fallback`; the first of
 * `body.issues` decides `message-too-long` (limit from the issue, default
 * 8000), `title-too-long` (default 200) or `message-empty`; otherwise a
 * non-empty `body.error` → `server`; else `fallback`.
 */
export function classifyKiloChatError(err: unknown): KiloChatErrorKind {
  if (!(err instanceof KiloChatApiError)) return { kind: 'fallback' };
  if (err.status === 401 || err.status === 403) return { kind: 'not-allowed' };
  if (err.status >= 500) return { kind: 'fallback' };
  const body = err.body;
  if (typeof body !== 'object' || body === null) return { kind: 'fallback' };

  const issues = (body as { issues?: unknown }).issues;
  const first: unknown = Array.isArray(issues) ? issues[0] : undefined;
  if (typeof first === 'object' && first !== null) {
    const issue = first as Record<string, unknown>;
    const path = issue.path;
    if (issue.code === 'too_big' && isContentTextPath(path)) {
      return { kind: 'message-too-long', limit: issueLimit(issue, DEFAULT_MESSAGE_LIMIT) };
    }
    if (issue.code === 'too_big' && Array.isArray(path) && path[0] === 'title') {
      return { kind: 'title-too-long', limit: issueLimit(issue, DEFAULT_TITLE_LIMIT) };
    }
    if (issue.code === 'too_small' && isContentTextPath(path)) {
      return { kind: 'message-empty' };
    }
  }

  const message = (body as { error?: unknown }).error;
  if (typeof message === 'string' && message.length > 0) return { kind: 'server', message };
  return { kind: 'fallback' };
}

/**
 * Turns an error into a short English sentence for the UI, using
 * {@link classifyKiloChatError}. Returns `fallback` when nothing better is
 * known.
 *
 * @param err - anything thrown by a Kilo Chat client.
 * @param fallback - the text to show when the error has no specific meaning.
 */
export function formatKiloChatError(err: unknown, fallback: string): string {
  const kind = classifyKiloChatError(err);
  switch (kind.kind) {
    case 'not-allowed':
      return 'Not allowed';
    case 'message-too-long':
      return `Message is too long — keep it under ${kind.limit.toLocaleString('en-US')} characters`;
    case 'title-too-long':
      return `Title is too long — keep it under ${kind.limit} characters`;
    case 'message-empty':
      return "Message can't be empty";
    case 'server':
      return kind.message;
    case 'fallback':
      return fallback;
  }
}
