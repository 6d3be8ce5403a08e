import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../src/core/clock';
import { DEFAULT_TICKET_TTL_MS, TicketStore } from '../src/realtime/ticket-store';

describe('TicketStore', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_800_000_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('redeems a ticket once, for its user, until its 30 s are up', () => {
    const store = new TicketStore(systemClock);
    const a = store.mint('alice');
    const b = store.mint('bob');
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    vi.advanceTimersByTime(DEFAULT_TICKET_TTL_MS - 1);
    expect(store.consume(a)).toBe('alice');
    expect(store.consume(a)).toBeNull();
    vi.advanceTimersByTime(1);
    expect(store.consume(b)).toBeNull();
    expect(store.consume('not-a-ticket')).toBeNull();
  });

  it('sweeps expired tickets on the next mint, so they stop counting', () => {
    const store = new TicketStore(systemClock, 1_000);
    for (let i = 0; i < 5_000; i += 1) store.mint(`u${i}`);
    expect(store.size).toBe(5_000);
    vi.advanceTimersByTime(500);
    const late = store.mint('late');
    expect(store.size).toBe(5_001);
    vi.advanceTimersByTime(500);
    store.mint('later');
    // The first 5,000 are gone; `late` (minted at 500 ms) still has 500 ms.
    expect(store.size).toBe(2);
    expect(store.consume(late)).toBe('late');
    vi.advanceTimersByTime(1_000);
    store.mint('last');
    expect(store.size).toBe(1);
  });

  it('expireAll refuses every outstanding ticket but not the next one', () => {
    const store = new TicketStore(systemClock);
    const tickets = ['a', 'b', 'c'].map((user) => store.mint(user));
    store.expireAll();
    expect(store.size).toBe(0);
    for (const ticket of tickets) expect(store.consume(ticket)).toBeNull();
    const fresh = store.mint('d');
    expect(store.consume(fresh)).toBe('d');
  });

  it('applies a changed TTL to new tickets only, and refuses a short-lived ticket minted after a long-lived one', () => {
    const store = new TicketStore(systemClock);
    const long = store.mint('long');
    store.ttlMs = 100;
    const short = store.mint('short');
    vi.advanceTimersByTime(100);
    // The short one expired although the long one ahead of it in the queue has not.
    expect(store.consume(short)).toBeNull();
    expect(store.consume(long)).toBe('long');
  });

  it('keeps working across many sweeps and compactions of its queue', () => {
    const store = new TicketStore(systemClock, 10);
    let kept = '';
    for (let round = 0; round < 50; round += 1) {
      for (let i = 0; i < 100; i += 1) kept = store.mint(`r${round}`);
      vi.advanceTimersByTime(10);
    }
    expect(store.consume(kept)).toBeNull();
    const live = store.mint('now');
    expect(store.size).toBe(1);
    expect(store.consume(live)).toBe('now');
  });
});
