import { AckScheduler } from './ack-scheduler.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { CLIENT_CLOSE_REASONS, CLOSE_CODES, isAuthCloseCode } from './codes.js';
import type { ClientCloseReason } from './codes.js';
import { EVENT_SERVICE_CLIENT_DEFAULTS } from './config.js';
import type { EventServiceConfig } from './config.js';
import type { ConnectionState, EventServiceClientError, StateChange, StateChangeReason } from './connection-state.js';
import { assertContext } from './context-validation.js';
import { withDeadline } from './deadline.js';
import { HandshakeTimeoutError, RequestDeadlineError, WebSocketAuthError } from './errors.js';
import { EventServiceError } from './event-service-error.js';
import { encodeAck, encodeSubscribe, encodeUnsubscribe, parseInboundFrame, PING_FRAME } from './frames.js';
import type { InboundFrame } from './frames.js';
import { Heartbeat } from './heartbeat.js';
import { EVENT_SERVICE_SUBPROTOCOL, MAX_CONTEXTS } from './limits.js';
import { KeyedListeners, ListenerSet } from './listeners.js';
import type { Logger } from './logger.js';
import { noopLogger } from './logger.js';
import { browserPlatform } from './platform.js';
import type { PlatformHooks } from './platform.js';
import { defaultWebSocket, SOCKET_CONNECTING, SOCKET_OPEN } from './socket.js';
import type { WebSocketConstructor, WebSocketLike } from './socket.js';
import { SubscriptionRegistry } from './subscription-registry.js';
import type { WirePlan } from './subscription-registry.js';
import { requestTicket } from './ticket.js';
import type { TicketFetch } from './ticket.js';
import { globalTimers } from './timers.js';
import type { TimerHandle, Timers } from './timers.js';
import type { EventChannel } from './types.js';
import { socketEndpoint, ticketEndpoint } from './url.js';

/** One inbound `event` frame, as given to per-context and all-event listeners. */
export interface InboundEvent {
  /** The context the event was pushed to. */
  readonly context: string;
  /** The event name, e.g. `message.created`. Names this package does not know are delivered too. */
  readonly event: string;
  /** The payload, not validated here (typed wrappers such as `KiloChatClient.on` validate it). */
  readonly payload: unknown;
  /** The frame's per-socket sequence number, when the server sent one. */
  readonly seq: number | undefined;
}

/** Listener of {@link EventServiceClient.on}: called with the context and payload of each matching event. */
export type EventHandler = (context: string, payload: unknown) => void;

/** Listener of {@link EventServiceClient.onContext} and {@link EventServiceClient.onAnyEvent}. */
export type InboundEventHandler = (event: InboundEvent) => void;

/**
 * What {@link EventServiceClient.subscribe} returns. Ignoring it is fine (the
 * reference API returned nothing); keeping it gives a release that cannot
 * be called twice by mistake.
 */
export interface SubscriptionHandle {
  /** The contexts this handle holds one reference to each. */
  readonly contexts: readonly string[];
  /**
   * Releases this handle's references. Only the first call counts, and a
   * handle from before `reset()` does nothing.
   */
  unsubscribe(): void;
}

/** One connect attempt, and its socket once created. Current while `client.link === link`. */
interface Link {
  readonly abort: AbortController;
  socket: WebSocketLike | undefined;
  handshakeTimer: TimerHandle | undefined;
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

const STOPPED_STATES: ReadonlySet<ConnectionState> = new Set(['idle', 'closed', 'unauthorized']);

/**
 * The realtime client of the Kilo Event Service: one WebSocket per client,
 * authenticated with a fresh single-use ticket per attempt, carrying
 * reference-counted context subscriptions that are restored after every
 * reconnect.
 *
 * It keeps the reference client's API (`connect`, `disconnect`, `acquire`,
 * `release`, `isConnected`, `subscribe`, `unsubscribe`, `on`, `onConnected`,
 * `onReconnect`, `onResync`) and adds a public {@link ConnectionState},
 * typed error events, per-context and all-event listeners, and
 * `reset()`/`dispose()`.
 *
 * Guarantees:
 * - at most one socket is open at a time, and nothing a superseded attempt
 *   produces (a socket, a failure, a 401) has any effect;
 * - after `disconnect()` no socket, timer or request of this client remains;
 * - a throwing listener is reported through `onError` and disturbs nothing else;
 * - no subscription is dropped silently: what does not fit on the socket is
 *   reported as `too_many_contexts`;
 * - the client acknowledges events early enough that the server's
 *   unacked-events rule never closes it while it keeps up.
 *
 * @example
 * ```ts
 * const client = new EventServiceClient({ url: 'https://events.kiloapps.io', getToken });
 * const off = client.on('message.created', (context, payload) => render(context, payload));
 * client.onResync(() => refetchEverything());
 * const sub = client.subscribe([kiloclawInstanceContext(sandboxId)]);
 * await client.connect();
 * // later
 * sub.unsubscribe();
 * off();
 * client.disconnect();
 * ```
 */
export class EventServiceClient implements EventChannel {
  private readonly baseUrl: string;
  private readonly ticketUrl: string;
  private readonly getToken: EventServiceConfig['getToken'];
  private readonly onUnauthorizedCallback: EventServiceConfig['onUnauthorized'];
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly fetchImpl: TicketFetch;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly backoff: Required<BackoffOptions>;
  private readonly handshakeTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly maxContextsPerSocket: number;
  private readonly platform: PlatformHooks | null;

  private currentState: ConnectionState = 'idle';
  private link: Link | undefined;
  private retryTimer: TimerHandle | undefined;
  /** Retries scheduled since the last stable connection; drives the backoff. */
  private retries = 0;
  private lastFailureAt = Number.NEGATIVE_INFINITY;
  private authRecoveriesUsed = 0;
  /** Bumped whenever the client starts or stops, so awaited work can tell it was overtaken. */
  private epoch = 0;
  private hasOpened = false;
  private holds = 0;
  private disposed = false;
  private waiters: Array<() => void> = [];
  private platformUnsubscribers: Array<() => void> = [];
  /** Bumped by `reset()`, so subscription handles from before it become inert. */
  private registryEpoch = 0;

  private readonly registry = new SubscriptionRegistry();
  private readonly ack: AckScheduler;
  private readonly heartbeat: Heartbeat;

  private readonly eventListeners = new KeyedListeners<[string, unknown]>();
  private readonly contextListeners = new KeyedListeners<[InboundEvent]>();
  private readonly anyEventListeners = new ListenerSet<[InboundEvent]>();
  private readonly connectedListeners = new ListenerSet<[]>();
  private readonly reconnectListeners = new ListenerSet<[]>();
  private readonly resyncListeners = new ListenerSet<[]>();
  private readonly stateListeners = new ListenerSet<[StateChange]>();
  private readonly errorListeners = new ListenerSet<[EventServiceClientError]>();

  private readonly reportThrow = (thrown: unknown, where: string, key: string | undefined): void => {
    this.reportListenerError(thrown, key === undefined ? where : `${where}('${key}')`);
  };

  /**
   * @param config - `url` and `getToken` are required; see {@link EventServiceConfig}.
   * @throws TypeError when `url` is not an absolute http(s)/ws(s) URL or `getToken` is missing.
   */
  constructor(config: EventServiceConfig) {
    if (typeof config?.getToken !== 'function') throw new TypeError('EventServiceClient needs a getToken function');
    this.baseUrl = config.url;
    this.ticketUrl = ticketEndpoint(config.url);
    this.getToken = config.getToken;
    this.onUnauthorizedCallback = config.onUnauthorized;
    this.WebSocketImpl = config.WebSocket ?? defaultWebSocket;
    this.fetchImpl = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timers = config.timers ?? globalTimers;
    this.logger = config.logger ?? noopLogger;
    this.random = config.random ?? Math.random;
    this.backoff = { ...DEFAULT_BACKOFF, ...config.backoff };
    const defaults = EVENT_SERVICE_CLIENT_DEFAULTS;
    this.handshakeTimeoutMs = config.handshakeTimeoutMs ?? defaults.handshakeTimeoutMs;
    this.requestTimeoutMs = config.requestTimeoutMs ?? defaults.requestTimeoutMs;
    this.maxContextsPerSocket = config.maxContextsPerSocket ?? defaults.maxContextsPerSocket;
    this.platform = config.platform === undefined ? browserPlatform() : config.platform;

    this.ack = new AckScheduler({
      timers: this.timers,
      delayMs: config.ackDelayMs ?? defaults.ackDelayMs,
      maxUnacked: Math.max(1, config.ackEveryEvents ?? defaults.ackEveryEvents),
      send: (seq) => this.send(encodeAck(seq)),
    });
    this.heartbeat = new Heartbeat({
      timers: this.timers,
      intervalMs: config.pingIntervalMs ?? defaults.pingIntervalMs,
      pongTimeoutMs: config.pongTimeoutMs ?? defaults.pongTimeoutMs,
      sendPing: () => {
        this.send(PING_FRAME);
      },
      afterPing: () => this.ack.flush(),
      onSilent: () => this.onSilent(),
    });
  }

  // ---------------------------------------------------------------------------
  // Lifecycle

  /** The current {@link ConnectionState}. */
  get state(): ConnectionState {
    return this.currentState;
  }

  /**
   * Starts the client, or joins the start already under way. Idempotent:
   * while connecting, open or reconnecting it opens nothing new. From
   * `unauthorized` it starts over with a fresh recovery allowance.
   *
   * The promise resolves once a socket is open, or once the client stops
   * (`disconnect()`, `reset()`, `dispose()`, or state `unauthorized`); read
   * {@link EventServiceClient.state} to tell which. It never rejects for
   * network or auth reasons; failures are reported through `onError`.
   *
   * @throws EventServiceError `disposed` (as a rejection) after `dispose()`.
   */
  connect(): Promise<void> {
    if (this.disposed) return Promise.reject(this.disposedError('connect'));
    if (this.currentState === 'open') return Promise.resolve();
    const settled = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (STOPPED_STATES.has(this.currentState)) {
      const epoch = ++this.epoch;
      this.authRecoveriesUsed = 0;
      // Backoff carries over between quick stop/start cycles (remount storms),
      // and is forgotten once the last failure is older than the backoff cap.
      if (this.timers.now() - this.lastFailureAt > this.backoff.maxMs) this.retries = 0;
      this.transition('connecting', { reason: 'connect' });
      // A state listener may have stopped the client already.
      if (this.epoch !== epoch) return settled;
      this.attachPlatform();
      this.startLink();
    }
    return settled;
  }

  /**
   * Stops the client: cancels the attempt in flight (token, ticket request
   * and handshake are aborted), closes the socket with 1000, clears every
   * timer, and resets the `acquire()` count. Subscriptions and listeners are
   * kept for a later `connect()`; use `reset()` to drop them.
   */
  disconnect(): void {
    this.holds = 0;
    if (this.disposed) return;
    this.stop(this.currentState === 'idle' ? 'idle' : 'closed', 'disconnect');
  }

  /**
   * Takes a hold on the connection and connects if needed. Holds are counted;
   * the last `release()` disconnects. Resolves as `connect()` does.
   */
  acquire(): Promise<void> {
    if (this.disposed) return Promise.reject(this.disposedError('acquire'));
    this.holds++;
    return this.connect();
  }

  /** Gives back one hold from `acquire()`; the last one disconnects. Extra calls do nothing. */
  release(): void {
    if (this.holds === 0) return;
    this.holds--;
    if (this.holds === 0) this.disconnect();
  }

  /** True while a socket is open (state `open`). */
  isConnected(): boolean {
    return this.currentState === 'open' && this.link?.socket?.readyState === SOCKET_OPEN;
  }

  /**
   * For an identity switch (sign-out, account change): disconnects and forgets
   * every subscription, the "connected before" history (so the next open is a
   * first connect, with no reconnect or resync signal), the backoff and the
   * auth recovery. Listeners stay. State becomes `idle`.
   */
  reset(): void {
    if (this.disposed) return;
    this.holds = 0;
    this.stop('idle', 'reset');
    this.registry.clear();
    this.registryEpoch++;
    this.hasOpened = false;
    this.retries = 0;
    this.lastFailureAt = Number.NEGATIVE_INFINITY;
    this.authRecoveriesUsed = 0;
  }

  /**
   * Stops for good: disconnects, drops every subscription and listener. Later
   * `connect()`/`acquire()` reject and `subscribe()` throws with code
   * `disposed`; other calls do nothing.
   */
  dispose(): void {
    if (this.disposed) return;
    this.holds = 0;
    this.stop('closed', 'dispose');
    this.disposed = true;
    this.registry.clear();
    this.registryEpoch++;
    this.eventListeners.clear();
    this.contextListeners.clear();
    this.anyEventListeners.clear();
    this.connectedListeners.clear();
    this.reconnectListeners.clear();
    this.resyncListeners.clear();
    this.stateListeners.clear();
    this.errorListeners.clear();
  }

  // ---------------------------------------------------------------------------
  // Subscriptions

  /**
   * Adds one reference to each context (a context listed twice gets two). A
   * context's first reference sends `context.subscribe` when open; while not
   * open it is sent on the next open. Every open re-sends all live contexts,
   * in frames of at most 200.
   *
   * Contexts that do not fit under the per-socket limit are reported through
   * `onError` as `too_many_contexts` (with the contexts) and are placed as
   * soon as room frees up.
   *
   * @returns a handle whose `unsubscribe()` releases exactly these references.
   * @throws EventServiceError `invalid_context` when a context is not a string
   *   of 1–256 characters; nothing is subscribed then.
   */
  subscribe(contexts: readonly string[]): SubscriptionHandle {
    if (this.disposed) throw this.disposedError('subscribe');
    const list = toList(contexts);
    for (const context of list) assertContext(context);
    this.applyPlan(this.registry.add(list));
    const epoch = this.registryEpoch;
    let active = true;
    return {
      contexts: list,
      unsubscribe: () => {
        if (!active) return;
        active = false;
        if (epoch === this.registryEpoch) this.unsubscribe(list);
      },
    };
  }

  /**
   * Removes one reference from each context; the last reference sends
   * `context.unsubscribe` when open. Unknown contexts are ignored.
   */
  unsubscribe(contexts: readonly string[]): void {
    if (this.disposed) return;
    const list = toList(contexts).filter((context) => typeof context === 'string');
    this.applyPlan(this.registry.remove(list));
  }

  /** The contexts with at least one live reference, in first-subscribe order. */
  activeContexts(): string[] {
    return this.registry.live();
  }

  // ---------------------------------------------------------------------------
  // Listeners

  /**
   * Listens to events named `event` on every context. Registering the same
   * function twice for a name counts once.
   *
   * @returns a function that removes the listener.
   */
  on(event: string, handler: EventHandler): () => void {
    return this.eventListeners.add(event, handler);
  }

  /**
   * Listens to every event on one context (exact match, as the server routes).
   *
   * @returns a function that removes the listener.
   */
  onContext(context: string, handler: InboundEventHandler): () => void {
    return this.contextListeners.add(context, handler);
  }

  /**
   * Listens to every event on every context. Runs after the `on()` and
   * `onContext()` listeners of the same event.
   *
   * @returns a function that removes the listener.
   */
  onAnyEvent(handler: InboundEventHandler): () => void {
    return this.anyEventListeners.add(handler);
  }

  /**
   * Called on every open, the first included. When the client is already open
   * the handler also runs at once, synchronously; if it throws there, the
   * error reaches the caller and the handler stays registered.
   *
   * @returns a function that removes the handler.
   */
  onConnected(handler: () => void): () => void {
    const off = this.connectedListeners.add(handler);
    if (this.isConnected()) handler();
    return off;
  }

  /**
   * Called on every open after the first (since construction or `reset()`),
   * before `onResync` and `onConnected` handlers.
   *
   * @returns a function that removes the handler.
   */
  onReconnect(handler: () => void): () => void {
    return this.reconnectListeners.add(handler);
  }

  /**
   * Called when events may have been missed, so cached state should be
   * refetched: on every reconnect, and when a `seq` gap shows a lost frame.
   * The server has no replay; this signal is the recovery.
   *
   * @returns a function that removes the handler.
   */
  onResync(handler: () => void): () => void {
    return this.resyncListeners.add(handler);
  }

  /**
   * Called on every {@link ConnectionState} change with the reason.
   *
   * @returns a function that removes the handler.
   */
  onStateChange(handler: (change: StateChange) => void): () => void {
    return this.stateListeners.add(handler);
  }

  /**
   * Called with every failure the client recovers from or reports: attempt
   * failures, `too_many_contexts`, unknown server error frames and listener
   * exceptions. Switch on `error.code`.
   *
   * @returns a function that removes the handler.
   */
  onError(handler: (error: EventServiceClientError) => void): () => void {
    return this.errorListeners.add(handler);
  }

  // ---------------------------------------------------------------------------
  // Attempts

  private startLink(): void {
    const link: Link = {
      abort: new AbortController(),
      socket: undefined,
      handshakeTimer: undefined,
      opened: false,
      openedAt: 0,
    };
    this.link = link;
    void this.runLink(link);
  }

  private async runLink(link: Link): Promise<void> {
    try {
      const token = await this.fetchToken(link);
      if (this.link !== link) return;
      const ticket = await withDeadline(
        this.requestTimeoutMs,
        (signal) => requestTicket(this.fetchImpl, this.ticketUrl, token, signal),
        link.abort.signal,
        this.timers,
      );
      if (this.link !== link) return;
      this.openSocket(link, ticket);
    } catch (error) {
      this.linkFailed(link, toClientError(error));
    }
  }

  private async fetchToken(link: Link): Promise<string> {
    let token: unknown;
    try {
      token = await withDeadline(this.requestTimeoutMs, async () => this.getToken(), link.abort.signal, this.timers);
    } catch (error) {
      if (error instanceof RequestDeadlineError || this.link !== link) throw error;
      throw new EventServiceError('token_failed', 'getToken() failed', { cause: error });
    }
    if (typeof token !== 'string' || token.length === 0) {
      throw new EventServiceError('token_failed', 'getToken() did not return a non-empty string');
    }
    return token;
  }

  private openSocket(link: Link, ticket: string): void {
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocketImpl(socketEndpoint(this.baseUrl, ticket), [EVENT_SERVICE_SUBPROTOCOL]);
    } catch (error) {
      this.linkFailed(link, new EventServiceError('socket_error', 'Could not create the WebSocket', { cause: error }));
      return;
    }
    link.socket = socket;
    // Listeners stay attached for the socket's whole life (an `error` listener
    // must exist on `ws` sockets); each one first checks that its link is current.
    socket.addEventListener('open', () => this.onSocketOpen(link, socket));
    socket.addEventListener('message', (event: { data?: unknown }) => this.onSocketMessage(link, event));
    socket.addEventListener('close', (event: { code?: unknown; reason?: unknown }) => this.onSocketClose(link, event));
    socket.addEventListener('error', (event: unknown) => this.onSocketError(link, event));
    link.handshakeTimer = this.timers.setTimeout(() => {
      link.handshakeTimer = undefined;
      if (this.link === link && !link.opened) this.linkFailed(link, new HandshakeTimeoutError());
    }, this.handshakeTimeoutMs);
  }

  private onSocketOpen(link: Link, socket: WebSocketLike): void {
    if (this.link !== link) {
      closeSocket(socket, CLIENT_CLOSE_REASONS.superseded, false);
      return;
    }
    this.clearHandshakeTimer(link);
    link.opened = true;
    link.openedAt = this.timers.now();
    const isReconnect = this.hasOpened;
    this.hasOpened = true;
    this.authRecoveriesUsed = 0;
    this.ack.reset();
    this.applyPlan(this.registry.attach(this.maxContextsPerSocket));
    this.heartbeat.start();
    this.transition('open', { reason: 'opened' });
    if (isReconnect) {
      if (this.link !== link) return;
      this.reconnectListeners.emit(this.reportThrow, 'onReconnect');
      if (this.link !== link) return;
      this.resyncListeners.emit(this.reportThrow, 'onResync');
    }
    if (this.link !== link) return;
    this.connectedListeners.emit(this.reportThrow, 'onConnected');
    if (this.link === link) this.settleWaiters();
  }

  private onSocketMessage(link: Link, event: { data?: unknown }): void {
    if (this.link !== link || !link.opened) return;
    this.heartbeat.alive();
    this.handleFrame(link, parseInboundFrame(event?.data));
  }

  private handleFrame(link: Link, frame: InboundFrame): void {
    // Events first: nearly every frame is one.
    switch (frame.type) {
      case 'event': {
        const seq = frame.seq;
        if (seq !== undefined) {
          if (this.countSeq(seq) === 'duplicate') {
            this.logger.debug('event-service: dropped a repeated seq', { seq });
            return;
          }
          if (this.link !== link) return;
        }
        this.dispatch(frame.context, frame.event, frame.payload, seq);
        return;
      }
      case 'pong':
        return;
      case 'malformed':
        this.logger.debug('event-service: dropped a malformed frame', { reason: frame.reason });
        if (frame.seq !== undefined) this.countSeq(frame.seq);
        return;
      case 'server_error':
        if (frame.seq !== undefined && this.countSeq(frame.seq) === 'duplicate') return;
        this.report(
          new EventServiceError('server_error', `The server sent error frame "${frame.code}"`, { serverCode: frame.code }),
        );
        return;
      case 'error': {
        const { max, seq } = frame;
        if (seq !== undefined && this.countSeq(seq) === 'duplicate') return;
        const dropped = this.registry.serverLimit(max);
        this.report(
          new EventServiceError(
            'too_many_contexts',
            `The server holds at most ${max} contexts per socket; ${dropped.length} are not subscribed`,
            { contexts: dropped, max },
          ),
        );
        return;
      }
    }
  }

  private countSeq(seq: number): 'in_order' | 'gap' | 'duplicate' {
    const verdict = this.ack.receive(seq);
    if (verdict === 'gap') this.resyncListeners.emit(this.reportThrow, 'onResync');
    return verdict;
  }

  /**
   * Runs on every event frame, so it walks the listener arrays itself instead
   * of going through `emit` (no argument array per call). Each lookup happens
   * when its turn comes, as with `emit`: a listener added by an earlier one
   * for the same frame runs too.
   */
  private dispatch(context: string, event: string, payload: unknown, seq: number | undefined): void {
    const named = this.eventListeners.get(event);
    if (named !== undefined) {
      for (let i = 0; i < named.length; i++) {
        try {
          named[i]!(context, payload);
        } catch (thrown) {
          this.reportThrow(thrown, 'on', event);
        }
      }
    }
    // Skips hashing the context when no context listener exists.
    const forContext = this.contextListeners.keyCount === 0 ? undefined : this.contextListeners.get(context);
    if (forContext === undefined && this.anyEventListeners.size === 0) return;
    const inbound: InboundEvent = { context, event, payload, seq };
    if (forContext !== undefined) {
      for (let i = 0; i < forContext.length; i++) {
        try {
          forContext[i]!(inbound);
        } catch (thrown) {
          this.reportThrow(thrown, 'onContext', context);
        }
      }
    }
    const any = this.anyEventListeners.current;
    for (let i = 0; i < any.length; i++) {
      try {
        any[i]!(inbound);
      } catch (thrown) {
        this.reportThrow(thrown, 'onAnyEvent', undefined);
      }
    }
  }

  private onSocketError(link: Link, event: unknown): void {
    if (this.link !== link) return;
    if (link.opened) {
      // After open, an error is always followed by a close; act on the close.
      this.logger.debug('event-service: socket error', { message: describeSocketError(event).message });
      return;
    }
    const { message, status } = describeSocketError(event);
    this.linkFailed(
      link,
      new EventServiceError('socket_error', `WebSocket connection failed${message ? `: ${message}` : ''}`, {
        status,
        cause: event,
      }),
    );
  }

  private onSocketClose(link: Link, event: { code?: unknown; reason?: unknown }): void {
    if (this.link !== link) return;
    const code = typeof event?.code === 'number' ? event.code : CLOSE_CODES.abnormal;
    const reason = typeof event?.reason === 'string' ? event.reason : '';
    if (!link.opened) {
      this.linkFailed(link, new EventServiceError('socket_error', `WebSocket closed before opening (code ${code})`));
      return;
    }
    this.dropOpenLink(link, CLIENT_CLOSE_REASONS.superseded);
    this.logger.warn('event-service: socket closed', { code, reason });
    if (isAuthCloseCode(code)) {
      this.transition('reconnecting', { reason: 'socket_closed', closeCode: code, closeReason: reason });
      void this.recoverFromAuthFailure(
        new WebSocketAuthError(`The server closed the socket with ${code}`, code === CLOSE_CODES.forbidden ? 403 : 401),
      );
      return;
    }
    this.scheduleRetry({ reason: 'socket_closed', closeCode: code, closeReason: reason });
  }

  private onSilent(): void {
    const link = this.link;
    if (link === undefined || !link.opened) return;
    const error = new EventServiceError('pong_timeout', 'No frame arrived after a ping; the socket is presumed dead');
    this.dropOpenLink(link, CLIENT_CLOSE_REASONS.pongTimeout);
    this.report(error);
    this.scheduleRetry({ reason: 'pong_timeout', error });
  }

  /** Forgets an open link: stops its timers, closes its socket, and resets backoff if it was stable. */
  private dropOpenLink(link: Link, reason: ClientCloseReason): void {
    if (this.timers.now() - link.openedAt >= this.backoff.stableAfterMs) this.retries = 0;
    this.abandon(link, reason);
  }

  /** A failure of `link` before it opened. Ignored unless `link` is current. */
  private linkFailed(link: Link, error: EventServiceClientError): void {
    if (this.link !== link) return;
    this.abandon(
      link,
      error instanceof HandshakeTimeoutError ? CLIENT_CLOSE_REASONS.handshakeTimeout : CLIENT_CLOSE_REASONS.superseded,
    );
    if (error instanceof WebSocketAuthError) {
      void this.recoverFromAuthFailure(error);
      return;
    }
    this.report(error);
    this.scheduleRetry({ reason: 'attempt_failed', error });
  }

  private async recoverFromAuthFailure(error: WebSocketAuthError): Promise<void> {
    this.report(error);
    if (this.authRecoveriesUsed >= 1) {
      this.stop('unauthorized', 'unauthorized', error);
      return;
    }
    this.authRecoveriesUsed++;
    const epoch = this.epoch;
    let decision: unknown;
    if (this.onUnauthorizedCallback !== undefined) {
      try {
        decision = await this.onUnauthorizedCallback();
      } catch (thrown) {
        // A failing callback still gets its one retry; a second refusal stops.
        this.reportListenerError(thrown, 'onUnauthorized');
      }
    }
    if (this.epoch !== epoch || STOPPED_STATES.has(this.currentState)) return;
    if (decision === 'stop') {
      this.stop('unauthorized', 'unauthorized', error);
      return;
    }
    this.scheduleRetry({ reason: 'attempt_failed', error });
  }

  private scheduleRetry(details: TransitionDetails): void {
    if (this.retryTimer !== undefined || this.link !== undefined) return;
    const delay = backoffDelay(this.retries, this.backoff, this.random);
    this.retries++;
    this.lastFailureAt = this.timers.now();
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      this.startLink();
    }, delay);
    this.transition('reconnecting', { ...details, retryInMs: delay });
  }

  /** A wake-up from the platform: retry now instead of waiting, or probe an open socket. */
  private wake(trigger: string): void {
    if (this.currentState === 'open') {
      this.heartbeat.probe();
      return;
    }
    if (this.retryTimer === undefined) return;
    this.logger.debug('event-service: retrying early', { trigger });
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.startLink();
  }

  /** Leaves every attempt, socket and timer behind and settles in a stopped state. */
  private stop(state: ConnectionState, reason: StateChangeReason, error?: EventServiceClientError): void {
    this.epoch++;
    if (this.retryTimer !== undefined) {
      this.timers.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    if (this.link !== undefined) this.abandon(this.link, CLIENT_CLOSE_REASONS.disconnect);
    this.detachPlatform();
    // Taken first: a state listener that calls connect() again waits for that new start.
    const waiters = this.waiters;
    this.waiters = [];
    this.transition(state, error === undefined ? { reason } : { reason, error });
    for (const resolve of waiters) resolve();
  }

  /** Makes `link` no longer current and releases everything it holds. */
  private abandon(link: Link, reason: ClientCloseReason): void {
    if (this.link === link) this.link = undefined;
    link.abort.abort(new EventServiceError('disconnected', 'The connect attempt was cancelled'));
    this.clearHandshakeTimer(link);
    if (link.opened) {
      this.heartbeat.stop();
      this.ack.reset();
      this.registry.detach();
    }
    if (link.socket !== undefined) closeSocket(link.socket, reason, reason === CLIENT_CLOSE_REASONS.pongTimeout);
  }

  private clearHandshakeTimer(link: Link): void {
    if (link.handshakeTimer === undefined) return;
    this.timers.clearTimeout(link.handshakeTimer);
    link.handshakeTimer = undefined;
  }

  // ---------------------------------------------------------------------------
  // Wire and reporting

  private applyPlan(plan: WirePlan): void {
    for (const chunk of chunks(plan.unsubscribe, MAX_CONTEXTS)) this.send(encodeUnsubscribe(chunk));
    for (const chunk of chunks(plan.subscribe, MAX_CONTEXTS)) this.send(encodeSubscribe(chunk));
    if (plan.overflow.length > 0) {
      this.report(
        new EventServiceError(
          'too_many_contexts',
          `A socket holds at most ${this.maxContextsPerSocket} contexts; ${plan.overflow.length} wait for room`,
          { contexts: plan.overflow, max: this.maxContextsPerSocket },
        ),
      );
    }
  }

  private send(frame: string): boolean {
    const link = this.link;
    const socket = link?.opened ? link.socket : undefined;
    if (socket === undefined || socket.readyState !== SOCKET_OPEN) return false;
    try {
      socket.send(frame);
      return true;
    } catch (error) {
      this.logger.debug('event-service: send failed', { message: errorMessage(error) });
      return false;
    }
  }

  private transition(next: ConnectionState, details: TransitionDetails): void {
    const previous = this.currentState;
    if (previous === next) return;
    this.currentState = next;
    const change: StateChange = { state: next, previous, ...details };
    this.logger.debug('event-service: state', { state: next, previous, reason: details.reason });
    this.stateListeners.emit(this.reportThrow, 'onStateChange', change);
  }

  private report(error: EventServiceClientError): void {
    this.logger.warn(`event-service: ${error.message}`, { code: error.code });
    this.errorListeners.emit((thrown) => {
      this.logger.error('event-service: an onError listener threw', { message: errorMessage(thrown) });
    }, 'onError', error);
  }

  private reportListenerError(thrown: unknown, where: string): void {
    const error = new EventServiceError('listener_error', `A listener threw in ${where}: ${errorMessage(thrown)}`, {
      cause: thrown,
    });
    this.logger.error(`event-service: ${error.message}`, { code: error.code });
    this.errorListeners.emit((again) => {
      this.logger.error('event-service: an onError listener threw', { message: errorMessage(again) });
    }, 'onError', error);
  }

  private settleWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private attachPlatform(): void {
    if (this.platform === null || this.platformUnsubscribers.length > 0) return;
    const hooks: Array<[string, ((listener: () => void) => () => void) | undefined]> = [
      ['online', this.platform.onOnline?.bind(this.platform)],
      ['visible', this.platform.onVisible?.bind(this.platform)],
    ];
    for (const [trigger, subscribe] of hooks) {
      if (subscribe === undefined) continue;
      try {
        this.platformUnsubscribers.push(subscribe(() => this.wake(trigger)));
      } catch (error) {
        this.logger.warn('event-service: a platform hook failed', { trigger, message: errorMessage(error) });
      }
    }
  }

  private detachPlatform(): void {
    const unsubscribers = this.platformUnsubscribers;
    this.platformUnsubscribers = [];
    for (const unsubscribe of unsubscribers) {
      try {
        unsubscribe();
      } catch (error) {
        this.logger.warn('event-service: a platform hook failed to detach', { message: errorMessage(error) });
      }
    }
  }

  private disposedError(method: string): EventServiceError {
    return new EventServiceError('disposed', `EventServiceClient.${method}() was called after dispose()`);
  }
}

function toList(contexts: readonly string[] | string): string[] {
  // A lone string would otherwise be spread into characters.
  if (typeof contexts === 'string') return [contexts];
  return Array.from(contexts ?? []);
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
