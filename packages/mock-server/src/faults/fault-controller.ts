import type { SessionHub } from '../realtime/session-hub.js';
import type { TicketStore } from '../realtime/ticket-store.js';
import { type RoutePattern, matchesRoute } from './route-pattern.js';

/** A scripted failure: the next `remaining` matching calls answer `status` with `body`. */
export interface RouteFailure {
  /** Which calls it hits. */
  route: RoutePattern;
  /** HTTP status to answer with. */
  status: number;
  /** JSON body to answer with. */
  body: Record<string, unknown>;
  /** Calls left to fail. */
  remaining: number;
}

/** Added delay for matching calls. */
export interface RouteLatency {
  /** Which calls it hits; null for every call. */
  route: RoutePattern | null;
  /** Delay in ms. */
  ms: number;
}

/** Options of {@link FaultController.failNext}. */
export interface FailNextOptions {
  /** Status to answer with. Default 500. */
  status?: number;
  /** How many calls to fail. Default 1. */
  times?: number;
  /** Body to answer with. Default `{ error: "Injected fault" }`. */
  body?: Record<string, unknown>;
}

/**
 * Every fault the mock can inject, in one place. The HTTP face consults it on
 * each request (failures and latency); the realtime face on each upgrade and
 * ping. Routes under `/_control/` are never affected, so a test can always
 * undo what it set.
 */
export class FaultController {
  private failures: RouteFailure[] = [];
  private latencies: RouteLatency[] = [];
  private upgradeRefusals = 0;
  private upgradeRefusalStatus = 503;
  private badgeClearFailures = 0;

  constructor(
    private readonly hub: SessionHub,
    private readonly tickets: TicketStore,
  ) {}

  /** Fails the next N calls of a route with a status (no state changes for those calls). */
  failNext(route: RoutePattern, options: FailNextOptions = {}): void {
    this.failures.push({
      route,
      status: options.status ?? 500,
      body: options.body ?? { error: 'Injected fault' },
      remaining: options.times ?? 1,
    });
  }

  /** Delays every matching call by `ms` (all calls when `route` is omitted). */
  addLatency(ms: number, route?: RoutePattern): void {
    this.latencies.push({ route: route ?? null, ms });
  }

  /** Removes every latency rule. */
  clearLatency(): void {
    this.latencies = [];
  }

  /** Drops every socket without a close frame (like a network cut). */
  dropAllSockets(): void {
    this.hub.dropAll();
  }

  /** Closes every socket with `code` and `reason`. */
  closeAllSockets(code: number, reason = ''): void {
    this.hub.closeAll(code, reason);
  }

  /** Stops answering `ping` with `pong` (sockets stay open). */
  stopAnsweringPings(): void {
    this.hub.answerPings = false;
  }

  /** Answers pings again. */
  resumeAnsweringPings(): void {
    this.hub.answerPings = true;
  }

  /**
   * Makes existing and new sockets half-open: frames from clients are ignored
   * and nothing is sent to them (no pongs, no events), yet nothing is closed.
   */
  setHalfOpen(enabled: boolean): void {
    this.hub.halfOpen = enabled;
  }

  /** Expires every outstanding connect ticket now. */
  expireTickets(): void {
    this.tickets.expireAll();
  }

  /** Changes the lifetime of tickets minted from now on (ms). */
  setTicketTtl(ms: number): void {
    this.tickets.ttlMs = ms;
  }

  /** Refuses the next `times` WebSocket upgrades with `status` (Infinity: until cleared). */
  refuseUpgrades(times = Number.POSITIVE_INFINITY, status = 503): void {
    this.upgradeRefusals = times;
    this.upgradeRefusalStatus = status;
  }

  /** Makes the next `times` badge clears in mark-read fail (503 after the read marker is stored). */
  failBadgeClears(times = 1): void {
    this.badgeClearFailures = times;
  }

  /** Clears every fault and restores normal ping, ticket and upgrade behaviour. */
  reset(): void {
    this.failures = [];
    this.latencies = [];
    this.upgradeRefusals = 0;
    this.badgeClearFailures = 0;
    this.hub.answerPings = true;
    this.hub.halfOpen = false;
  }

  /** @internal The scripted failure for this call, consuming one use; null when none. */
  takeFailure(method: string, path: string): { status: number; body: Record<string, unknown> } | null {
    const rule = this.failures.find((f) => f.remaining > 0 && matchesRoute(f.route, method, path));
    if (!rule) return null;
    rule.remaining -= 1;
    this.failures = this.failures.filter((f) => f.remaining > 0);
    return { status: rule.status, body: rule.body };
  }

  /** @internal Total added latency for this call in ms. */
  latencyFor(method: string, path: string): number {
    return this.latencies.filter((l) => l.route === null || matchesRoute(l.route, method, path)).reduce((sum, l) => sum + l.ms, 0);
  }

  /** @internal The status to refuse this upgrade with, consuming one use; null to accept. */
  takeUpgradeRefusal(): number | null {
    if (this.upgradeRefusals <= 0) return null;
    this.upgradeRefusals -= 1;
    return this.upgradeRefusalStatus;
  }

  /** @internal Whether this badge clear should fail, consuming one use. */
  takeBadgeClearFailure(): boolean {
    if (this.badgeClearFailures <= 0) return false;
    this.badgeClearFailures -= 1;
    return true;
  }
}
