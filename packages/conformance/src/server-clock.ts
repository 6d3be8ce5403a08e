/**
 * The server's clock offset (server time − this machine's time, in
 * milliseconds) as far as the server's own responses pin it down.
 */
export interface ClockOffset {
  /** Smallest offset consistent with every observation. */
  readonly low: number;
  /** Largest offset consistent with every observation. */
  readonly high: number;
}

/**
 * Learns the server's clock offset from times the server stamps into its
 * responses (a `joinedAt`, the time part of a ULID it just made). A time read
 * on the server while a request was in flight lies between the local send and
 * receive times plus the offset, so each observation bounds the offset to
 * `[server − received, server − sent]`; observations are intersected.
 * Scenarios compare server times with this range, never with `Date.now()`
 * (kilo-chat.md §3.1: timestamps are the server's Unix ms; §6.1: ULID times are
 * the server's).
 */
export class ServerClock {
  private low = Number.NEGATIVE_INFINITY;
  private high = Number.POSITIVE_INFINITY;

  /**
   * Records a server time read while a request was in flight.
   * @param serverMs - the server's time, Unix ms.
   * @param sentAt - local `Date.now()` just before the request.
   * @param receivedAt - local `Date.now()` just after the response.
   */
  observe(serverMs: number, sentAt: number, receivedAt: number): void {
    const low = serverMs - receivedAt;
    const high = serverMs - sentAt;
    if (low > this.high || high < this.low) {
      // Inconsistent with earlier observations (a clock step): keep the union.
      this.low = Math.min(this.low, low);
      this.high = Math.max(this.high, high);
      return;
    }
    this.low = Math.max(this.low, low);
    this.high = Math.min(this.high, high);
  }

  /** Whether anything has been observed. */
  get known(): boolean {
    return Number.isFinite(this.low);
  }

  /** The offset range; `{ low: 0, high: 0 }` before any observation. */
  get offset(): ClockOffset {
    return this.known ? { low: this.low, high: this.high } : { low: 0, high: 0 };
  }

  /**
   * The server-time window of a request sent at `sentAt` and answered at
   * `receivedAt` (local times), widened by `slackMs` on both sides for
   * rounding.
   */
  window(sentAt: number, receivedAt: number, slackMs = 0): { from: number; to: number } {
    const { low, high } = this.offset;
    return { from: sentAt + low - slackMs, to: receivedAt + high + slackMs };
  }
}
