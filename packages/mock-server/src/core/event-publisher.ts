import type { Logger } from '@kilocode/event-service';
import { getKiloChatEventPayloadSchema, type KiloChatEventName } from '@kilocode/kilo-chat/schemas';
import { type SessionHub, eventFramePrefix } from '../realtime/session-hub.js';
import { RingLog } from './ring-log.js';

/** One push the core made, kept for inspection in tests. */
export interface PublishedEvent {
  /** Recipient user. */
  userId: string;
  /** Context pushed to. */
  context: string;
  /** Event name. */
  event: string;
  /** Payload as sent. */
  payload: unknown;
  /** Whether a live subscribed socket received it. */
  delivered: boolean;
}

/**
 * How many recent pushes {@link EventPublisher.log} (`GET /_dev/events`)
 * keeps by default: 10,000. Older ones are dropped as new ones arrive.
 */
export const DEFAULT_EVENT_LOG_CAPACITY = 10_000;

/**
 * The core's door to the realtime face. Every payload is checked against the
 * Kilo Chat event registry first; an invalid one is dropped (and logged), as
 * the real service drops it before pushing.
 */
export class EventPublisher {
  /**
   * The most recent pushes, a ring buffer of {@link DEFAULT_EVENT_LOG_CAPACITY}
   * records unless `capacity` says otherwise (`log.capacity` can be changed later).
   */
  readonly log: RingLog<PublishedEvent>;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  /**
   * @param delayMs - when set, each push is delivered this many ms later (a
   *   function is asked per push and recipient) instead of at once.
   * @param capacity - most pushes kept in {@link EventPublisher.log}. Default {@link DEFAULT_EVENT_LOG_CAPACITY}.
   */
  constructor(
    private readonly hub: SessionHub,
    private readonly logger: Logger,
    private readonly delayMs?: number | (() => number),
    capacity = DEFAULT_EVENT_LOG_CAPACITY,
  ) {
    this.log = new RingLog(capacity);
  }

  /** The retained pushes, oldest first (a fresh copy of {@link EventPublisher.log}). */
  get history(): PublishedEvent[] {
    return this.log.toArray();
  }

  /** Pushes one event to one user. Returns whether a socket received it (false while a delayed push is pending). */
  push(userId: string, context: string, event: KiloChatEventName, payload: unknown): boolean {
    if (!this.isValid(event, payload)) return false;
    if (this.delayMs !== undefined) {
      const frame = eventFramePrefix(context, event, payload);
      this.later(() => this.deliver(userId, context, event, payload, () => frame));
      return false;
    }
    return this.deliver(userId, context, event, payload);
  }

  /** Pushes the same event to several users (the payload is validated once). */
  pushToAll(userIds: readonly string[], context: string, event: KiloChatEventName, payload: unknown): void {
    if (userIds.length === 0 || !this.isValid(event, payload)) return;
    let prefix: string | null = null;
    const framePrefix = () => (prefix ??= eventFramePrefix(context, event, payload));
    if (this.delayMs !== undefined) {
      framePrefix(); // serialised now: later changes to the payload's objects are not pushed
      for (const userId of userIds) this.later(() => this.deliver(userId, context, event, payload, framePrefix));
      return;
    }
    for (const userId of userIds) this.deliver(userId, context, event, payload, framePrefix);
  }

  /** Cancels delayed pushes not yet delivered. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(deliver: () => void): void {
    const ms = typeof this.delayMs === 'function' ? this.delayMs() : (this.delayMs ?? 0);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      deliver();
    }, ms);
    this.timers.add(timer);
  }

  private isValid(event: KiloChatEventName, payload: unknown): boolean {
    const parsed = getKiloChatEventPayloadSchema(event).safeParse(payload);
    if (!parsed.success) this.logger.warn('dropped invalid event payload', { event, issues: parsed.error.issues });
    return parsed.success;
  }

  private deliver(userId: string, context: string, event: string, payload: unknown, framePrefix?: () => string): boolean {
    const delivered = framePrefix ? this.hub.pushFrame(userId, context, framePrefix) : this.hub.pushEvent(userId, context, event, payload);
    this.log.push({ userId, context, event, payload, delivered });
    return delivered;
  }
}
