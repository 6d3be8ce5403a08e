import { RingLog } from './ring-log.js';

/** What became of one push, in the notifications service's words. */
export type PushOutcome = 'delivered' | 'suppressed_presence' | 'duplicate';

/** Why a chat push fired. */
export type PushTrigger = 'message.created' | 'bot.length' | 'bot.typing_stop' | 'bot.timeout';

/** One push the mock would have sent to a user's devices. */
export interface PushRecord {
  /** Recipient. */
  userId: string;
  /** `chat:<messageId>:<userId>`. */
  idempotencyKey: string;
  /** The presence context checked for suppression. */
  presenceContext: string;
  /** Badge change applied, or null when suppressed. */
  badge: { badgeBucket: string; delta: number } | null;
  /** The user's badge total after this push. */
  badgeTotal: number;
  /** Notification content and data, as the push payload carries it. */
  push: {
    title: string;
    body: string;
    data: { type: 'chat.message'; sandboxId: string; conversationId: string; messageId: string };
    sound: 'default';
    priority: 'high';
    i18nKey?: string;
    i18nParams?: Record<string, string>;
  };
  /** Outcome. */
  outcome: PushOutcome;
  /** What fired it. */
  trigger: PushTrigger;
  /** Server ms. */
  at: number;
}

/** How many pushes {@link PushOutbox} keeps by default: 10,000. Older ones are dropped as new ones arrive. */
export const DEFAULT_PUSH_LOG_CAPACITY = 10_000;

/**
 * The most recent pushes the mock recorded, oldest first: a ring buffer of
 * {@link DEFAULT_PUSH_LOG_CAPACITY} records unless `capacity` says otherwise.
 * Tests read it to check the notification path. Idempotency keys are
 * remembered for the records still held.
 */
export class PushOutbox {
  /** The retained pushes as a ring buffer (`log.capacity` can be changed later). */
  readonly log: RingLog<PushRecord>;
  private readonly keys = new Set<string>();

  /** @param capacity - most pushes kept. Default {@link DEFAULT_PUSH_LOG_CAPACITY}. */
  constructor(capacity = DEFAULT_PUSH_LOG_CAPACITY) {
    this.log = new RingLog<PushRecord>(capacity, (evicted) => this.keys.delete(evicted.idempotencyKey));
  }

  /** The retained pushes, oldest first (a fresh copy). */
  get records(): PushRecord[] {
    return this.log.toArray();
  }

  /** True when a push with this idempotency key is among the retained records. */
  has(idempotencyKey: string): boolean {
    return this.keys.has(idempotencyKey);
  }

  /** Appends a record (the oldest one is dropped when the outbox is full). */
  add(record: PushRecord): void {
    this.keys.add(record.idempotencyKey);
    this.log.push(record);
  }

  /** Retained records for one user. */
  forUser(userId: string): PushRecord[] {
    return this.records.filter((r) => r.userId === userId);
  }

  /** Forgets every record. */
  clear(): void {
    this.log.clear();
    this.keys.clear();
  }
}
