import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';

/** Default ticket lifetime, as the real event service: 30 s. */
export const DEFAULT_TICKET_TTL_MS = 30_000;

interface TicketEntry {
  ticket: string;
  userId: string;
  expiresAt: number;
}

/**
 * Connect tickets: opaque UUIDs, valid for a short time, consumed once.
 *
 * Mint, consume and expiry are O(1) amortised however many tickets are
 * outstanding: a Map finds a ticket, and a queue in mint order holds the
 * expiries. Each mint or consume drops expired tickets from the front of the
 * queue and stops at the first live one, so every ticket is swept at most
 * once. With a fixed TTL the queue is in expiry order; after the TTL is
 * lowered a later ticket may expire before an earlier one, and it then waits
 * in the Map until the sweep reaches it. `consume` checks the expiry
 * itself, so such a ticket is refused all the same.
 */
export class TicketStore {
  private readonly tickets = new Map<string, TicketEntry>();
  /** Entries in mint order; `head` is the first not yet swept. */
  private queue: TicketEntry[] = [];
  private head = 0;
  /** Lifetime of newly minted tickets, in ms. */
  ttlMs: number;

  constructor(
    private readonly clock: Clock,
    ttlMs = DEFAULT_TICKET_TTL_MS,
  ) {
    this.ttlMs = ttlMs;
  }

  /** Mints a ticket for `userId`, valid for {@link TicketStore.ttlMs} from now. */
  mint(userId: string): string {
    const now = this.clock.now();
    this.sweep(now);
    const entry: TicketEntry = { ticket: randomUUID(), userId, expiresAt: now + this.ttlMs };
    this.tickets.set(entry.ticket, entry);
    this.queue.push(entry);
    return entry.ticket;
  }

  /** Consumes a ticket: the user id when it was live, else null. A ticket works once. */
  consume(ticket: string): string | null {
    const now = this.clock.now();
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    this.sweep(now);
    if (!entry || entry.expiresAt <= now) return null;
    return entry.userId;
  }

  /** Makes every outstanding ticket expired (fault injection): none of them can be consumed. */
  expireAll(): void {
    this.tickets.clear();
    this.queue = [];
    this.head = 0;
  }

  /** Number of tickets not yet consumed or swept. */
  get size(): number {
    return this.tickets.size;
  }

  /** Drops expired tickets from the front of the mint-order queue. */
  private sweep(now: number): void {
    const queue = this.queue;
    while (this.head < queue.length) {
      const entry = queue[this.head] as TicketEntry;
      if (entry.expiresAt > now) break;
      // The Map may already have lost it to consume(); deleting again is harmless.
      if (this.tickets.get(entry.ticket) === entry) this.tickets.delete(entry.ticket);
      this.head += 1;
    }
    // Drop the swept prefix once it is at least half the array: O(1) amortised.
    if (this.head > 1024 && this.head * 2 >= queue.length) {
      this.queue = queue.slice(this.head);
      this.head = 0;
    }
  }
}
