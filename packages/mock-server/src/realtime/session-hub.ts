import { MAX_CONTEXTS, clientMessageSchema, type Logger, noopLogger } from '@kilocode/event-service';
import type { RealtimePush, RealtimeQuirks } from './realtime-quirks.js';
import type { SocketPort } from './socket-port.js';

/** More unacked events than this, after a first ack, closes the socket with 4002. */
export const UNACKED_THRESHOLD = 50;

/** Close code of the zombie rule. */
export const ZOMBIE_CLOSE_CODE = 4002;

/**
 * Bytes a socket may hold queued for sending (sent but not yet taken by the
 * network, because the client stopped reading) before it is closed with
 * {@link SLOW_CONSUMER_CLOSE_CODE}: 1 MiB.
 */
export const SEND_BUFFER_LIMIT_BYTES = 1_048_576;

/** Close code for a socket whose send buffer passed {@link SEND_BUFFER_LIMIT_BYTES}. */
export const SLOW_CONSUMER_CLOSE_CODE = 4008;

/**
 * Largest client frame the server reads (320 KiB), a little above the
 * largest valid one: a `context.subscribe` of 200 contexts of 256 UTF-16 code
 * units, each written as a 6-byte `\uXXXX` escape (about 308,000 bytes).
 * A longer frame closes the socket with 1009.
 */
export const MAX_CLIENT_FRAME_BYTES = 327_680;

/**
 * One accepted socket: its subscriptions and its own seq/ack counters, which
 * start at zero on every new socket.
 */
export class SocketSession {
  /** The user the ticket belonged to. */
  readonly userId: string;
  /** Subscribed contexts, matched exactly. */
  readonly contexts = new Set<string>();
  /** Seq of the last event sent on this socket (first event is 1). */
  seq = 0;
  /** Highest seq the client acknowledged. */
  acked = 0;
  /** Whether the client ever acked; the zombie rule only applies after that. */
  ackReceived = false;
  /** False once closed or dropped. */
  open = true;
  /** Text frames that reached this socket, including ignored ones (for tests and diagnostics). */
  framesReceived = 0;

  constructor(
    userId: string,
    readonly port: SocketPort,
    private readonly hub: SessionHub,
  ) {
    this.userId = userId;
  }

  /** Handles one inbound text frame. Invalid frames are dropped silently. */
  receive(text: string): void {
    this.framesReceived += 1;
    if (!this.open || this.hub.halfOpen) return;
    if (text === 'ping') {
      if (this.hub.answerPings) this.port.send('pong');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.hub.logger.debug('dropped non-JSON frame');
      return;
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) {
      if (this.hub.quirks.lenientSubscribe) this.subscribeLeniently(json);
      this.hub.logger.debug('dropped invalid frame');
      return;
    }
    const message = parsed.data;
    const quirks = this.hub.quirks;
    switch (message.type) {
      case 'context.subscribe': {
        let overflow = false;
        for (const context of message.contexts) {
          if (this.contexts.has(context)) continue;
          if (quirks.subscriptionsPerUser && !this.hub.rememberUserContext(this.userId, context)) continue;
          if (this.contexts.size >= MAX_CONTEXTS && !quirks.noContextLimit) {
            overflow = true;
            continue;
          }
          this.contexts.add(context);
        }
        if (overflow) this.port.send(JSON.stringify({ type: 'error', code: 'too_many_contexts', max: MAX_CONTEXTS }));
        return;
      }
      case 'context.unsubscribe':
        if (quirks.ignoreUnsubscribe) return;
        for (const context of message.contexts) this.contexts.delete(context);
        return;
      case 'ack':
        // An ack of a seq never sent counts as an ack of the last one sent,
        // so it cannot buy room for events not yet delivered.
        this.acked = Math.max(this.acked, Math.min(message.seq, this.seq));
        this.ackReceived = true;
        this.checkZombie();
        return;
    }
  }

  /**
   * Sends one event frame with the next seq. `framePrefix` is the frame's
   * JSON up to `"seq":` (see {@link eventFramePrefix}), shared by every
   * recipient so the payload is serialised once.
   */
  deliver(framePrefix: string): void {
    this.seq = this.hub.quirks.seqPerUser || this.hub.quirks.firstSeq !== undefined ? this.hub.nextQuirkySeq(this) : this.seq + 1;
    this.port.send(`${framePrefix}${this.seq}}`);
    if ((this.port.bufferedAmount?.() ?? 0) > SEND_BUFFER_LIMIT_BYTES) {
      this.close(SLOW_CONSUMER_CLOSE_CODE, 'send buffer full');
      return;
    }
    this.checkZombie();
  }

  /** Closes the socket with a code and forgets it. */
  close(code?: number, reason?: string): void {
    if (!this.open) return;
    this.hub.detach(this);
    this.port.close(code, reason);
  }

  /** Drops the connection abruptly and forgets it. */
  terminate(): void {
    if (!this.open) return;
    this.hub.detach(this);
    this.port.terminate();
  }

  private checkZombie(): void {
    if (this.hub.quirks.noZombieClose) return;
    if ((this.ackReceived || this.hub.quirks.zombieBeforeAck) && this.seq - this.acked > UNACKED_THRESHOLD) {
      this.close(ZOMBIE_CLOSE_CODE, 'too many unacked events');
    }
  }

  /** {@link RealtimeQuirks.lenientSubscribe}: subscribes to the well-formed contexts of a rejected frame. */
  private subscribeLeniently(json: unknown): void {
    const contexts = (json as { contexts?: unknown } | null)?.contexts;
    if (!Array.isArray(contexts)) return;
    for (const context of contexts) {
      if (typeof context === 'string' && context.length > 0 && context.length <= 256 && this.contexts.size < MAX_CONTEXTS) this.contexts.add(context);
    }
  }
}

/** The JSON of an event frame up to and including `"seq":`; append the seq and `}`. */
export function eventFramePrefix(context: string, event: string, payload: unknown): string {
  const body = JSON.stringify(payload) ?? 'null';
  return `{"type":"event","context":${JSON.stringify(context)},"event":${JSON.stringify(event)},"payload":${body},"seq":`;
}

/**
 * Every live socket, grouped by user: the mock's version of the event
 * service's per-user session objects. It answers `pushEvent` and
 * `isUserInContext` exactly as the real service's RPC does.
 */
export class SessionHub {
  private readonly byUser = new Map<string, Set<SocketSession>>();
  /** Answer the text `ping` with `pong` (a fault can turn this off). */
  answerPings = true;
  /** Half-open: read nothing and send nothing, while sockets stay connected. */
  halfOpen = false;
  /**
   * Deliberately wrong behaviours, all off by default; only the deviations
   * layer (`startMockServer({ deviations })`) sets them.
   */
  quirks: RealtimeQuirks = {};
  private readonly quirkState = { userSeq: new Map<string, number>(), userContexts: new Map<string, Set<string>>(), socketCounts: new WeakMap<SocketSession, number>() };

  constructor(readonly logger: Logger = noopLogger) {}

  /** Registers an accepted socket for `userId`. Call `session.receive` for each text frame. */
  attach(userId: string, port: SocketPort): SocketSession {
    const session = new SocketSession(userId, port, this);
    let set = this.byUser.get(userId);
    if (!set) {
      set = new Set();
      this.byUser.set(userId, set);
    }
    set.add(session);
    return session;
  }

  /** Forgets a session (call when its socket closes). */
  detach(session: SocketSession): void {
    session.open = false;
    const set = this.byUser.get(session.userId);
    if (!set) return;
    set.delete(session);
    if (set.size === 0) this.byUser.delete(session.userId);
  }

  /**
   * Sends an event to every socket of `userId` subscribed to `context`.
   * Returns whether at least one socket matched.
   */
  pushEvent(userId: string, context: string, event: string, payload: unknown): boolean {
    let prefix: string | null = null;
    return this.pushFrame(userId, context, () => (prefix ??= eventFramePrefix(context, event, payload)));
  }

  /**
   * Like {@link pushEvent}, with the frame prefix supplied (built once by the
   * caller and shared across recipients). `prefix` is only called when a
   * socket matches.
   */
  pushFrame(userId: string, context: string, prefix: () => string): boolean {
    const intercept = this.quirks.interceptPush;
    if (intercept) {
      const { event, payload } = JSON.parse(`${prefix()}0}`) as { event: string; payload: unknown };
      return intercept({ userId, context, event, payload }, (push) => this.pushExact(push));
    }
    return this.pushToSockets(userId, context, prefix);
  }

  private pushExact(push: RealtimePush): boolean {
    return this.pushToSockets(push.userId, push.context, () => eventFramePrefix(push.context, push.event, push.payload));
  }

  private pushToSockets(userId: string, context: string, prefix: () => string): boolean {
    const set = this.byUser.get(userId);
    if (!set) return false;
    let matched = false;
    for (const session of [...set]) {
      if (!this.matches(session, context)) continue;
      matched = true;
      if (!this.halfOpen) session.deliver(prefix());
    }
    return matched;
  }

  /** True when any open socket of `userId` holds exactly `context`. */
  isUserInContext(userId: string, context: string): boolean {
    for (const session of this.byUser.get(userId) ?? []) if (this.matches(session, context)) return true;
    return false;
  }

  private matches(session: SocketSession, context: string): boolean {
    return this.quirks.contextMatches ? this.quirks.contextMatches(session.contexts, context) : session.contexts.has(context);
  }

  /** @internal The next seq of a socket under {@link RealtimeQuirks.seqPerUser} / `firstSeq`. */
  nextQuirkySeq(session: SocketSession): number {
    if (!this.quirks.seqPerUser) {
      const count = (this.quirkState.socketCounts.get(session) ?? 0) + 1;
      this.quirkState.socketCounts.set(session, count);
      return count - 1 + (this.quirks.firstSeq ?? 1);
    }
    const next = (this.quirkState.userSeq.get(session.userId) ?? 0) + 1;
    this.quirkState.userSeq.set(session.userId, next);
    return next;
  }

  /** @internal {@link RealtimeQuirks.subscriptionsPerUser}: false when the user already had `context`. */
  rememberUserContext(userId: string, context: string): boolean {
    let set = this.quirkState.userContexts.get(userId);
    if (!set) this.quirkState.userContexts.set(userId, (set = new Set()));
    if (set.has(context)) return false;
    set.add(context);
    return true;
  }

  /** Every live session. */
  sessions(): SocketSession[] {
    return [...this.byUser.values()].flatMap((set) => [...set]);
  }

  /** Drops every socket without a close frame. */
  dropAll(): void {
    for (const session of this.sessions()) session.terminate();
  }

  /** Closes every socket with `code`. */
  closeAll(code: number, reason = ''): void {
    for (const session of this.sessions()) session.close(code, reason);
  }
}
