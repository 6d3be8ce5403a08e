/**
 * Reference-counted context subscriptions, and a mirror of what the current
 * socket holds on the server.
 *
 * The registry does no I/O. Each operation returns a {@link WirePlan}: the
 * frames' contents the client must send now, and the contexts that do not fit
 * under the per-socket limit (to be reported, never dropped silently).
 *
 * The mirror relies on two server facts: a socket starts with no contexts,
 * and the server adds the contexts of a subscribe frame in order until the
 * socket holds its limit, skipping the rest.
 */

/** @internal What the client must do on the wire after a registry change. */
export interface WirePlan {
  /** Contexts to send in `context.unsubscribe` frames, in order. */
  readonly unsubscribe: readonly string[];
  /** Contexts to send in `context.subscribe` frames, in order. */
  readonly subscribe: readonly string[];
  /** Live contexts that newly do not fit on the socket; report them. */
  readonly overflow: readonly string[];
}

const EMPTY: WirePlan = Object.freeze({ unsubscribe: [], subscribe: [], overflow: [] });

/** @internal See the module comment. */
export class SubscriptionRegistry {
  /** Live contexts and their reference counts, in first-subscribe order. */
  readonly #counts = new Map<string, number>();
  /** Contexts the current socket holds, in the order they were sent. */
  #wire = new Set<string>();
  /** Live contexts that are not on the socket because it is full, in order. */
  #overflow = new Set<string>();
  /** The per-socket limit in force, or `undefined` while no socket is attached. */
  #limit: number | undefined;

  /** True when `context` has at least one live reference. */
  has(context: string): boolean {
    return this.#counts.has(context);
  }

  /** The reference count of `context` (0 when not live). */
  count(context: string): number {
    return this.#counts.get(context) ?? 0;
  }

  /** Live contexts, in first-subscribe order. */
  live(): string[] {
    return [...this.#counts.keys()];
  }

  /** Contexts the current socket holds (empty while detached). */
  onSocket(): string[] {
    return [...this.#wire];
  }

  /** Live contexts that do not fit on the current socket. */
  overflowing(): string[] {
    return [...this.#overflow];
  }

  /** Adds one reference to each context (duplicates count twice). */
  add(contexts: readonly string[]): WirePlan {
    const fresh: string[] = [];
    for (const context of contexts) {
      const current = this.#counts.get(context) ?? 0;
      this.#counts.set(context, current + 1);
      if (current === 0) fresh.push(context);
    }
    if (this.#limit === undefined || fresh.length === 0) return EMPTY;
    return this.#place(fresh, []);
  }

  /** Removes one reference from each context; unknown contexts are ignored. */
  remove(contexts: readonly string[]): WirePlan {
    const gone: string[] = [];
    for (const context of contexts) {
      const current = this.#counts.get(context);
      if (current === undefined) continue;
      if (current <= 1) {
        this.#counts.delete(context);
        gone.push(context);
      } else {
        this.#counts.set(context, current - 1);
      }
    }
    if (gone.length === 0) return EMPTY;
    const unsubscribe: string[] = [];
    for (const context of gone) {
      if (this.#wire.delete(context)) unsubscribe.push(context);
      this.#overflow.delete(context);
    }
    if (this.#limit === undefined) return EMPTY;
    return { unsubscribe, subscribe: this.#promote(), overflow: [] };
  }

  /**
   * A new socket opened: it holds nothing yet. Plans a full resubscribe of the
   * live contexts, up to `limit`.
   */
  attach(limit: number): WirePlan {
    this.#limit = Math.max(0, limit);
    this.#wire = new Set();
    this.#overflow = new Set();
    return this.#place(this.live(), []);
  }

  /** The socket is gone; nothing is on the wire any more. */
  detach(): void {
    this.#limit = undefined;
    this.#wire = new Set();
    this.#overflow = new Set();
  }

  /**
   * The server reported that the socket is full at `max`. Moves the contexts
   * beyond `max` (in send order) from the socket to the overflow and returns
   * them; lowers the limit for the rest of this socket's life.
   */
  serverLimit(max: number): string[] {
    if (this.#limit === undefined) return [];
    this.#limit = Math.min(this.#limit, Math.max(0, max));
    const sent = [...this.#wire];
    if (sent.length <= this.#limit) return [];
    const dropped = sent.slice(this.#limit);
    this.#wire = new Set(sent.slice(0, this.#limit));
    this.#overflow = new Set([...dropped, ...this.#overflow]);
    return dropped;
  }

  /** Forgets every context and the socket mirror. */
  clear(): void {
    this.#counts.clear();
    this.detach();
  }

  #place(fresh: readonly string[], unsubscribe: string[]): WirePlan {
    const limit = this.#limit ?? 0;
    const subscribe: string[] = [];
    const overflow: string[] = [];
    for (const context of fresh) {
      if (this.#wire.has(context)) continue;
      if (this.#wire.size < limit) {
        this.#wire.add(context);
        subscribe.push(context);
      } else if (!this.#overflow.has(context)) {
        this.#overflow.add(context);
        overflow.push(context);
      }
    }
    return { unsubscribe, subscribe, overflow };
  }

  #promote(): string[] {
    const limit = this.#limit ?? 0;
    const promoted: string[] = [];
    for (const context of this.#overflow) {
      if (this.#wire.size >= limit) break;
      this.#overflow.delete(context);
      this.#wire.add(context);
      promoted.push(context);
    }
    return promoted;
  }
}
