/**
 * The HTTP engine both Kilo Chat clients share: one place that builds URLs,
 * attaches the bearer token, applies deadlines, runs the retry-once
 * unauthorized path and reads responses.
 *
 * Behaviour (see `spec/kilo-chat.md §13`, "Client behaviour"):
 * - `fetch(url, { method, headers, body?, signal })`; headers are
 *   `Authorization: Bearer <token>`, plus `Content-Type: application/json`
 *   only when there is a body.
 * - `getToken` runs before every attempt. The token goes in the header only,
 *   never in the URL, a log line or an error message.
 * - On 401/403, `onUnauthorized` (when configured) is awaited once; `'retry'`
 *   makes exactly one more attempt with a fresh token. A second failure is
 *   thrown, so there is no loop. A deadline never reaches this path.
 * - Each call runs under one deadline (30 s for a send, 15 s otherwise, both
 *   configurable) that covers every attempt; it rejects with
 *   `RequestDeadlineError` from `@kilocode/event-service`. Nothing is resent
 *   after a deadline.
 * - `fetch` throwing (server down, DNS, offline) → `KiloChatError` with code
 *   `'network'` and the thrown error as `cause`.
 * - Non-2xx → `KiloChatApiError(status, json-or-null)`. 2xx → the body (or
 *   `undefined` for 204 / an empty body), rewritten from older server shapes,
 *   then checked against the route's response schema; a mismatch throws
 *   `KiloChatResponseError`.
 */
import { CONTROL_PLANE_DEADLINE_MS, SEND_DEADLINE_MS, noopLogger, withDeadline } from '@kilocode/event-service';
import type { Logger, Timers, UnauthorizedRecoveryDecision } from '@kilocode/event-service';
import type { z } from 'zod';
import { KiloChatApiError, KiloChatError, KiloChatResponseError, networkError } from './errors.js';
import type { KiloChatResponseIssue } from './errors.js';
import { normalizeLegacyResponse } from './legacy-responses.js';
import type { KiloChatRouteContract } from './route-contracts.js';

/** The request init the clients pass to `fetch`. */
export interface KiloChatFetchInit {
  /** Always set, including `'GET'`. */
  method: string;
  /** `Authorization`, plus `Content-Type` when there is a body. */
  headers: Record<string, string>;
  /** The JSON body; absent when the route takes none. */
  body?: string;
  /** Aborted on deadline, caller abort or client dispose. */
  signal: AbortSignal;
}

/** The parts of a `fetch` response the clients read. */
export interface KiloChatFetchResponse {
  /** True for a 2xx status. */
  readonly ok: boolean;
  /** The HTTP status. */
  readonly status: number;
  /** Parses the body as JSON. Used when `text` is absent. */
  json(): Promise<unknown>;
  /** The raw body. Preferred, so an empty 2xx body is read as "no body". */
  text?(): Promise<string>;
}

/**
 * The `fetch` the clients call. The global `fetch` fits, and so does any
 * function with this shape (a test fake, a fetch with a proxy agent, …).
 */
export type KiloChatFetch = (url: string, init: KiloChatFetchInit) => Promise<KiloChatFetchResponse>;

/** Per-call deadlines, in milliseconds. */
export interface KiloChatDeadlines {
  /**
   * Deadline of a message send, in milliseconds. It starts when the send
   * leaves the per-conversation queue, not when it is called.
   * @default 30000 (`SEND_DEADLINE_MS`)
   */
  sendMs?: number;
  /**
   * Deadline of every other call, in milliseconds.
   * @default 15000 (`CONTROL_PLANE_DEADLINE_MS`)
   */
  controlPlaneMs?: number;
}

/**
 * Called once when a request gets 401 or 403. Answer `'retry'` to send the
 * request once more with a fresh `getToken()`; anything else surfaces the
 * error.
 */
export type KiloChatUnauthorizedHandler = () =>
  | UnauthorizedRecoveryDecision
  | void
  | Promise<UnauthorizedRecoveryDecision | void>;

/** @internal Configuration of {@link HttpEngine}. */
export interface HttpEngineConfig {
  baseUrl: string;
  getToken: () => string | Promise<string>;
  onUnauthorized?: KiloChatUnauthorizedHandler;
  fetch?: KiloChatFetch;
  logger?: Logger;
  deadlines?: KiloChatDeadlines;
  timers?: Timers;
}

/** @internal What varies per call of a route. */
export interface RouteCall {
  /** Values of the `{name}` placeholders of the route path; URL-encoded here. */
  params?: Readonly<Record<string, string>>;
  /** Query values in wire order; only strings, numbers and booleans are sent. */
  query?: Readonly<Record<string, unknown>>;
  /** The JSON body; `undefined` sends none. */
  body?: unknown;
  /** Caller cancellation (already combined with the client lifetime). */
  signal?: AbortSignal;
  /** Runs before every attempt; throwing refuses the attempt (admission, ownership). */
  beforeAttempt?: () => void;
}

function isPositiveDuration(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** @internal Builds `?a=1&b=2` from string, number and boolean values; `''` when none. */
export function buildQueryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      params.append(key, String(value));
    }
  }
  const encoded = params.toString();
  return encoded === '' ? '' : `?${encoded}`;
}

/** @internal Fills the `{name}` placeholders of `template`, URL-encoding each value. */
export function fillPath(template: string, params: Readonly<Record<string, string>> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params?.[name];
    if (typeof value !== 'string' || value.length === 0 || value === '.' || value === '..') {
      throw new KiloChatError('invalid_argument', `${name} must be a non-empty id`);
    }
    return encodeURIComponent(value);
  });
}

function toIssues(error: z.ZodError): KiloChatResponseIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    code: issue.code,
    message: issue.message,
  }));
}

type BodyRead = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'invalid' };

async function readBody(response: KiloChatFetchResponse): Promise<BodyRead> {
  if (response.status === 204) return { kind: 'empty' };
  try {
    if (typeof response.text === 'function') {
      const text = await response.text();
      if (text.trim() === '') return { kind: 'empty' };
      return { kind: 'json', value: JSON.parse(text) as unknown };
    }
    return { kind: 'json', value: await response.json() };
  } catch {
    return { kind: 'invalid' };
  }
}

/** @internal Sends route calls. One instance per client. */
export class HttpEngine {
  private readonly baseUrl: string;
  private readonly getToken: () => string | Promise<string>;
  private readonly onUnauthorized: KiloChatUnauthorizedHandler | undefined;
  private readonly fetchImpl: KiloChatFetch;
  private readonly logger: Logger;
  private readonly sendMs: number;
  private readonly controlPlaneMs: number;
  private readonly timers: Timers | undefined;

  constructor(config: HttpEngineConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.getToken = config.getToken;
    this.onUnauthorized = config.onUnauthorized;
    // Looked up per call, so a global fetch installed or stubbed later is used.
    this.fetchImpl = config.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.logger = config.logger ?? noopLogger;
    this.timers = config.timers;
    this.sendMs = isPositiveDuration(config.deadlines?.sendMs) ? config.deadlines.sendMs : SEND_DEADLINE_MS;
    this.controlPlaneMs = isPositiveDuration(config.deadlines?.controlPlaneMs)
      ? config.deadlines.controlPlaneMs
      : CONTROL_PLANE_DEADLINE_MS;
  }

  /**
   * Sends one call of `route` and returns its parsed, normalised response.
   * Rejects with `KiloChatApiError`, `KiloChatResponseError`,
   * `KiloChatError` `'network'` (fetch threw; the `cause` is what it threw),
   * `RequestDeadlineError`, the caller's abort reason, or whatever
   * `getToken`, `onUnauthorized` or `beforeAttempt` threw.
   */
  async request<R extends KiloChatRouteContract>(route: R, call: RouteCall = {}): Promise<z.output<R['response']>> {
    const url = `${this.baseUrl}${fillPath(route.path, call.params)}${buildQueryString(call.query)}`;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const timeoutMs = route.deadline === 'send' ? this.sendMs : this.controlPlaneMs;
    const value = await withDeadline(
      timeoutMs,
      (signal) => this.dispatch(route, url, body, signal, call.beforeAttempt),
      call.signal,
      this.timers,
    );
    return value as z.output<R['response']>;
  }

  private async dispatch(
    route: KiloChatRouteContract,
    url: string,
    body: string | undefined,
    signal: AbortSignal,
    beforeAttempt: (() => void) | undefined,
  ): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      beforeAttempt?.();
      const token = await this.getToken();
      if (typeof token !== 'string' || token.length === 0 || /[\r\n\0]/.test(token)) {
        // Checked here because fetch would otherwise echo the header value in its error.
        throw new KiloChatError('invalid_argument', 'getToken returned an empty or malformed token');
      }
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
      const init: KiloChatFetchInit = { method: route.method, headers, signal };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = body;
      }

      let response: KiloChatFetchResponse;
      try {
        response = await this.fetchImpl(url, init);
      } catch (error) {
        // An abort (deadline, caller, dispose) already settled the call with its own reason.
        if (signal.aborted || error instanceof KiloChatError) throw error;
        this.logger.debug('kilo-chat: request failed before a response arrived', { route: route.id });
        throw networkError(error, token);
      }
      if (response.ok) return this.readSuccess(route, response);

      const read = await readBody(response);
      const error = new KiloChatApiError(response.status, read.kind === 'json' ? read.value : null);
      const authFailure = response.status === 401 || response.status === 403;
      if (authFailure && attempt === 1 && this.onUnauthorized !== undefined && !signal.aborted) {
        const decision = await this.onUnauthorized();
        if (decision === 'retry' && !signal.aborted) {
          this.logger.debug('kilo-chat: retrying once with a fresh token', {
            route: route.id,
            status: response.status,
          });
          continue;
        }
      }
      this.logger.debug('kilo-chat: request failed', { route: route.id, status: response.status, code: error.code });
      throw error;
    }
  }

  private async readSuccess(route: KiloChatRouteContract, response: KiloChatFetchResponse): Promise<unknown> {
    const read = await readBody(response);
    if (read.kind === 'invalid') {
      this.logger.warn('kilo-chat: response body is not JSON', { route: route.id, status: response.status });
      throw new KiloChatResponseError({ routeId: route.id, status: response.status, issues: [] });
    }
    const normalized = normalizeLegacyResponse(route.id, read.kind === 'json' ? read.value : undefined);
    const parsed = route.response.safeParse(normalized);
    if (parsed.success) return parsed.data;
    const issues = toIssues(parsed.error);
    this.logger.warn('kilo-chat: response did not match its schema', {
      route: route.id,
      status: response.status,
      paths: issues.map((issue) => issue.path.join('.')),
    });
    throw new KiloChatResponseError({ routeId: route.id, status: response.status, issues });
  }
}
