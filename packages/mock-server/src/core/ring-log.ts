/** One record of a {@link RingLog} page, with the sequence number it was given. */
export interface RingLogEntry<T> {
  /** 1-based position of the record among every record ever added (never reused). */
  seq: number;
  /** The record. */
  record: T;
}

/** Options of {@link RingLog.page}. */
export interface RingLogPageOptions {
  /**
   * Return records with a seq above this one, oldest first. Omitted: the
   * newest `limit` records (still oldest first).
   */
  after?: number;
  /** Most records to return (at least 1). */
  limit: number;
}

/** A page of a {@link RingLog}. */
export interface RingLogPage<T> {
  /** The records, oldest first. */
  entries: RingLogEntry<T>[];
  /** Records ever added. */
  total: number;
  /** Records no longer held (evicted by newer ones, or cleared). */
  dropped: number;
  /** Records still held. */
  retained: number;
  /** Most records held at once. */
  capacity: number;
  /**
   * Records after `after` that were dropped before this page was read, so a
   * reader following the log knows it missed them. 0 when `after` was omitted.
   */
  missed: number;
  /** Cursor for the next page: pass it as `after` (the seq of the last entry, or `after`/`total` when empty). */
  nextAfter: number;
  /** Whether newer records than this page already exist. */
  hasMore: boolean;
}

/**
 * An append-only log that keeps only its newest `capacity` records: a ring
 * buffer. Each record gets a sequence number (1, 2, …) that survives
 * eviction, so a reader can page through it and learn what it missed.
 * Adding is O(1) whatever the size; memory is bounded by the capacity.
 */
export class RingLog<T> {
  private slots: (T | undefined)[] = [];
  private start = 0;
  private count = 0;
  private added = 0;
  private max: number;

  /**
   * @param capacity - most records held (an integer of at least 1).
   * @param onEvict - called with each record as it leaves the log (evicted or cleared).
   * @throws RangeError when `capacity` is not an integer of at least 1.
   */
  constructor(
    capacity: number,
    private readonly onEvict?: (record: T) => void,
  ) {
    this.max = checkCapacity(capacity);
  }

  /** Most records held at once. Lowering it evicts the oldest records now. */
  get capacity(): number {
    return this.max;
  }

  set capacity(value: number) {
    const next = checkCapacity(value);
    const kept = this.toArray();
    const evicted = kept.splice(0, Math.max(0, kept.length - next));
    this.max = next;
    this.slots = kept;
    this.start = 0;
    this.count = kept.length;
    for (const record of evicted) this.onEvict?.(record);
  }

  /** Records held now. */
  get size(): number {
    return this.count;
  }

  /** Records ever added (the seq of the newest one). */
  get total(): number {
    return this.added;
  }

  /** Records no longer held. */
  get dropped(): number {
    return this.added - this.count;
  }

  /** Adds a record, evicting the oldest one when full. Returns its seq. */
  push(record: T): number {
    if (this.count < this.max) {
      this.slots[(this.start + this.count) % this.max] = record;
      this.count += 1;
    } else {
      const evicted = this.slots[this.start] as T;
      this.slots[this.start] = record;
      this.start = (this.start + 1) % this.max;
      this.onEvict?.(evicted);
    }
    this.added += 1;
    return this.added;
  }

  /** The held records, oldest first (a new array). */
  toArray(): T[] {
    const out = new Array<T>(this.count);
    for (let i = 0; i < this.count; i += 1) out[i] = this.slots[(this.start + i) % this.max] as T;
    return out;
  }

  /** The newest record, or undefined when empty. */
  newest(): T | undefined {
    return this.count === 0 ? undefined : this.at(this.count - 1);
  }

  /** A page of records; see {@link RingLogPageOptions}. */
  page(options: RingLogPageOptions): RingLogPage<T> {
    const limit = Math.max(1, Math.floor(options.limit));
    const firstSeq = this.added - this.count + 1;
    let from: number;
    let missed = 0;
    if (options.after === undefined) {
      from = Math.max(firstSeq, this.added - limit + 1);
    } else {
      const after = Math.min(Math.max(0, Math.floor(options.after)), this.added);
      from = Math.max(after + 1, firstSeq);
      missed = Math.max(0, firstSeq - (after + 1));
    }
    const to = Math.min(this.added, from + limit - 1);
    const entries: RingLogEntry<T>[] = [];
    for (let seq = from; seq <= to; seq += 1) entries.push({ seq, record: this.at(seq - firstSeq) });
    const nextAfter = entries.length > 0 ? to : options.after === undefined ? this.added : Math.min(Math.max(0, Math.floor(options.after)), this.added);
    return {
      entries,
      total: this.added,
      dropped: this.dropped,
      retained: this.count,
      capacity: this.max,
      missed,
      nextAfter,
      hasMore: nextAfter < this.added,
    };
  }

  /** Forgets every held record; seqs keep counting from where they were. */
  clear(): void {
    const evicted = this.toArray();
    this.slots = [];
    this.start = 0;
    this.count = 0;
    for (const record of evicted) this.onEvict?.(record);
  }

  private at(index: number): T {
    return this.slots[(this.start + index) % this.max] as T;
  }
}

function checkCapacity(value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`A log capacity must be an integer of at least 1, got ${String(value)}`);
  return value;
}

/**
 * Capacities of the mock's recorded logs (the `logCapacity` option of
 * `ChatCore` and `startMockServer`). Each is a count of records; the oldest
 * are dropped beyond it.
 */
export interface LogCapacityOptions {
  /** Pushes kept in `core.events.log` (`GET /_dev/events`). Default 10,000 (`DEFAULT_EVENT_LOG_CAPACITY`). */
  events?: number;
  /** Deliveries kept in `core.webhooks.log` (`GET /_dev/webhooks`). Default 1,000 (`DEFAULT_WEBHOOK_LOG_CAPACITY`). */
  webhooks?: number;
  /** Pushes kept in `core.outbox.log` (`GET /_dev/outbox`). Default 10,000 (`DEFAULT_PUSH_LOG_CAPACITY`). */
  pushes?: number;
}
