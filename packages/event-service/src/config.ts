import type { BackoffOptions } from './backoff.js';
import { DEFAULT_BACKOFF } from './backoff.js';
import { CONTROL_PLANE_DEADLINE_MS } from './deadline.js';
import { MAX_CONTEXTS } from './limits.js';
import type { Logger } from './logger.js';
import type { PlatformHooks } from './platform.js';
import type { WebSocketConstructor } from './socket.js';
import type { TicketFetch } from './ticket.js';
import type { Timers } from './timers.js';
import type { UnauthorizedRecoveryDecision } from './types.js';

/**
 * Options of `new EventServiceClient(config)`. Only `url` and `getToken` are
 * required; the first three fields are the reference client's, the rest are
 * additions with defaults in {@link EVENT_SERVICE_CLIENT_DEFAULTS}.
 */
export interface EventServiceConfig {
  /**
   * Base URL of the Event Service, `http(s)://` or `ws(s)://`, optionally with
   * a path prefix. Tickets are minted at `{url}/connect-ticket` and the socket
   * opens at `{url}/connect`, with the scheme mapped as needed.
   */
  url: string;
  /**
   * Returns the bearer token. Called once per connect attempt (every reconnect
   * included); the client never caches it, and it never goes into a URL.
   * Bounded by `requestTimeoutMs`.
   */
  getToken: () => Promise<string> | string;
  /**
   * Called when the ticket endpoint answers 401/403 (or the server closes with
   * 4401/4403), at most once per recovery: clear your token cache here and
   * return `'retry'` (or nothing) for one more attempt, or `'stop'`. A second
   * refusal, or `'stop'`, leaves the client in state `unauthorized`. Without
   * this callback the client still tries once more, then stops.
   */
  onUnauthorized?: () =>
    | void
    | UnauthorizedRecoveryDecision
    | Promise<void | UnauthorizedRecoveryDecision>;
  /**
   * WebSocket constructor. Without it, each socket is made with the
   * `globalThis.WebSocket` present at that moment (browsers, React Native,
   * Workers, Node 22+, a test's `vi.stubGlobal('WebSocket', …)` or msw's
   * interception), as the reference client does, and with `ws` (through
   * `isomorphic-ws`) where the runtime has none (Node 20).
   */
  WebSocket?: WebSocketConstructor;
  /** `fetch` for the ticket request. Defaults to `globalThis.fetch`, looked up per call. */
  fetch?: TicketFetch;
  /** Timers for every delay the client waits on. Defaults to the host's global timers. */
  timers?: Timers;
  /** Where the client logs (dropped frames at debug, reported errors at warn/error). Defaults to silent. */
  logger?: Logger;
  /** Source of numbers in `[0, 1)` for backoff jitter. Defaults to `Math.random`. */
  random?: () => number;
  /** Reconnect backoff: full jitter, 1 s base, 30 s cap, reset after 10 s of stable connection. */
  backoff?: BackoffOptions;
  /**
   * Interval of the text `ping` while open, in milliseconds.
   * @default 15000
   */
  pingIntervalMs?: number;
  /**
   * After a ping, how long to wait for any inbound frame before the socket is
   * presumed dead and replaced, in milliseconds. `0` turns the check off.
   * @default 10000
   */
  pongTimeoutMs?: number;
  /**
   * How long a socket may take to open, in milliseconds.
   * @default 10000
   */
  handshakeTimeoutMs?: number;
  /**
   * Deadline for `getToken()` and, separately, for the ticket request, in milliseconds.
   * @default 15000
   */
  requestTimeoutMs?: number;
  /**
   * The ack debounce, in milliseconds: every received event is acknowledged
   * within this time (sooner when the count rule below fires first).
   * @default 500
   */
  ackDelayMs?: number;
  /**
   * Acknowledge once this many events are unacknowledged: one ack, carrying
   * the highest `seq`, at the end of the socket read that reached the count
   * (a microtask; with `ws` every frame of one read is handled before it, in
   * a browser each message event is its own read), so it leaves before the
   * client reads again. Keep it well under the server's limit of 50: the
   * server counts frames still in flight too, so the room left (50 minus
   * this) must cover what arrives during one round trip (at 10 000 events/s
   * on loopback, 20 was not enough and 10 was; see bench/RESULTS.md).
   * @default 10
   */
  ackEveryEvents?: number;
  /**
   * The most contexts the client places on one socket; the rest are reported
   * as `too_many_contexts` and placed as room frees up. Match the server's
   * per-socket limit.
   * @default 200
   */
  maxContextsPerSocket?: number;
  /**
   * Wake-up signals (network back, app visible) that cut a backoff wait short
   * and probe an open socket. Defaults to `browserPlatform()` (window and
   * document when present, nothing elsewhere); `null` disables.
   */
  platform?: PlatformHooks | null;
}

/** The defaults of the optional numeric {@link EventServiceConfig} fields. */
export const EVENT_SERVICE_CLIENT_DEFAULTS = Object.freeze({
  /** 15 000 ms. */
  pingIntervalMs: 15_000,
  /** 10 000 ms. */
  pongTimeoutMs: 10_000,
  /** 10 000 ms. */
  handshakeTimeoutMs: 10_000,
  /** 15 000 ms, the shared control-plane deadline. */
  requestTimeoutMs: CONTROL_PLANE_DEADLINE_MS,
  /** 500 ms. */
  ackDelayMs: 500,
  /** 10 events. */
  ackEveryEvents: 10,
  /** 200 contexts, the server's limit. */
  maxContextsPerSocket: MAX_CONTEXTS,
  /** See `DEFAULT_BACKOFF`. */
  backoff: DEFAULT_BACKOFF,
});
