import type { Logger } from '@kilocode/event-service';
import { getKiloChatEventPayloadSchema, type KiloChatEventName } from '@kilocode/kilo-chat/schemas';
import { type SessionHub, eventFramePrefix } from '../realtime/session-hub.js';

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

/** How many recent pushes {@link EventPublisher.history} keeps at least (trimmed in batches, at most twice this). */
export const EVENT_HISTORY_LIMIT = 2000;

/**
 * The core's door to the realtime face. Every payload is checked against the
 * Kilo Chat event registry first; an invalid one is dropped (and logged), as
 * the real service drops it before pushing.
 */
export class EventPublisher {
  /** The most recent pushes, oldest first. */
  readonly history: PublishedEvent[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  /**
   * @param delayMs - when set, each push is delivered this many ms later (a
   *   function is asked per push and recipient) instead of at once.
   */
  constructor(
    private readonly hub: SessionHub,
    private readonly logger: Logger,
    private readonly delayMs?: number | (() => number),
  ) {}

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
    this.history.push({ userId, context, event, payload, delivered });
    if (this.history.length > 2 * EVENT_HISTORY_LIMIT) this.history.splice(0, this.history.length - EVENT_HISTORY_LIMIT);
    return delivered;
  }
}
