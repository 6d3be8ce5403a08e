import { onAbort } from './abort-fanout.js';
import { AckScheduler } from './ack-scheduler.js';
import { EVENT_SERVICE_CLIENT_DEFAULTS } from './config.js';
import type { EventServiceConfig } from './config.js';
import { Connection, errorMessage, listenerError, STOPPED_STATES } from './connection.js';
import type { ConnectionState, EventServiceClientError, StateChange } from './connection-state.js';
import { assertContext } from './context-validation.js';
import { EventServiceError } from './event-service-error.js';
import { encodeAck, encodeSubscribe, encodeUnsubscribe, parseInboundFrame } from './frames.js';
import type { InboundFrame } from './frames.js';
import { MAX_CONTEXTS } from './limits.js';
import { KeyedListeners, ListenerSet } from './listeners.js';
import type { Logger } from './logger.js';
import { noopLogger } from './logger.js';
import { SubscriptionRegistry } from './subscription-registry.js';
import type { WirePlan } from './subscription-registry.js';
import { globalTimers } from './timers.js';
import type { TimerHandle, Timers } from './timers.js';
import type { EventChannel } from './types.js';

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

/** Options of {@link EventServiceClient.waitForOpen}. */
export interface WaitForOpenOptions {
  /** Cancels the wait: the promise rejects with code `aborted` (the reason as `cause`). */
  signal?: AbortSignal;
  /**
   * Gives up after this many milliseconds: the promise rejects with code
   * `open_timeout`. Counted on the client's `timers`.
   * @default none: waits until a socket opens, the signal aborts or the client is disposed
   */
  timeoutMs?: number;
}

/**
 * The realtime client of the Kilo Event Service: one WebSocket per client,
 * authenticated with a fresh single-use ticket per attempt, carrying
 * reference-counted context subscriptions that are restored after every
 * reconnect.
 *
 * It keeps the reference client's API (`connect`, `disconnect`, `acquire`,
 * `release`, `isConnected`, `subscribe`, `unsubscribe`, `on`, `onConnected`,
 * `onReconnect`, `onResync`) and its behaviour where apps can tell (one
 * attempt per `connect()`, the global `WebSocket`), and adds a public
 * {@link ConnectionState}, `waitForOpen()`, typed error events, per-context
 * and all-event listeners, and `reset()`/`dispose()`.
 *
 * This class is the part apps call: subscriptions, listeners, dispatch, seq
 * and acks. The connection lifecycle behind it (attempts, generations,
 * ticket and handshake, liveness, backoff and wake-ups) is its internal
 * `Connection`.
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
 * await client.connect(); // one attempt; a failure is retried in the background
 * await client.waitForOpen({ timeoutMs: 10_000 }); // when the app needs the socket now
 * // later
 * sub.unsubscribe();
 * off();
 * client.disconnect();
 * ```
 */
export class EventServiceClient implements EventChannel {
  private readonly connection: Connection;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly maxContextsPerSocket: number;
  private readonly ack: AckScheduler;

  private holds = 0;
  private disposed = false;
  /** Bumped by `reset()`, so subscription handles from before it become inert. */
  private registryEpoch = 0;
  /** Pending {@link EventServiceClient.waitForOpen} calls: each settles with an error, or with nothing on open. */
  private readonly openWaits = new Set<(error?: EventServiceError) => void>();

  private readonly registry = new SubscriptionRegistry();

  private readonly eventListeners = new KeyedListeners<[string, unknown]>();
  private readonly contextListeners = new KeyedListeners<[InboundEvent]>();
  private readonly anyEventListeners = new ListenerSet<[InboundEvent]>();
  private readonly connectedListeners = new ListenerSet<[]>();
  private readonly reconnectListeners = new ListenerSet<[]>();
  private readonly resyncListeners = new ListenerSet<[]>();
  private readonly stateListeners = new ListenerSet<[StateChange]>();
  private readonly errorListeners = new ListenerSet<[EventServiceClientError]>();

  private readonly reportThrow = (thrown: unknown, where: string, key: string | undefined): void => {
    this.report(listenerError(thrown, key === undefined ? where : `${where}('${key}')`));
  };

  /**
   * @param config - `url` and `getToken` are required; see {@link EventServiceConfig}.
   * @throws TypeError when `url` is not an absolute http(s)/ws(s) URL or `getToken` is missing.
   */
  constructor(config: EventServiceConfig) {
    if (typeof config?.getToken !== 'function') throw new TypeError('EventServiceClient needs a getToken function');
    const defaults = EVENT_SERVICE_CLIENT_DEFAULTS;
    this.timers = config.timers ?? globalTimers;
    this.logger = config.logger ?? noopLogger;
    this.maxContextsPerSocket = config.maxContextsPerSocket ?? defaults.maxContextsPerSocket;
    this.connection = new Connection(config, {
      timers: this.timers,
      logger: this.logger,
      attach: () => {
        this.ack.reset();
        this.applyPlan(this.registry.attach(this.maxContextsPerSocket));
      },
      detach: () => {
        this.ack.reset();
        this.registry.detach();
      },
      opened: (isReconnect) => this.runOpenListeners(isReconnect),
      frame: (data) => this.handleFrame(parseInboundFrame(data)),
      afterPing: () => this.ack.flush(),
      stateChanged: (change) => this.stateListeners.emit(this.reportThrow, 'onStateChange', change),
      report: (error) => this.report(error),
    });
    this.ack = new AckScheduler({
      timers: this.timers,
      delayMs: config.ackDelayMs ?? defaults.ackDelayMs,
      maxUnacked: Math.max(1, config.ackEveryEvents ?? defaults.ackEveryEvents),
      send: (seq) => this.connection.send(encodeAck(seq)),
    });
  }

  // ---------------------------------------------------------------------------
  // Lifecycle

  /** The current {@link ConnectionState}. */
  get state(): ConnectionState {
    return this.connection.state;
  }

  /**
   * Runs one connection attempt now, as the reference client does: token,
   * ticket, then the socket under the handshake timeout (10 s by default).
   * An attempt already in flight is dropped, an open socket is closed first
   * (reason `superseded`) and replaced, and a waiting retry is cancelled, so
   * exactly one socket is ever open. Backoff is kept across quick restarts.
   *
   * The promise is fulfilled when this attempt settles: the socket opened;
   * or the attempt failed — the failure is reported through `onError` and a
   * reconnect is scheduled (after a handshake timeout the socket is closed
   * with 1000 `handshake-timeout`); or the client was stopped or another
   * `connect()` took over. It never rejects for network or auth reasons. Read
   * {@link EventServiceClient.state}, or await
   * {@link EventServiceClient.waitForOpen}, to know whether a socket is open.
   *
   * @throws EventServiceError `disposed` (as a rejection) after `dispose()`.
   */
  connect(): Promise<void> {
    if (this.disposed) return Promise.reject(this.disposedError('connect'));
    return this.connection.connect();
  }

  /**
   * Waits until a socket is open. Resolves at once when one is open, else on
   * the next open (after the `onConnected` listeners ran). It does not start
   * the client; call `connect()` or `acquire()` for that. Failed attempts and
   * stops (`disconnect()`, `unauthorized`) do not end the wait: a later
   * `connect()` may still open a socket. Bound it with `timeoutMs` or `signal`.
   *
   * @param options - `signal` to cancel, `timeoutMs` (milliseconds; default:
   *   no limit) to give up.
   * @throws EventServiceError (as a rejection) with code `open_timeout` when
   *   `timeoutMs` passed, `aborted` when `signal` aborted (its reason as
   *   `cause`), or `disposed` when the client is or gets disposed.
   */
  waitForOpen(options: WaitForOpenOptions = {}): Promise<void> {
    const { signal, timeoutMs } = options;
    return new Promise<void>((resolve, reject) => {
      let timer: TimerHandle | undefined;
      let unsubscribe = () => {};
      const done = (error?: EventServiceError): void => {
        this.openWaits.delete(done);
        this.timers.clearTimeout(timer);
        unsubscribe();
        if (error) reject(error);
        else resolve();
      };
      const abort = () => done(new EventServiceError('aborted', 'waitForOpen() was aborted', { cause: signal!.reason }));
      if (this.disposed) return done(this.disposedError('waitForOpen'));
      if (signal?.aborted) return abort();
      if (this.isConnected()) return done();
      this.openWaits.add(done);
      // One shared listener per signal (abort-fanout.ts): many waits on one signal add no listeners.
      if (signal) unsubscribe = onAbort(signal, abort);
      // `undefined < Infinity` is false: no timeout unless one is given.
      if (timeoutMs! < Infinity) {
        timer = this.timers.setTimeout(
          () => done(new EventServiceError('open_timeout', `No socket opened within ${timeoutMs}ms`)),
          timeoutMs!,
        );
      }
    });
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
    this.connection.stop(this.connection.state === 'idle' ? 'idle' : 'closed', 'disconnect');
  }

  /**
   * Takes a hold on the connection. Holds are counted; the last `release()`
   * disconnects. When the client is stopped (`idle`, `closed`,
   * `unauthorized`) this connects and resolves as `connect()` does. While it
   * runs, it starts nothing new and resolves when the attempt in flight
   * settles, or at once when none is (open, or waiting to retry).
   */
  acquire(): Promise<void> {
    if (this.disposed) return Promise.reject(this.disposedError('acquire'));
    this.holds++;
    return STOPPED_STATES.has(this.connection.state) ? this.connection.connect() : this.connection.join();
  }

  /** Gives back one hold from `acquire()`; the last one disconnects. Extra calls do nothing. */
  release(): void {
    if (this.holds === 0) return;
    this.holds--;
    if (this.holds === 0) this.disconnect();
  }

  /** True while a socket is open (state `open`). */
  isConnected(): boolean {
    return this.connection.isOpen();
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
    this.connection.stop('idle', 'reset');
    this.registry.clear();
    this.registryEpoch++;
    this.connection.forgetHistory();
  }

  /**
   * Stops for good: disconnects, drops every subscription and listener. Later
   * `connect()`/`acquire()`/`waitForOpen()` reject and `subscribe()` throws
   * with code `disposed`, and a pending `waitForOpen()` rejects so; other
   * calls do nothing.
   */
  dispose(): void {
    if (this.disposed) return;
    this.holds = 0;
    this.connection.stop('closed', 'dispose');
    this.disposed = true;
    for (const done of [...this.openWaits]) done(this.disposedError('waitForOpen'));
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
  // Opens and inbound frames

  /** On every open, after the state became `open`; stops early if a listener replaced or stopped the socket. */
  private runOpenListeners(isReconnect: boolean): void {
    const generation = this.connection.generation;
    if (isReconnect) {
      this.reconnectListeners.emit(this.reportThrow, 'onReconnect');
      if (this.connection.generation !== generation) return;
      this.resyncListeners.emit(this.reportThrow, 'onResync');
      if (this.connection.generation !== generation) return;
    }
    this.connectedListeners.emit(this.reportThrow, 'onConnected');
    if (this.connection.generation !== generation) return;
    for (const done of [...this.openWaits]) done();
  }

  private handleFrame(frame: InboundFrame): void {
    // Events first: nearly every frame is one.
    switch (frame.type) {
      case 'event': {
        const seq = frame.seq;
        if (seq !== undefined) {
          const generation = this.connection.generation;
          if (this.countSeq(seq) === 'duplicate') {
            this.logger.debug('event-service: dropped a repeated seq', { seq });
            return;
          }
          // A resync listener may have replaced or stopped the socket.
          if (this.connection.generation !== generation) return;
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

  // ---------------------------------------------------------------------------
  // Wire and reporting

  private applyPlan(plan: WirePlan): void {
    for (const chunk of chunks(plan.unsubscribe, MAX_CONTEXTS)) this.connection.send(encodeUnsubscribe(chunk));
    for (const chunk of chunks(plan.subscribe, MAX_CONTEXTS)) this.connection.send(encodeSubscribe(chunk));
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

  /** Logs `error` (a throwing listener at error level, anything else at warn) and hands it to `onError`. */
  private report(error: EventServiceClientError): void {
    this.logger[error.code === 'listener_error' ? 'error' : 'warn'](`event-service: ${error.message}`, { code: error.code });
    this.errorListeners.emit((thrown) => {
      this.logger.error('event-service: an onError listener threw', { message: errorMessage(thrown) });
    }, 'onError', error);
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
