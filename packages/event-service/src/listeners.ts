/**
 * Listener bookkeeping with isolation: a listener that throws is reported
 * through the given reporter and never stops the listeners after it, the
 * caller that emitted, or the socket that delivered the frame.
 */

/**
 * @internal Receives whatever a listener threw, where it was registered
 * (e.g. `on`), and the key it was registered under, if any.
 */
export type ThrowReporter = (thrown: unknown, where: string, key: string | undefined) => void;

/**
 * @internal An ordered set of listeners. Adding the same function twice keeps
 * one registration (as the reference client did). The listeners are kept in
 * an array that is replaced, never mutated, on change: an emit walks the array
 * it started with, so listeners added or removed during an emit take effect
 * from the next one, and an emit allocates nothing.
 */
export class ListenerSet<TArgs extends unknown[]> {
  #listeners: ReadonlyArray<(...args: TArgs) => void> = [];

  /** Adds `listener`; returns a function that removes it (safe to call twice). */
  add(listener: (...args: TArgs) => void): () => void {
    if (!this.#listeners.includes(listener)) this.#listeners = [...this.#listeners, listener];
    return () => {
      if (this.#listeners.includes(listener)) this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** How many listeners are registered. */
  get size(): number {
    return this.#listeners.length;
  }

  /**
   * @internal The listeners as of now, for a caller that walks them itself
   * (the per-frame path, which calls them without an argument array). The
   * array is replaced on change, never mutated.
   */
  get current(): ReadonlyArray<(...args: TArgs) => void> {
    return this.#listeners;
  }

  /** Drops every listener. */
  clear(): void {
    this.#listeners = [];
  }

  /** Calls every listener with `args`; a throw goes to `report` and the walk continues. */
  emit(report: ThrowReporter, where: string, ...args: TArgs): void {
    this.run(report, where, undefined, args);
  }

  /** @internal {@link emit} with the registration key passed to the reporter. */
  run(report: ThrowReporter, where: string, key: string | undefined, args: TArgs): void {
    const listeners = this.#listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i]!(...args);
      } catch (thrown) {
        report(thrown, where, key);
      }
    }
  }
}

/**
 * @internal Listener sets keyed by a string (an event name or a context).
 * Empty sets are dropped so the map never grows with churn.
 */
export class KeyedListeners<TArgs extends unknown[]> {
  readonly #byKey = new Map<string, ListenerSet<TArgs>>();

  /** Adds `listener` under `key`; returns a function that removes it. */
  add(key: string, listener: (...args: TArgs) => void): () => void {
    let set = this.#byKey.get(key);
    if (set === undefined) {
      set = new ListenerSet<TArgs>();
      this.#byKey.set(key, set);
    }
    const remove = set.add(listener);
    const owner = set;
    return () => {
      remove();
      if (owner.size === 0 && this.#byKey.get(key) === owner) this.#byKey.delete(key);
    };
  }

  /** How many keys have at least one listener. */
  get keyCount(): number {
    return this.#byKey.size;
  }

  /** Drops every listener under every key. */
  clear(): void {
    this.#byKey.clear();
  }

  /** @internal The listeners under `key` as of now (see {@link ListenerSet.current}), or `undefined`. */
  get(key: string): ReadonlyArray<(...args: TArgs) => void> | undefined {
    return this.#byKey.get(key)?.current;
  }

  /** Calls the listeners under `key`, isolated as in {@link ListenerSet.emit}. */
  emit(key: string, report: ThrowReporter, where: string, ...args: TArgs): void {
    this.#byKey.get(key)?.run(report, where, key, args);
  }
}
