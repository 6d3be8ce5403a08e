import type { TimerHandle, Timers } from './timers';

/** @internal How a received `seq` relates to the ones before it on this socket. */
export type SeqVerdict = 'in_order' | 'gap' | 'duplicate';

/** @internal Settings of {@link AckScheduler}. */
export interface AckSchedulerOptions {
  /** Acknowledge this long after the first unacknowledged event, in milliseconds. */
  readonly delayMs: number;
  /** Acknowledge at once when this many events are unacknowledged. */
  readonly maxUnacked: number;
  /** Where the debounce timer lives. */
  readonly timers: Timers;
  /** Sends `{type:'ack', seq}`; returns false when the socket could not take it. */
  readonly send: (seq: number) => boolean;
}

/**
 * @internal Tracks the per-socket `seq` and decides when to acknowledge.
 *
 * The server closes a socket with 4002 once it has seen one ack and then
 * more than 50 events go unacknowledged. Acknowledging a short debounce after
 * events arrive, and at once when `maxUnacked` (well under 50) pile up, keeps
 * a healthy client clear of that rule even during bursts, while a quiet
 * stream costs one small frame per debounce window.
 */
export class AckScheduler {
  private highest = 0;
  private acked = 0;
  private seen = false;
  private timer: TimerHandle | undefined;

  constructor(private readonly options: AckSchedulerOptions) {}

  /** The highest `seq` seen on this socket (0 before the first). */
  get highestSeq(): number {
    return this.highest;
  }

  /** The highest `seq` acknowledged on this socket (0 before the first ack). */
  get ackedSeq(): number {
    return this.acked;
  }

  /**
   * Records a received `seq`. A `seq` not above the highest one seen is a
   * duplicate (the caller drops the frame); one more than a step above is a
   * gap (the caller signals a resync). Either way the ack bookkeeping moves
   * forward.
   */
  receive(seq: number): SeqVerdict {
    // The server counts from 1; a first seq of 0 (allowed by the schema) is in order too.
    if (this.seen && seq <= this.highest) return 'duplicate';
    const verdict: SeqVerdict = seq > this.highest + 1 ? 'gap' : 'in_order';
    this.seen = true;
    this.highest = Math.max(this.highest, seq);
    if (this.highest - this.acked >= this.options.maxUnacked) {
      this.flush();
    } else if (this.timer === undefined) {
      this.timer = this.options.timers.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.options.delayMs);
    }
    return verdict;
  }

  /** Acknowledges the highest `seq` now, if it is not acknowledged yet. */
  flush(): void {
    this.cancelTimer();
    if (this.highest <= this.acked) return;
    if (this.options.send(this.highest)) this.acked = this.highest;
  }

  /** Forgets everything: a new socket starts from zero. Cancels the timer. */
  reset(): void {
    this.cancelTimer();
    this.highest = 0;
    this.acked = 0;
    this.seen = false;
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
