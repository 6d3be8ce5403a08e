/**
 * A clock the test moves by hand, implementing the client's `Timers`. Real
 * I/O keeps running on the real event loop; only the client's own delays
 * (backoff, handshake, deadlines, ping, pong, ack) wait for `advance()`.
 */
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { TimerHandle, Timers } from '../../src/timers';

interface Task {
  at: number;
  callback: () => void;
  every: number | undefined;
}

/** Lets queued microtasks and ready I/O callbacks run. */
export async function flushIo(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await nextMacrotask();
}

/** See the module comment. */
export class ManualClock implements Timers {
  private current = 1_000_000;
  private nextId = 1;
  private readonly tasks = new Map<number, Task>();
  /** Awaited after every timer callback; defaults to a few I/O turns. */
  settle: () => Promise<void> = () => flushIo();

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.tasks.set(id, { at: this.current + Math.max(0, ms), callback, every: undefined });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.tasks.delete(handle as number);
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    const every = Math.max(1, ms);
    this.tasks.set(id, { at: this.current + every, callback, every });
    return id;
  }

  clearInterval(handle: TimerHandle): void {
    this.tasks.delete(handle as number);
  }

  now(): number {
    return this.current;
  }

  /** How many timers and intervals are pending. */
  pending(): number {
    return this.tasks.size;
  }

  /** Delays (from now) of the pending timers, ascending. */
  pendingDelays(): number[] {
    return [...this.tasks.values()].map((task) => task.at - this.current).sort((a, b) => a - b);
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due in order,
   * with I/O and microtasks flushed after each.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const next = this.earliest();
      if (next === undefined || next[1].at > target) break;
      const [id, task] = next;
      this.current = task.at;
      if (task.every === undefined) this.tasks.delete(id);
      else task.at += task.every;
      task.callback();
      await this.settle();
    }
    this.current = target;
    await flushIo();
  }

  /** Runs the earliest pending timer (moving time to it); false when none is pending. */
  async runNext(): Promise<boolean> {
    const next = this.earliest();
    if (next === undefined) return false;
    await this.advance(next[1].at - this.current);
    return true;
  }

  private earliest(): [number, Task] | undefined {
    let best: [number, Task] | undefined;
    for (const entry of this.tasks) {
      if (best === undefined || entry[1].at < best[1].at) best = entry;
    }
    return best;
  }
}
