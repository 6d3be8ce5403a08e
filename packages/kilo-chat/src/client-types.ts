/**
 * Configuration and option types of `KiloChatClient` and `KiloChatBotClient`.
 * Types only: this module has no runtime code.
 */
import type { EventChannel, Logger, Timers } from '@kilocode/event-service';
import type { KiloChatDeadlines, KiloChatFetch, KiloChatUnauthorizedHandler } from './http-request.js';

export type { KiloChatDeadlines, KiloChatFetch, KiloChatFetchInit, KiloChatFetchResponse, KiloChatUnauthorizedHandler } from './http-request.js';

/**
 * A captured permission to run one mutation, created by
 * `KiloChatClient.captureOperation()`. Frozen; only objects the same client
 * created are accepted back.
 */
export type KiloChatOperation = Readonly<{
  /**
   * Throws when the operation may no longer be dispatched: the client lost
   * ownership (`'Kilo Chat owner is no longer active'`) or the admission
   * check captured with it refuses (for example a lock or a stale admission).
   * Called before every HTTP attempt.
   */
  assertDispatch: () => void;
  /** False once the client can no longer publish (disposed or owner inactive). */
  canPublish: () => boolean;
}>;

/** Per-call options of every read and of the bot client's methods. */
export interface KiloChatCallOptions {
  /**
   * Cancels the call. The promise rejects with `signal.reason`; a queued send
   * rejects at once and is never sent.
   */
  signal?: AbortSignal;
}

/**
 * Per-call options of a `KiloChatClient` mutation. Accepted in the same slot
 * as the reference's trailing `operation` parameter: pass either an operation
 * or this object.
 */
export interface KiloChatRequestOptions extends KiloChatCallOptions {
  /** An operation captured earlier with `captureOperation()`; by default one is captured per call. */
  operation?: KiloChatOperation;
}

/** The trailing parameter of a `KiloChatClient` mutation: an operation, or request options. */
export type KiloChatOperationOrOptions = KiloChatOperation | KiloChatRequestOptions;

/** Configuration of `new KiloChatClient(config)`. */
export interface KiloChatClientConfig {
  /**
   * Where realtime events come from. Only `on(event, handler)` is used, so an
   * `EventServiceClient` or any object with that method fits.
   */
  eventService: EventChannel;
  /** Origin (and optional path prefix) of the Kilo Chat API, e.g. `https://chat.kilo.ai`. */
  baseUrl: string;
  /** Returns the Kilo JWT. Called before every HTTP attempt, so return a fresh one. */
  getToken: () => string | Promise<string>;
  /**
   * Called once when a request gets 401 or 403. Return `'retry'` to resend it
   * once with a fresh `getToken()`; `'stop'` (or nothing) surfaces the error.
   * Not called for timeouts. By default errors surface at once.
   */
  onUnauthorized?: KiloChatUnauthorizedHandler;
  /**
   * The `fetch` to use.
   * @default `globalThis.fetch`, looked up at each call
   */
  fetch?: KiloChatFetch;
  /**
   * Called by `captureOperation()` (so by every mutation that is not given an
   * operation). The function it returns is called before each dispatch and
   * may throw to refuse it. Throwing here refuses the capture itself. By
   * default every operation is admitted.
   */
  captureOperationAdmission?: () => () => void;
  /**
   * Ownership check. When it returns false, calls reject with
   * `'Kilo Chat owner is no longer active'` and events are no longer
   * delivered.
   * @default `() => true`
   */
  canPublish?: () => boolean;
  /**
   * Where the client writes diagnostics (dropped event payloads, retries,
   * malformed responses). Never receives tokens.
   * @default `noopLogger`
   */
  logger?: Logger;
  /** Deadlines in milliseconds. @default `{ sendMs: 30000, controlPlaneMs: 15000 }` */
  deadlines?: KiloChatDeadlines;
  /**
   * Timers for the deadlines, so a test clock can drive them.
   * @default the host's global timers, looked up at call time
   */
  timers?: Timers;
}

/** Configuration of `new KiloChatBotClient(config)`, for bot plugin authors. */
export interface KiloChatBotClientConfig {
  /** Origin (and optional path prefix) of the Kilo Chat API. */
  baseUrl: string;
  /**
   * The bot's sandbox id (`^[A-Za-z0-9_-]{1,64}$`); checked by the
   * constructor. Every route is called under `/bot/v1/sandboxes/<sandboxId>`.
   */
  sandboxId: string;
  /**
   * Returns the gateway token: the lowercase hex HMAC-SHA256 of the sandbox
   * id. Called before every HTTP attempt.
   */
  getToken: () => string | Promise<string>;
  /**
   * Called once when a request gets 401 or 403; `'retry'` resends it once
   * with a fresh `getToken()`. By default errors surface at once.
   */
  onUnauthorized?: KiloChatUnauthorizedHandler;
  /**
   * The `fetch` to use.
   * @default `globalThis.fetch`, looked up at each call
   */
  fetch?: KiloChatFetch;
  /**
   * Where the client writes diagnostics. Never receives tokens.
   * @default `noopLogger`
   */
  logger?: Logger;
  /** Deadlines in milliseconds. @default `{ sendMs: 30000, controlPlaneMs: 15000 }` */
  deadlines?: KiloChatDeadlines;
  /**
   * Timers for the deadlines.
   * @default the host's global timers, looked up at call time
   */
  timers?: Timers;
}
