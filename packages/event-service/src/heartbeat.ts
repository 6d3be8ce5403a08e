import type { TimerHandle, Timers } from './timers.js';

/** @internal Settings of {@link Heartbeat}. */
export interface HeartbeatOptions {
  readonly timers: Timers;
  /** Send `ping` this often while open, in milliseconds. */
  readonly intervalMs: number;
  /** Declare the socket dead when nothing arrives this long after a ping, in milliseconds; 0 disables. */
  readonly pongTimeoutMs: number;
  /** Sends the text `ping`. */
  readonly sendPing: () => void;
  /** Runs right after each scheduled ping (the client flushes its ack there). */
  readonly afterPing: () => void;
  /** The socket went silent. */
  readonly onSilent: () => void;
}

/**
 * @internal Keepalive and liveness for one open socket.
 *
 * Every `intervalMs` it sends `ping`; the server answers `pong`. Any inbound
 * frame proves the socket alive. When nothing arrives within `pongTimeoutMs`
 * of a ping, the socket is half-open (the peer or the path is gone without a
 * close) and `onSilent` fires, once.
 */
export class Heartbeat {
  #interval: TimerHandle | undefined;
  #deadline: TimerHandle | undefined;
  readonly #options: HeartbeatOptions;

  constructor(options: HeartbeatOptions) {
    this.#options = options;
  }

  /** Starts the ping interval. */
  start(): void {
    this.stop();
    this.#interval = this.#options.timers.setInterval(() => {
      this.#ping();
      this.#options.afterPing();
    }, this.#options.intervalMs);
  }

  /** Pings now, outside the interval (after a wake-up, to find a dead socket quickly). */
  probe(): void {
    if (this.#interval === undefined) return;
    this.#ping();
  }

  /** Something arrived: the socket is alive. */
  alive(): void {
    if (this.#deadline === undefined) return;
    this.#options.timers.clearTimeout(this.#deadline);
    this.#deadline = undefined;
  }

  /** Stops the interval and any pending deadline. */
  stop(): void {
    if (this.#interval !== undefined) this.#options.timers.clearInterval(this.#interval);
    this.#interval = undefined;
    this.alive();
  }

  #ping(): void {
    this.#options.sendPing();
    if (this.#options.pongTimeoutMs <= 0 || this.#deadline !== undefined) return;
    this.#deadline = this.#options.timers.setTimeout(() => {
      this.#deadline = undefined;
      this.stop();
      this.#options.onSilent();
    }, this.#options.pongTimeoutMs);
  }
}
