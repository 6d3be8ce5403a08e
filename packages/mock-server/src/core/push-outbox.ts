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

/** Every push the mock recorded, oldest first. Tests read it to check the notification path. */
export class PushOutbox {
  /** Recorded pushes. */
  readonly records: PushRecord[] = [];
  private readonly keys = new Set<string>();

  /** True when a push with this idempotency key was already recorded. */
  has(idempotencyKey: string): boolean {
    return this.keys.has(idempotencyKey);
  }

  /** Appends a record. */
  add(record: PushRecord): void {
    this.records.push(record);
    this.keys.add(record.idempotencyKey);
  }

  /** Records for one user. */
  forUser(userId: string): PushRecord[] {
    return this.records.filter((r) => r.userId === userId);
  }

  /** Forgets everything. */
  clear(): void {
    this.records.length = 0;
    this.keys.clear();
  }
}
