import { EventServiceClient } from '@kilocode/event-service';
import type { InboundEvent } from '@kilocode/event-service';
import { ConformanceError } from './conformance-error.js';

/** A predicate over recorded events. */
export type EventMatcher = (event: InboundEvent) => boolean;

interface Waiter {
  readonly match: EventMatcher;
  readonly resolve: (event: InboundEvent) => void;
}

/**
 * Records every event one identity's socket receives, and waits for the ones a
 * scenario expects. Built on the public `EventServiceClient`.
 */
export class EventRecorder {
  /** Every event received so far, in arrival order. */
  readonly events: InboundEvent[] = [];
  /** The underlying client (for state and subscription checks). */
  readonly client: EventServiceClient;
  private readonly waiters = new Set<Waiter>();
  private readonly timeoutMs: number;

  /**
   * @param client - a connected or connectable event client.
   * @param timeoutMs - default wait for {@link EventRecorder.waitFor}, in milliseconds.
   */
  constructor(client: EventServiceClient, timeoutMs: number) {
    this.client = client;
    this.timeoutMs = timeoutMs;
    client.onAnyEvent((event) => {
      this.events.push(event);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(event)) {
          this.waiters.delete(waiter);
          waiter.resolve(event);
        }
      }
    });
  }

  /**
   * Resolves with the first event (already recorded or arriving later) that
   * matches; rejects with a `timeout` ConformanceError naming `what`.
   */
  waitFor(what: string, match: EventMatcher, timeoutMs = this.timeoutMs): Promise<InboundEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const names = this.events.map((e) => e.event).join(', ') || 'none';
        reject(new ConformanceError('timeout', `no ${what} within ${timeoutMs} ms (received: ${names})`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /**
   * Resolves with the first `count` matching events once that many have
   * arrived; rejects with a `timeout` ConformanceError naming `what` and how
   * many did arrive. For "pushed once per call" checks: the real service
   * pushes after the response (kilo-chat.md §2 conventions), so events are
   * awaited, never counted at an assumed barrier.
   */
  waitForCount(what: string, match: EventMatcher, count: number, timeoutMs = this.timeoutMs): Promise<InboundEvent[]> {
    const now = this.events.filter(match);
    if (now.length >= count) return Promise.resolve(now.slice(0, count));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match: (event) => match(event) && this.events.filter(match).length >= count,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.events.filter(match).slice(0, count));
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new ConformanceError('timeout', `${this.events.filter(match).length} of ${count} ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Events recorded so far that match. */
  filter(match: EventMatcher): InboundEvent[] {
    return this.events.filter(match);
  }

  /** Forgets what was recorded (waiters stay). */
  clear(): void {
    this.events.length = 0;
  }
}

/** Matches an event by name, context and an optional payload predicate. */
export function eventIs(
  name: string,
  context?: string,
  payload?: (payload: Record<string, unknown>) => boolean,
): EventMatcher {
  return (event) =>
    event.event === name &&
    (context === undefined || event.context === context) &&
    (payload === undefined ||
      (typeof event.payload === 'object' && event.payload !== null && payload(event.payload as Record<string, unknown>)));
}
