import type { TimerHandle, Timers } from './timers.js';

/** @internal How a received `seq` relates to the ones before it on this socket. */
export type SeqVerdict = 'in_order' | 'gap' | 'duplicate';

/** @internal Settings of {@link AckScheduler}. */
export interface AckSchedulerOptions {
  /** Acknowledge this long after the first unacknowledged event, in milliseconds. */
  readonly delayMs: number;
  /** Acknowledge at the end of the current inbound batch once this many events are unacknowledged. */
  readonly maxUnacked: number;
  /** Where the debounce timer lives. */
  readonly timers: Timers;
  /** Sends `{type:'ack', seq}`; returns false when the socket could not take it. */
  readonly send: (seq: number) => boolean;
  /**
   * Runs a callback once the frames being delivered now have all been handled.
   * Defaults to a microtask: `ws` hands every frame of one socket read to its
   * listeners synchronously, so microtasks run after the whole batch (a browser
   * runs them after each message event, which makes the batch one frame).
   */
  readonly defer?: (callback: () => void) => void;
}

/**
 * @internal Tracks the per-socket `seq` and decides when to acknowledge.
 *
 * The server closes a socket with 4002 once it has seen one ack and then
 * more than 50 events go unacknowledged. Acknowledging a short debounce after
 * events arrive, and before the client reads the socket again once
 * `maxUnacked` (well under 50) pile up, keeps a healthy client clear of that
 * rule even during bursts, while a quiet stream costs one small frame per
 * debounce window.
 *
 * The count-triggered ack is not sent from inside the frame that reaches
 * `maxUnacked`: it is deferred to the end of the batch of frames being
 * delivered (see {@link AckSchedulerOptions.defer}), so one ack carrying the
 * highest `seq` covers a whole socket read instead of one ack per
 * `maxUnacked` frames. It still leaves before the next read, so the server
 * sees no more unacknowledged events than with an ack per `maxUnacked`.
 */
export class AckScheduler {
  #highest = 0;
  #acked = 0;
  #seen = false;
  #timer: TimerHandle | undefined;
  /** A deferred ack is scheduled and has not run yet. */
  #deferred = false;
  /** Bumped by `reset()`, so a deferred ack of an earlier socket does nothing. */
  #generation = 0;
  readonly #defer: (callback: () => void) => void;
  readonly #options: AckSchedulerOptions;

  constructor(options: AckSchedulerOptions) {
    this.#options = options;
    // Wrapped: browsers refuse `queueMicrotask` called with another `this`.
    this.#defer = options.defer ?? ((callback) => queueMicrotask(callback));
  }

  /** The highest `seq` seen on this socket (0 before the first). */
  get highestSeq(): number {
    return this.#highest;
  }

  /** The highest `seq` acknowledged on this socket (0 before the first ack). */
  get ackedSeq(): number {
    return this.#acked;
  }

  /**
   * Records a received `seq`. A `seq` not above the highest one seen is a
   * duplicate (the caller drops the frame); one more than a step above is a
   * gap (the caller signals a resync). Either way the ack bookkeeping moves
   * forward.
   */
  receive(seq: number): SeqVerdict {
    // The server counts from 1; a first seq of 0 (allowed by the schema) is in order too.
    if (this.#seen && seq <= this.#highest) return 'duplicate';
    const verdict: SeqVerdict = seq > this.#highest + 1 ? 'gap' : 'in_order';
    this.#seen = true;
    // Not a duplicate, so `seq` is the new highest (before the first, `highest` is 0 and `seq` ≥ 0).
    this.#highest = seq;
    // An ack is already on its way and will carry this seq too.
    if (this.#deferred) return verdict;
    if (seq - this.#acked >= this.#options.maxUnacked) {
      this.#deferred = true;
      const generation = this.#generation;
      this.#defer(() => {
        if (generation !== this.#generation) return;
        this.#deferred = false;
        this.flush();
        // The socket refused it: keep the debounce as a retry rather than lose the ack.
        if (this.#highest > this.#acked) this.#arm();
      });
    } else {
      this.#arm();
    }
    return verdict;
  }

  /**
   * Acknowledges the highest `seq` now, if it is not acknowledged yet. A
   * running debounce timer is left alone (it finds nothing to do, or covers
   * events that arrive later): on a busy socket, re-arming it after every
   * ack would cost a timer per socket read.
   */
  flush(): void {
    if (this.#highest <= this.#acked) return;
    if (this.#options.send(this.#highest)) this.#acked = this.#highest;
  }

  /** Forgets everything: a new socket starts from zero. Cancels the timer and any deferred ack. */
  reset(): void {
    this.#cancelTimer();
    this.#generation++;
    this.#deferred = false;
    this.#highest = 0;
    this.#acked = 0;
    this.#seen = false;
  }

  /** Starts the debounce timer unless it is running. */
  #arm(): void {
    if (this.#timer !== undefined) return;
    this.#timer = this.#options.timers.setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, this.#options.delayMs);
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    this.#options.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
