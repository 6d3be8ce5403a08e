import type { Logger } from '@kilocode/event-service';
import type { Clock } from './clock.js';
import { RingLog } from './ring-log.js';

/** Waits before the 2nd and 3rd attempt of a webhook, as the real service: 500 ms, then 1000 ms. */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [500, 1000];

/** Per-attempt timeout of one webhook POST: 15 s. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 15_000;

/**
 * How many webhook deliveries {@link WebhookDispatcher.log} (`GET /_dev/webhooks`)
 * keeps by default: 1,000. Older ones are dropped as new ones arrive.
 */
export const DEFAULT_WEBHOOK_LOG_CAPACITY = 1_000;

/**
 * Most webhooks waiting on one conversation's chain (queued behind the one
 * in flight): 1,000. A webhook with a target queued beyond it fails at once
 * (`failed`, one attempt with error `queue full`) and its failure hook runs,
 * as if the bot were unreachable, so a bot that hangs cannot make the queue
 * grow forever.
 */
export const WEBHOOK_QUEUE_LIMIT = 1_000;

/** A webhook body, discriminated on `type` (`message.created`, `action.executed`, `bot.status_request`). */
export type WebhookPayload = { type: string } & Record<string, unknown>;

/** One try of one delivery. */
export interface WebhookAttempt {
  /** When it started (server ms). */
  at: number;
  /** HTTP status received, or null when the request failed. */
  status: number | null;
  /** Transport error text, or null. */
  error: string | null;
}

/** A webhook the core tried to send, with every attempt. */
export interface WebhookDelivery {
  /** Bot the webhook is for. */
  targetBotId: string;
  /** Conversation whose ordered chain it ran on, or null. */
  conversationId: string | null;
  /** URL used, or null when the bot has no webhook URL. */
  url: string | null;
  /** Body as sent. */
  payload: WebhookPayload;
  /** Every attempt in order. */
  attempts: WebhookAttempt[];
  /** `skipped` when there was no URL to send to. */
  outcome: 'pending' | 'delivered' | 'failed' | 'skipped';
}

/** Where a bot's webhooks go and the bearer that authenticates them. */
export interface WebhookTarget {
  /** POST target. */
  url: string;
  /** Sent as `authorization: Bearer <token>` (the sandbox's gateway token). */
  token: string;
}

/** How the dispatcher finds targets, waits and sends. */
export interface WebhookDispatcherOptions {
  /** The target of a bot, or null when it has none. */
  resolveTarget(targetBotId: string): WebhookTarget | null;
  /** Waits between attempts; attempts = length + 1. */
  retryDelaysMs?: readonly number[];
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** The fetch to use; defaults to the global one, read at call time. */
  fetch?: typeof fetch;
  /** Clock for attempt timestamps. */
  clock: Clock;
  /** Log sink. */
  logger: Logger;
  /** Most deliveries kept in the log. Default {@link DEFAULT_WEBHOOK_LOG_CAPACITY}. */
  logCapacity?: number;
  /** Most webhooks queued per conversation. Default {@link WEBHOOK_QUEUE_LIMIT}. */
  queueLimit?: number;
}

/** Result of a single-shot send (`bot.status_request`). */
export type SingleSendResult = 'delivered' | 'definitive_failure' | 'transient_failure';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends bot webhooks. Message and action webhooks of one conversation run on
 * one chain, so the bot sees them in commit order; a failure does not block
 * the chain. Each gets up to three tries, then the caller's failure hook runs.
 */
export class WebhookDispatcher {
  /** The most recent deliveries, a ring buffer (`log.capacity` can be changed later). */
  readonly log: RingLog<WebhookDelivery>;
  /** Waits between attempts (mutable so tests can shorten them). */
  retryDelaysMs: readonly number[];
  private readonly chains = new Map<string, Promise<void>>();
  /** Webhooks on each conversation's chain not yet settled (queued or in flight). */
  private readonly queued = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
    this.log = new RingLog(options.logCapacity ?? DEFAULT_WEBHOOK_LOG_CAPACITY);
  }

  /** The retained deliveries, oldest first (a fresh copy of {@link WebhookDispatcher.log}). */
  get deliveries(): WebhookDelivery[] {
    return this.log.toArray();
  }

  /** Webhooks not yet settled, over every conversation chain. */
  get queuedCount(): number {
    let sum = 0;
    for (const n of this.queued.values()) sum += n;
    return sum;
  }

  /**
   * Queues a webhook on the conversation's chain. `onPermanentFailure` runs
   * after the last failed try; `onDelivered` after a success.
   */
  enqueue(
    conversationId: string,
    targetBotId: string,
    payload: WebhookPayload,
    hooks: { onPermanentFailure?: () => void; onDelivered?: () => void } = {},
  ): void {
    const waiting = this.queued.get(conversationId) ?? 0;
    // Only webhooks that will go out count: one with no target settles in a microtask.
    if (waiting > (this.options.queueLimit ?? WEBHOOK_QUEUE_LIMIT) && this.options.resolveTarget(targetBotId) !== null) {
      const delivery = this.record(conversationId, targetBotId, payload);
      delivery.attempts.push({ at: this.options.clock.now(), status: null, error: 'queue full' });
      delivery.outcome = 'failed';
      this.options.logger.warn('webhook queue full; failed at once', { targetBotId, conversationId });
      // After the operation that queued it has finished, as a real failure would be.
      queueMicrotask(() => this.runHook(hooks.onPermanentFailure));
      return;
    }
    this.queued.set(conversationId, waiting + 1);
    const previous = this.chains.get(conversationId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const delivery = this.record(conversationId, targetBotId, payload);
      if (delivery.url === null) {
        delivery.outcome = 'skipped';
        return;
      }
      const attempts = this.retryDelaysMs.length + 1;
      for (let i = 0; i < attempts; i += 1) {
        if (i > 0) await sleep(this.retryDelaysMs[i - 1] ?? 0);
        const status = await this.attempt(delivery);
        if (status !== null && status >= 200 && status < 300) {
          delivery.outcome = 'delivered';
          this.runHook(hooks.onDelivered);
          return;
        }
      }
      delivery.outcome = 'failed';
      this.runHook(hooks.onPermanentFailure);
    });
    const settled = next
      .catch((error: unknown) => {
        this.options.logger.error('webhook chain failed', { error: String(error) });
      })
      .finally(() => {
        const left = (this.queued.get(conversationId) ?? 1) - 1;
        if (left > 0) this.queued.set(conversationId, left);
        else this.queued.delete(conversationId);
      });
    this.chains.set(conversationId, settled);
    this.track(settled);
    void settled.then(() => {
      if (this.chains.get(conversationId) === settled) this.chains.delete(conversationId);
    });
  }

  /**
   * Sends once, with no retry (`bot.status_request`). A missing target or a
   * 4xx answer is a definitive failure; anything else that fails is transient.
   */
  async sendOnce(targetBotId: string, payload: WebhookPayload): Promise<SingleSendResult> {
    const task = (async (): Promise<SingleSendResult> => {
      const delivery = this.record(null, targetBotId, payload);
      if (delivery.url === null) {
        delivery.outcome = 'skipped';
        return 'definitive_failure';
      }
      const status = await this.attempt(delivery);
      if (status !== null && status >= 200 && status < 300) {
        delivery.outcome = 'delivered';
        return 'delivered';
      }
      delivery.outcome = 'failed';
      return status !== null && status >= 400 && status < 500 ? 'definitive_failure' : 'transient_failure';
    })();
    this.track(task);
    return task;
  }

  /** Resolves once every queued and in-flight delivery has settled. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private record(conversationId: string | null, targetBotId: string, payload: WebhookPayload): WebhookDelivery {
    const target = this.options.resolveTarget(targetBotId);
    const delivery: WebhookDelivery = {
      targetBotId,
      conversationId,
      url: target?.url ?? null,
      payload,
      attempts: [],
      outcome: 'pending',
    };
    this.log.push(delivery);
    return delivery;
  }

  private async attempt(delivery: WebhookDelivery): Promise<number | null> {
    const target = this.options.resolveTarget(delivery.targetBotId);
    const attempt: WebhookAttempt = { at: this.options.clock.now(), status: null, error: null };
    delivery.attempts.push(attempt);
    if (!target) {
      attempt.error = 'no webhook target';
      return null;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS);
    try {
      const doFetch = this.options.fetch ?? globalThis.fetch;
      const response = await doFetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
        body: JSON.stringify(delivery.payload),
        signal: controller.signal,
      });
      attempt.status = response.status;
      await response.body?.cancel().catch(() => undefined);
      return response.status;
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
      this.options.logger.warn('webhook attempt failed', { targetBotId: delivery.targetBotId, error: attempt.error });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private runHook(hook: (() => void) | undefined): void {
    if (!hook) return;
    try {
      hook();
    } catch (error) {
      this.options.logger.error('webhook hook threw', { error: String(error) });
    }
  }

  private track(promise: Promise<unknown>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
  }
}
