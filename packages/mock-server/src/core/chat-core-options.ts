import type { Logger } from '@kilocode/event-service';
import type { Clock } from './clock.js';
import type { LogCapacityOptions } from './ring-log.js';

/** Options of `ChatCore` (and of the `ChatState` it owns). */
export interface ChatCoreOptions {
  /** HMAC key of the bot gateway tokens (also authenticates outgoing webhooks). */
  gatewaySecret: string;
  /** Default webhook URL for bots whose sandbox sets none. Null: such bots get no webhooks. */
  botWebhookUrl?: string | null;
  /** Waits between webhook attempts. Default `[500, 1000]` (3 attempts). */
  webhookRetryDelaysMs?: readonly number[];
  /** Per-attempt webhook timeout in ms. Default 15000. */
  webhookTimeoutMs?: number;
  /** fetch used for webhooks. Default: the global fetch at call time. */
  webhookFetch?: typeof fetch;
  /** How long a pending bot push waits before firing. Default 10000 ms. */
  botPushTimeoutMs?: number;
  /** request-bot-status skips the bot when the stored status is younger than this. Default 10000 ms. */
  botStatusFreshnessMs?: number;
  /** Connect-ticket lifetime. Default 30000 ms. */
  ticketTtlMs?: number;
  /** Time source. Default: `Date.now()` at call time. */
  clock?: Clock;
  /**
   * Added to every time the core reads, in ms: a server clock ahead of its
   * clients (positive) or behind them (negative). Default 0.
   */
  clockOffsetMs?: number;
  /**
   * Push each event this many ms after the operation that causes it (a
   * function is asked per push and recipient), so events arrive after the
   * HTTP response and in no fixed order, as the real service's `waitUntil`
   * fan-out delivers them (kilo-chat.md §2). Default: pushed at once, before
   * the response.
   */
  eventDelayMs?: number | (() => number);
  /**
   * How long an attachment that no message linked is kept, in ms after its
   * init: after it, linking it fails as for an unknown attachment, and a
   * sweep (every minute at most) removes the row and its bytes. Default
   * 3,600,000 (1 hour; the upload URL itself lasts 15 minutes).
   */
  unlinkedAttachmentTtlMs?: number;
  /** Log sink. Default: silent. */
  logger?: Logger;
  /** Most records kept in the event, webhook and push logs (ring buffers). Defaults: 10,000, 1,000 and 10,000. */
  logCapacity?: LogCapacityOptions;
}
