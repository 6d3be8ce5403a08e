import type { EventChannel } from '@kilocode/event-service';

type Handler = (context: string, payload: unknown) => void;

interface Delivery {
  /** Events of one key (context and subject) are delivered in arrival order, duplicates included. */
  key: string;
  event: string;
  context: string;
  payload: unknown;
  duplicate: boolean;
}

/** Options of {@link ChaosChannel}. */
export interface ChaosChannelOptions {
  /** Source of numbers in [0, 1): decides what is held back and what is duplicated. */
  random: () => number;
  /** Share of events held back instead of delivered at once. */
  holdRate?: number;
  /** Share of delivered events delivered a second time, later. */
  duplicateRate?: number;
}

/**
 * An event channel between the real event client and a `KiloChatClient`
 * that delays, duplicates and reorders what it passes on.
 *
 * The reordering is the one a real deployment can produce: events about
 * different messages (or conversations) may overtake each other and HTTP
 * responses; events about the same message keep their order, as they do on
 * one socket. A duplicate arrives after its original, before any later event
 * about the same subject, and at any time relative to other subjects.
 */
export class ChaosChannel implements EventChannel {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly realSubscriptions = new Map<string, () => void>();
  private readonly held: Delivery[] = [];
  /** Number of duplicates made. */
  duplicates = 0;
  private readonly holdRate: number;
  private readonly duplicateRate: number;
  /** Number of events held back on arrival. */
  heldBack = 0;
  /** Number of deliveries made, duplicates included. */
  delivered = 0;

  constructor(
    private readonly real: EventChannel,
    private readonly options: ChaosChannelOptions,
  ) {
    this.holdRate = options.holdRate ?? 0.4;
    this.duplicateRate = options.duplicateRate ?? 0.15;
  }

  on(event: string, handler: Handler): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
      this.realSubscriptions.set(
        event,
        this.real.on(event, (context, payload) => this.arrive(event, context, payload)),
      );
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  /** Events held back right now. */
  get pending(): number {
    return this.held.length;
  }

  /** Delivers up to `count` held events, each time picking at random among those whose turn it is. */
  release(count: number): void {
    for (let i = 0; i < count && this.held.length > 0; i++) {
      const eligible = this.held.filter((d, index) => this.held.findIndex((e) => e.key === d.key) === index);
      const pick = eligible[Math.floor(this.options.random() * eligible.length)] as Delivery;
      this.held.splice(this.held.indexOf(pick), 1);
      this.deliver(pick);
    }
  }

  /** Delivers everything held, duplicates included, until nothing is left. */
  releaseAll(): void {
    while (this.held.length > 0) this.release(this.held.length);
  }

  /**
   * Forgets what is held: call it when the real socket is replaced. Events in
   * flight on a closed socket never arrive; the resync after the reconnect
   * recovers their effect by fetching.
   */
  dropHeld(): void {
    this.held.length = 0;
  }

  /** Stops listening to the real channel. */
  close(): void {
    for (const off of this.realSubscriptions.values()) off();
    this.realSubscriptions.clear();
    this.handlers.clear();
    this.held.length = 0;
  }

  private arrive(event: string, context: string, payload: unknown): void {
    const body = payload as { messageId?: unknown; conversationId?: unknown } | null;
    const subject = typeof body?.messageId === 'string' ? body.messageId : typeof body?.conversationId === 'string' ? body.conversationId : event;
    const delivery: Delivery = { key: `${context}|${subject}`, event, context, payload, duplicate: false };
    const queuedAhead = this.held.some((d) => d.key === delivery.key);
    if (queuedAhead || this.options.random() < this.holdRate) {
      this.heldBack++;
      this.held.push(delivery);
    } else {
      this.deliver(delivery);
    }
  }

  private deliver(delivery: Delivery): void {
    this.delivered++;
    for (const handler of [...(this.handlers.get(delivery.event) ?? [])]) handler(delivery.context, delivery.payload);
    if (!delivery.duplicate && this.options.random() < this.duplicateRate) {
      // The copy comes before any later event about the same subject: some events carry no
      // version on the wire (a rename is just the new title), so no client could order a copy
      // that overtakes a newer event. Relative to other subjects it may arrive at any time.
      this.duplicates++;
      const copy: Delivery = { ...delivery, duplicate: true };
      const nextOfSubject = this.held.findIndex((d) => d.key === delivery.key);
      const at = nextOfSubject >= 0 ? nextOfSubject : Math.floor(this.options.random() * (this.held.length + 1));
      this.held.splice(at, 0, copy);
    }
  }
}
