import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { CLIENT_CLOSE_REASONS, CLOSE_CODES, isAuthCloseCode } from './codes.js';
import type { ClientCloseReason } from './codes.js';
import { EVENT_SERVICE_CLIENT_DEFAULTS } from './config.js';
import type { EventServiceConfig } from './config.js';
import type { ConnectionState, EventServiceClientError, StateChange, StateChangeReason } from './connection-state.js';
import { withDeadline } from './deadline.js';
import { HandshakeTimeoutError, RequestDeadlineError, WebSocketAuthError } from './errors.js';
import { EventServiceError } from './event-service-error.js';
import { PING_FRAME } from './frames.js';
import { Heartbeat } from './heartbeat.js';
import { EVENT_SERVICE_SUBPROTOCOL } from './limits.js';
import type { Logger } from './logger.js';
import { browserPlatform } from './platform.js';
import type { PlatformHooks } from './platform.js';
import { resolveWebSocket, SOCKET_CONNECTING, SOCKET_OPEN } from './socket.js';
import type { WebSocketConstructor, WebSocketLike } from './socket.js';
import { requestTicket } from './ticket.js';
import type { TicketFetch } from './ticket.js';
import type { TimerHandle, Timers } from './timers.js';
import { socketEndpoint, ticketEndpoint } from './url.js';

/**
 * @internal What a {@link Connection} asks of the client that owns it. The
 * connection knows sockets, attempts and time; everything about frames,
 * subscriptions and listeners stays with the owner.
 */
export interface ConnectionHost {
  readonly timers: Timers;
  readonly logger: Logger;
  /** A socket just opened and is current: reset the per-socket state and send the subscriptions. */
  attach(): void;
  /** The open socket is being left (closed, replaced or stopped): forget what it held. */
  detach(): void;
  /** After the state became `open`: run the lifecycle listeners (`isReconnect`: not the first open). */
  opened(isReconnect: boolean): void;
  /** One inbound frame of the open socket, as the runtime delivered it. */
  frame(data: unknown): void;
  /** Right after each scheduled ping (the owner flushes its ack there). */
  afterPing(): void;
  /** The state changed. */
  stateChanged(change: StateChange): void;
  /** A failure to report through `onError`. */
  report(error: EventServiceClientError): void;
}

/** One connect attempt, and its socket once created. Current while `connection.link === link`. */
interface Link {
  readonly abort: AbortController;
  socket?: WebSocketLike;
  handshakeTimer?: TimerHandle;
  opened: boolean;
  openedAt: number;
}

interface TransitionDetails {
  readonly reason: StateChangeReason;
  readonly error?: EventServiceClientError;
  readonly closeCode?: number;
  readonly closeReason?: string;
  readonly retryInMs?: number;
}

/** @internal The states in which nothing runs until `connect()` or `acquire()`. */
export const STOPPED_STATES: ReadonlySet<ConnectionState> = new Set(['idle', 'closed', 'unauthorized']);

/**
 * @internal The connection lifecycle of one `EventServiceClient`: attempts
 * (token, ticket, handshake), their generations, the one socket, liveness,
 * backoff, auth recovery, platform wake-ups and the public state.
 *
 * Each attempt is a {@link Link}; only the current one may act. Anything a
 * superseded attempt produces (a socket, a failure, a 401) is dropped, and
 * {@link Connection.generation} changes whenever the current attempt does,
 * so the owner can tell that work it started has been overtaken.
 *
 * `connect()` settles its promise when its attempt settles, which is when
 * the state leaves `connecting`: the socket opened, the attempt failed
 * (reported, retry scheduled), auth recovery gave up, or the connection
 * stopped. An attempt superseded by another `connect()` settles with that one.
 */
export class Connection {
  readonly #ticketUrl: string;
  readonly #config: EventServiceConfig;
  readonly #timers: Timers;
  readonly #logger: Logger;
  readonly #backoff: Required<BackoffOptions>;
  readonly #requestTimeoutMs: number;
  readonly #platform: PlatformHooks | null;
  readonly #heartbeat: Heartbeat;
  readonly #host: ConnectionHost;

  /** The public connection state. Read-only outside this class. */
  state: ConnectionState = 'idle';
  #link: Link | undefined;
  /**
   * Changes whenever the current attempt changes (a new attempt, a lost or
   * replaced socket) or the connection stops. Compare before and after
   * running app code to learn whether the socket you were serving is gone.
   * Read-only outside this class.
   */
  generation = 0;
  #retryTimer: TimerHandle | undefined;
  /** Retries scheduled since the last stable connection; drives the backoff. */
  #retries = 0;
  #lastFailureAt = -Infinity;
  #authRecoveriesUsed = 0;
  #hasOpened = false;
  #platformUnsubscribers: Array<() => void> = [];
  /** `connect()`/`acquire()` promises waiting for the state to leave `connecting`. */
  #settling: Array<() => void> = [];

  /**
   * @param config - the client's config; this class reads the connection options.
   * @param host - the owner's side (see {@link ConnectionHost}).
   * @throws TypeError when `config.url` is not an absolute http(s)/ws(s) URL.
   */
  constructor(config: EventServiceConfig, host: ConnectionHost) {
    this.#host = host;
    const defaults = EVENT_SERVICE_CLIENT_DEFAULTS;
    this.#config = config;
    this.#ticketUrl = ticketEndpoint(config.url);
    this.#timers = host.timers;
    this.#logger = host.logger;
    this.#backoff = { ...DEFAULT_BACKOFF, ...config.backoff };
    this.#requestTimeoutMs = config.requestTimeoutMs ?? defaults.requestTimeoutMs;
    this.#platform = config.platform === undefined ? browserPlatform() : config.platform;
    this.#heartbeat = new Heartbeat({
      timers: this.#timers,
      intervalMs: config.pingIntervalMs ?? defaults.pingIntervalMs,
      pongTimeoutMs: config.pongTimeoutMs ?? defaults.pongTimeoutMs,
      sendPing: () => {
        this.send(PING_FRAME);
      },
      afterPing: () => host.afterPing(),
      onSilent: () => this.#onSilent(),
    });
  }

  /** True while a socket is open (state `open`). */
  isOpen(): boolean {
    return this.state === 'open' && this.#link?.socket?.readyState === SOCKET_OPEN;
  }

  /**
   * Runs one attempt now: any attempt in flight is dropped and an open socket
   * closed first (`superseded`), a waiting retry is cancelled, and the auth
   * recovery allowance is restored. Backoff carries over between quick
   * restarts (remount storms) and is forgotten once the last failure is older
   * than the backoff cap. Resolves when this attempt settles; never rejects.
   */
  connect(): Promise<void> {
    this.#cancelRetry();
    if (this.#link !== undefined) this.#abandon(this.#link, CLIENT_CLOSE_REASONS.superseded);
    this.#authRecoveriesUsed = 0;
    if (this.#timers.now() - this.#lastFailureAt > this.#backoff.maxMs) this.#retries = 0;
    const generation = ++this.generation;
    this.#transition('connecting', { reason: 'connect' });
    // Unless a state listener stopped or restarted the connection already.
    if (this.generation === generation) {
      this.#attachPlatform();
      this.#startLink();
    }
    return this.join();
  }

  /**
   * Settles when the state leaves `connecting`, that is when the attempt
   * `connect()` started (or the one that superseded it) settles: open,
   * failed and retrying, unauthorized, or stopped. Resolved at once in any
   * other state.
   */
  join(): Promise<void> {
    return this.state === 'connecting' ? new Promise((resolve) => this.#settling.push(resolve)) : Promise.resolve();
  }

  /** Leaves every attempt, socket and timer behind and settles in a stopped state. */
  stop(state: ConnectionState, reason: StateChangeReason, error?: EventServiceClientError): void {
    this.generation++;
    this.#cancelRetry();
    if (this.#link !== undefined) this.#abandon(this.#link, CLIENT_CLOSE_REASONS.disconnect);
    this.#detachPlatform();
    this.#transition(state, error === undefined ? { reason } : { reason, error });
  }

  /** Forgets the history: the next open is a first open, with no backoff and a fresh auth recovery. */
  forgetHistory(): void {
    this.#hasOpened = false;
    this.#retries = 0;
    this.#lastFailureAt = -Infinity;
    this.#authRecoveriesUsed = 0;
  }

  /** Sends one text frame on the open socket; false when there is none or it refused. */
  send(frame: string): boolean {
    const link = this.#link;
    const socket = link?.opened ? link.socket : undefined;
    if (socket === undefined || socket.readyState !== SOCKET_OPEN) return false;
    try {
      socket.send(frame);
      return true;
    } catch (error) {
      this.#logger.debug('event-service: send failed', { message: errorMessage(error) });
      return false;
    }
  }

  // ---------------------------------------------------------------------------
  // Attempts

  /** Starts an attempt and makes it current. Its first step (the token) is asynchronous. */
  #startLink(): void {
    const link: Link = { abort: new AbortController(), opened: false, openedAt: 0 };
    this.#link = link;
    this.generation++;
    void this.#runLink(link);
  }

  async #runLink(link: Link): Promise<void> {
    try {
      const token = await this.#fetchToken(link);
      if (this.#link !== link) return;
      const ticket = await withDeadline(
        this.#requestTimeoutMs,
        (signal) => requestTicket(this.#config.fetch ?? globalFetch, this.#ticketUrl, token, signal),
        link.abort.signal,
        this.#timers,
      );
      if (this.#link !== link) return;
      this.#openSocket(link, ticket);
    } catch (error) {
      this.#linkFailed(link, toClientError(error));
    }
  }

  async #fetchToken(link: Link): Promise<string> {
    let token: unknown;
    try {
      token = await withDeadline(this.#requestTimeoutMs, async () => this.#config.getToken(), link.abort.signal, this.#timers);
    } catch (error) {
      if (error instanceof RequestDeadlineError || this.#link !== link) throw error;
      throw new EventServiceError('token_failed', 'getToken() failed', { cause: error });
    }
    if (typeof token !== 'string' || token.length === 0) {
      throw new EventServiceError('token_failed', 'getToken() did not return a non-empty string');
    }
    return token;
  }

  #openSocket(link: Link, ticket: string): void {
    let socket: WebSocketLike;
    try {
      // Looked up now, not at construction: a global stubbed or intercepted since is the one used.
      const WebSocketImpl: WebSocketConstructor = resolveWebSocket(this.#config.WebSocket);
      socket = new WebSocketImpl(socketEndpoint(this.#config.url, ticket), [EVENT_SERVICE_SUBPROTOCOL]);
    } catch (error) {
      this.#linkFailed(link, new EventServiceError('socket_error', 'Could not create the WebSocket', { cause: error }));
      return;
    }
    link.socket = socket;
    // Listeners stay attached for the socket's whole life (an `error` listener
    // must exist on `ws` sockets); each one first checks that its link is current.
    socket.addEventListener('open', () => this.#onSocketOpen(link, socket));
    socket.addEventListener('message', (event: { data?: unknown }) => this.#onSocketMessage(link, event));
    socket.addEventListener('close', (event: { code?: unknown; reason?: unknown }) => this.#onSocketClose(link, event));
    socket.addEventListener('error', (event: unknown) => this.#onSocketError(link, event));
    link.handshakeTimer = this.#timers.setTimeout(() => {
      link.handshakeTimer = undefined;
      if (this.#link === link && !link.opened) this.#linkFailed(link, new HandshakeTimeoutError());
    }, this.#config.handshakeTimeoutMs ?? EVENT_SERVICE_CLIENT_DEFAULTS.handshakeTimeoutMs);
  }

  #onSocketOpen(link: Link, socket: WebSocketLike): void {
    if (this.#link !== link) {
      closeSocket(socket, CLIENT_CLOSE_REASONS.superseded, false);
      return;
    }
    this.#clearHandshakeTimer(link);
    link.opened = true;
    link.openedAt = this.#timers.now();
    const isReconnect = this.#hasOpened;
    this.#hasOpened = true;
    this.#authRecoveriesUsed = 0;
    this.#host.attach();
    // An onError listener (told about contexts that do not fit) may have stopped the client.
    if (this.#link !== link) return;
    this.#heartbeat.start();
    this.#transition('open', { reason: 'opened' });
    if (this.#link === link) this.#host.opened(isReconnect);
  }

  #onSocketMessage(link: Link, event: { data?: unknown }): void {
    if (this.#link !== link || !link.opened) return;
    this.#heartbeat.alive();
    this.#host.frame(event?.data);
  }

  #onSocketError(link: Link, event: unknown): void {
    if (this.#link !== link) return;
    if (link.opened) {
      // After open, an error is always followed by a close; act on the close.
      this.#logger.debug('event-service: socket error', { message: describeSocketError(event).message });
      return;
    }
    const { message, status } = describeSocketError(event);
    this.#linkFailed(
      link,
      new EventServiceError('socket_error', `WebSocket connection failed${message ? `: ${message}` : ''}`, {
        status,
        cause: event,
      }),
    );
  }

  #onSocketClose(link: Link, event: { code?: unknown; reason?: unknown }): void {
    if (this.#link !== link) return;
    const code = typeof event?.code === 'number' ? event.code : CLOSE_CODES.abnormal;
    const reason = typeof event?.reason === 'string' ? event.reason : '';
    if (!link.opened) {
      this.#linkFailed(link, new EventServiceError('socket_error', `WebSocket closed before opening (code ${code})`));
      return;
    }
    this.#abandon(link, CLIENT_CLOSE_REASONS.superseded);
    this.#logger.warn('event-service: socket closed', { code, reason });
    if (isAuthCloseCode(code)) {
      const generation = this.generation;
      this.#transition('reconnecting', { reason: 'socket_closed', closeCode: code, closeReason: reason });
      void this.#recoverFromAuthFailure(
        new WebSocketAuthError(`The server closed the socket with ${code}`, code === CLOSE_CODES.forbidden ? 403 : 401),
        generation,
      );
      return;
    }
    this.#scheduleRetry({ reason: 'socket_closed', closeCode: code, closeReason: reason });
  }

  #onSilent(): void {
    const link = this.#link;
    if (link === undefined || !link.opened) return;
    const error = new EventServiceError('pong_timeout', 'No frame arrived after a ping; the socket is presumed dead');
    this.#abandon(link, CLIENT_CLOSE_REASONS.pongTimeout);
    this.#host.report(error);
    this.#scheduleRetry({ reason: 'pong_timeout', error });
  }

  /** A failure of `link` before it opened. Ignored unless `link` is current. */
  #linkFailed(link: Link, error: EventServiceClientError): void {
    if (this.#link !== link) return;
    this.#abandon(
      link,
      error instanceof HandshakeTimeoutError ? CLIENT_CLOSE_REASONS.handshakeTimeout : CLIENT_CLOSE_REASONS.superseded,
    );
    if (error instanceof WebSocketAuthError) {
      void this.#recoverFromAuthFailure(error, this.generation);
      return;
    }
    this.#host.report(error);
    this.#scheduleRetry({ reason: 'attempt_failed', error });
  }

  /** Runs once per refusal; `generation` is the one right after the refused attempt was left. */
  async #recoverFromAuthFailure(error: WebSocketAuthError, generation: number): Promise<void> {
    this.#host.report(error);
    if (this.generation !== generation) return;
    if (this.#authRecoveriesUsed >= 1) {
      this.stop('unauthorized', 'unauthorized', error);
      return;
    }
    this.#authRecoveriesUsed++;
    let decision: unknown;
    const onUnauthorized = this.#config.onUnauthorized;
    if (onUnauthorized !== undefined) {
      try {
        decision = await onUnauthorized();
      } catch (thrown) {
        // A failing callback still gets its one retry; a second refusal stops.
        this.#host.report(listenerError(thrown, 'onUnauthorized'));
      }
    }
    // Every stop and every new attempt changes the generation.
    if (this.generation !== generation) return;
    if (decision === 'stop') {
      this.stop('unauthorized', 'unauthorized', error);
      return;
    }
    this.#scheduleRetry({ reason: 'attempt_failed', error });
  }

  #scheduleRetry(details: TransitionDetails): void {
    if (this.#retryTimer !== undefined || this.#link !== undefined) return;
    const delay = backoffDelay(this.#retries, this.#backoff, this.#config.random);
    this.#retries++;
    this.#lastFailureAt = this.#timers.now();
    this.#retryTimer = this.#timers.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#startLink();
    }, delay);
    this.#transition('reconnecting', { ...details, retryInMs: delay });
  }

  #cancelRetry(): void {
    if (this.#retryTimer === undefined) return;
    this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  /** A wake-up from the platform: retry now instead of waiting, or probe an open socket. */
  #wake(trigger: string): void {
    if (this.state === 'open') {
      this.#heartbeat.probe();
      return;
    }
    if (this.#retryTimer === undefined) return;
    this.#logger.debug('event-service: retrying early', { trigger });
    this.#cancelRetry();
    this.#startLink();
  }

  /**
   * Makes `link` no longer current and releases everything it holds. A
   * connection that stayed open at least `backoff.stableAfterMs` resets the
   * retry count.
   */
  #abandon(link: Link, reason: ClientCloseReason): void {
    if (this.#link === link) {
      this.#link = undefined;
      this.generation++;
    }
    link.abort.abort(new EventServiceError('disconnected', 'The connect attempt was cancelled'));
    this.#clearHandshakeTimer(link);
    if (link.opened) {
      if (this.#timers.now() - link.openedAt >= this.#backoff.stableAfterMs) this.#retries = 0;
      this.#heartbeat.stop();
      this.#host.detach();
    }
    if (link.socket !== undefined) closeSocket(link.socket, reason, reason === CLIENT_CLOSE_REASONS.pongTimeout);
  }

  #clearHandshakeTimer(link: Link): void {
    if (link.handshakeTimer === undefined) return;
    this.#timers.clearTimeout(link.handshakeTimer);
    link.handshakeTimer = undefined;
  }

  #transition(next: ConnectionState, details: TransitionDetails): void {
    const previous = this.state;
    if (previous === next) return;
    this.state = next;
    this.#logger.debug('event-service: state', { state: next, previous, reason: details.reason });
    // Resolved first, run later: a promise continuation comes after every listener of this change.
    const settling = this.#settling;
    this.#settling = [];
    for (const resolve of settling) resolve();
    this.#host.stateChanged({ state: next, previous, ...details });
  }

  // ---------------------------------------------------------------------------
  // Platform wake-ups

  #attachPlatform(): void {
    if (this.#platform === null || this.#platformUnsubscribers.length > 0) return;
    const hooks: Array<[string, ((listener: () => void) => () => void) | undefined]> = [
      ['online', this.#platform.onOnline?.bind(this.#platform)],
      ['visible', this.#platform.onVisible?.bind(this.#platform)],
    ];
    for (const [trigger, subscribe] of hooks) {
      if (subscribe === undefined) continue;
      try {
        this.#platformUnsubscribers.push(subscribe(() => this.#wake(trigger)));
      } catch (error) {
        this.#logger.warn('event-service: a platform hook failed', { trigger, message: errorMessage(error) });
      }
    }
  }

  #detachPlatform(): void {
    const unsubscribers = this.#platformUnsubscribers;
    this.#platformUnsubscribers = [];
    for (const unsubscribe of unsubscribers) {
      try {
        unsubscribe();
      } catch (error) {
        this.#logger.warn('event-service: a platform hook failed to detach', { message: errorMessage(error) });
      }
    }
  }
}

const globalFetch: TicketFetch = (input, init) => globalThis.fetch(input, init);

function closeSocket(socket: WebSocketLike, reason: ClientCloseReason, hard: boolean): void {
  try {
    if (socket.readyState === SOCKET_CONNECTING || socket.readyState === SOCKET_OPEN) {
      socket.close(CLOSE_CODES.normal, reason);
    }
    // A silent peer will never answer the closing handshake; drop the TCP connection now where possible.
    if (hard) socket.terminate?.();
  } catch {
    // Closing is best effort: the socket is already forgotten.
  }
}

function toClientError(error: unknown): EventServiceClientError {
  if (
    error instanceof EventServiceError ||
    error instanceof WebSocketAuthError ||
    error instanceof HandshakeTimeoutError ||
    error instanceof RequestDeadlineError
  ) {
    return error;
  }
  return new EventServiceError('ticket_failed', errorMessage(error), { cause: error });
}

function describeSocketError(event: unknown): { message: string; status: number | undefined } {
  const record = (typeof event === 'object' && event !== null ? event : {}) as { message?: unknown; error?: unknown };
  const inner = record.error instanceof Error ? record.error.message : undefined;
  const message = typeof record.message === 'string' && record.message !== '' ? record.message : (inner ?? '');
  // `ws` reports a refused upgrade as "Unexpected server response: <status>".
  const match = /response: (\d{3})/.exec(message);
  return { message, status: match ? Number(match[1]) : undefined };
}

/** @internal The `listener_error` for a listener or callback of the app that threw in `where`. */
export function listenerError(thrown: unknown, where: string): EventServiceError {
  return new EventServiceError('listener_error', `A listener threw in ${where}: ${errorMessage(thrown)}`, { cause: thrown });
}

/** @internal The message of a thrown value, for logs and error texts. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
