import type { z } from 'zod';
import { CONTROL_PLANE_DEADLINE_MS, withDeadline, type UnauthorizedRecoveryDecision } from '@kilocode/event-service';
import {
  listBadgesResponseSchema,
  markBadgeReadInputSchema,
  markBadgeReadResponseSchema,
  type ListBadgesResponse,
  type MarkBadgeReadResponse,
} from './contracts/badges.js';
import { NotificationsApiError } from './notifications-api-error.js';
import { unwrapValidation, validateWith } from './validation.js';

/** The `fetch` the badge client needs (the global one satisfies it). */
export type BadgeClientFetch = (input: string, init: RequestInit) => Promise<Response>;

/** Configuration of {@link BadgeClient}. */
export interface BadgeClientConfig {
  /** Origin of the notifications service, e.g. `https://notifications.example`; a trailing `/` is ignored. */
  baseUrl: string;
  /** Returns the user's bearer token; called before every request (and again for a retry). */
  getToken: () => string | Promise<string>;
  /** Replaces the global `fetch` (tests, React Native, Workers). */
  fetch?: BadgeClientFetch;
  /**
   * Called once when a request answers 401 or 403, with the error about to be
   * thrown. Return `'retry'` to repeat the request exactly once with a fresh
   * token; anything else throws the error. Deadlines never call it.
   */
  onUnauthorized?: (
    error: NotificationsApiError,
  ) => UnauthorizedRecoveryDecision | void | Promise<UnauthorizedRecoveryDecision | void>;
  /** Per-request deadline in milliseconds. Defaults to `CONTROL_PLANE_DEADLINE_MS` (15 000). */
  deadlineMs?: number;
}

/** Per-call options. */
export interface BadgeRequestOptions {
  /** Cancels the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A small typed client for the two badge routes of the notifications
 * service. Every request carries `Authorization: Bearer <token>`; the token
 * never appears in a URL or an error. Non-2xx answers and malformed 2xx
 * bodies reject with {@link NotificationsApiError}; deadlines reject with
 * `RequestDeadlineError`; an aborted call rejects with the signal's reason.
 */
export class BadgeClient {
  readonly #baseUrl: string;
  readonly #config: BadgeClientConfig;

  /** @param config - service origin, token source and optional hooks. */
  constructor(config: BadgeClientConfig) {
    this.#config = config;
    this.#baseUrl = config.baseUrl.replace(/\/+$/, '');
  }

  /** `GET /v1/badges`: every bucket of the caller with a count above zero. */
  async listBadges(options: BadgeRequestOptions = {}): Promise<ListBadgesResponse> {
    return this.#request(
      'GET',
      '/v1/badges',
      undefined,
      (body, status) => parseResponse(listBadgesResponseSchema, body, status, 'GET /v1/badges response'),
      options,
    );
  }

  /**
   * `POST /v1/badges/mark-read`: clears `badgeBucket` and returns the caller's
   * new total. Marking an empty or unknown bucket is harmless and returns the
   * current total.
   *
   * @throws NotificationsError `invalid_input` (before any request) when the bucket breaks the grammar.
   */
  async markBadgeRead(badgeBucket: string, options: BadgeRequestOptions = {}): Promise<MarkBadgeReadResponse> {
    const body = unwrapValidation(validateWith(markBadgeReadInputSchema, { badgeBucket }, 'mark-read request'));
    return this.#request(
      'POST',
      '/v1/badges/mark-read',
      body,
      (response, status) =>
        parseResponse(markBadgeReadResponseSchema, response, status, 'POST /v1/badges/mark-read response'),
      options,
    );
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    parse: (body: unknown, status: number) => T,
    options: BadgeRequestOptions,
  ): Promise<T> {
    const attempt = () =>
      withDeadline(
        this.#config.deadlineMs ?? CONTROL_PLANE_DEADLINE_MS,
        async (signal) => {
          const token = await this.#config.getToken();
          const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
          if (body !== undefined) headers['Content-Type'] = 'application/json';
          const doFetch = this.#config.fetch ?? ((input, init) => globalThis.fetch(input, init));
          const response = await doFetch(`${this.#baseUrl}${path}`, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            signal,
          });
          const payload = await readBody(response);
          if (!response.ok) throw new NotificationsApiError(response.status, payload);
          return parse(payload, response.status);
        },
        options.signal,
      );
    try {
      return await attempt();
    } catch (error) {
      const onUnauthorized = this.#config.onUnauthorized;
      if (
        onUnauthorized === undefined ||
        !(error instanceof NotificationsApiError) ||
        (error.status !== 401 && error.status !== 403)
      ) {
        throw error;
      }
      if ((await onUnauthorized(error)) !== 'retry') throw error;
      return attempt();
    }
  }
}

function parseResponse<S extends z.ZodType>(schema: S, body: unknown, status: number, label: string): z.output<S> {
  const result = validateWith(schema, body, label, 'invalid_response');
  if (result.kind === 'ok') return result.data;
  throw new NotificationsApiError(status, body, 'invalid_response', result.error.issues);
}
