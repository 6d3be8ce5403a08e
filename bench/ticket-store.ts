/**
 * Connect-ticket benchmark (issue 14 item 6): what minting one ticket costs
 * with 60,000 tickets outstanding against none, for the mock's TicketStore
 * and, as the same-run baseline, a store that scans every outstanding ticket
 * on each mint (the behaviour before the fix). Also the HTTP round trip of
 * `POST /connect-ticket` on a real mock server (loopback), empty and with
 * 60,000 tickets outstanding. Targets are ratios: mint at 60,000 within
 * 1.5× of mint at 0.
 *
 *   pnpm exec tsx bench/ticket-store.ts [--outstanding 60000] [--mints 2000] [--requests 300]
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';
import { TicketStore } from '../packages/mock-server/src/realtime/ticket-store';

const { values } = parseArgs({
  options: {
    outstanding: { type: 'string', default: '60000' },
    mints: { type: 'string', default: '2000' },
    requests: { type: 'string', default: '300' },
  },
});
const OUTSTANDING = Number(values.outstanding);
const MINTS = Number(values.mints);
const REQUESTS = Number(values.requests);

const clock = { now: () => Date.now() };

/** The store as it was: every mint walks every outstanding ticket to drop the expired ones. */
class ScanningTicketStore {
  private readonly tickets = new Map<string, { userId: string; expiresAt: number }>();
  mint(userId: string): string {
    const now = clock.now();
    for (const [ticket, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(ticket);
    const ticket = randomUUID();
    this.tickets.set(ticket, { userId, expiresAt: now + 30_000 });
    return ticket;
  }
  consume(ticket: string): string | null {
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return entry?.userId ?? null;
  }
}

interface Minter {
  mint(userId: string): string;
  consume(ticket: string): string | null;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/**
 * p50 and p99 of one mint, in µs, with exactly `outstanding` live tickets:
 * each measured ticket is consumed again (untimed) before the next mint.
 */
function mintCost(make: () => Minter, outstanding: number): { p50: number; p99: number } {
  const store = make();
  for (let i = 0; i < outstanding; i += 1) store.mint(`pre${i}`);
  for (let i = 0; i < 200; i += 1) store.consume(store.mint('warm'));
  const times: number[] = [];
  for (let i = 0; i < MINTS; i += 1) {
    const start = performance.now();
    const ticket = store.mint('u');
    times.push((performance.now() - start) * 1000);
    store.consume(ticket);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * p50 of `POST /connect-ticket` in ms, after `outstanding` tickets were
 * minted on the server's store. `make` swaps in another store (the route
 * reads `core.tickets` on each request).
 */
async function httpCost(outstanding: number, make?: () => Minter): Promise<number> {
  const server = await startMockServer({ port: 0, seed: 'none' });
  try {
    if (make) Object.defineProperty(server.core, 'tickets', { value: make() });
    const token = await server.mintUserToken('bench-user');
    for (let i = 0; i < outstanding; i += 1) server.core.tickets.mint(`pre${i}`);
    const times: number[] = [];
    for (let i = 0; i < REQUESTS + 20; i += 1) {
      const start = performance.now();
      const response = await fetch(`${server.url}/connect-ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      await response.json();
      if (i >= 20) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return percentile(times, 50);
  } finally {
    await server.close();
  }
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const rows: Array<Record<string, number | string>> = [];
for (const [name, make] of [
  ['TicketStore (Map + expiry queue)', () => new TicketStore(clock)],
  ['baseline: scanning store (before)', () => new ScanningTicketStore()],
] as const) {
  const empty = mintCost(make, 0);
  const full = mintCost(make, OUTSTANDING);
  rows.push({
    store: name,
    'p50 µs @0': round(empty.p50),
    [`p50 µs @${OUTSTANDING}`]: round(full.p50),
    'p50 ratio': round(full.p50 / empty.p50),
    'p99 µs @0': round(empty.p99),
    [`p99 µs @${OUTSTANDING}`]: round(full.p99),
  });
}
console.table(rows);

for (const [name, make] of [
  ['TicketStore', undefined],
  ['baseline: scanning store', () => new ScanningTicketStore()],
] as const) {
  const httpEmpty = await httpCost(0, make);
  const httpFull = await httpCost(OUTSTANDING, make);
  console.log(
    `POST /connect-ticket p50, ${name}: ${round(httpEmpty)} ms @0, ${round(httpFull)} ms @${OUTSTANDING} outstanding (ratio ${round(httpFull / httpEmpty)}); ${REQUESTS} sequential requests each`,
  );
}
