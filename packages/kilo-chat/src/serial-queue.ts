import { onAbort } from '@kilocode/event-service';

/**
 * @internal Runs tasks one after another per key (the clients key sends by
 * conversation id), so the server assigns message ids in call order.
 *
 * - A task starts only after the previous task for its key has settled,
 *   whether it resolved or rejected, so one failure never blocks the queue.
 * - The queue's own bookkeeping never rejects, so a failure causes no
 *   unhandled rejection; only the caller's promise carries it.
 * - With a `signal`, the caller's promise rejects as soon as the signal
 *   aborts, even while the task is still waiting its turn. The task itself is
 *   still started in order and is expected to see the aborted signal and bail
 *   out without doing any work.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Queues `task` behind earlier tasks for `key`.
   *
   * @param key - the serialisation key (a conversation id).
   * @param task - the work; started once every earlier task for `key` settled.
   * @param signal - optional; rejects the returned promise early when aborted.
   */
  run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    if (signal === undefined) return result;

    return new Promise<T>((resolve, reject) => {
      // One shared listener per signal (`onAbort` of @kilocode/event-service). `result` is
      // still observed below when the signal is already aborted, so a task
      // failure is never an unhandled rejection.
      let unsubscribe = () => {};
      if (signal.aborted) reject(signal.reason);
      else unsubscribe = onAbort(signal, () => reject(signal.reason));
      result.then(
        (value) => {
          unsubscribe();
          resolve(value);
        },
        (error: unknown) => {
          unsubscribe();
          reject(error);
        },
      );
    });
  }

  /** Forgets every queue. Tasks already chained still run in order. */
  clear(): void {
    this.tails.clear();
  }

  /** Number of keys with work queued or running (for tests and diagnostics). */
  get size(): number {
    return this.tails.size;
  }
}
