import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';

/** Default ticket lifetime, as the real event service: 30 s. */
export const DEFAULT_TICKET_TTL_MS = 30_000;

interface TicketEntry {
  userId: string;
  expiresAt: number;
}

/**
 * Connect tickets: opaque UUIDs, valid for a short time, consumed once.
 * Expired entries are dropped whenever a ticket is minted or consumed.
 */
export class TicketStore {
  private readonly tickets = new Map<string, TicketEntry>();
  /** Lifetime of newly minted tickets, in ms. */
  ttlMs: number;

  constructor(
    private readonly clock: Clock,
    ttlMs = DEFAULT_TICKET_TTL_MS,
  ) {
    this.ttlMs = ttlMs;
  }

  /** Mints a ticket for `userId`. */
  mint(userId: string): string {
    this.sweep();
    const ticket = randomUUID();
    this.tickets.set(ticket, { userId, expiresAt: this.clock.now() + this.ttlMs });
    return ticket;
  }

  /** Consumes a ticket: the user id when it was live, else null. A ticket works once. */
  consume(ticket: string): string | null {
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    this.sweep();
    if (!entry || entry.expiresAt <= this.clock.now()) return null;
    return entry.userId;
  }

  /** Makes every outstanding ticket expired (fault injection). */
  expireAll(): void {
    const now = this.clock.now();
    for (const entry of this.tickets.values()) entry.expiresAt = now;
  }

  /** Number of tickets not yet consumed or swept. */
  get size(): number {
    return this.tickets.size;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [ticket, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(ticket);
  }
}
