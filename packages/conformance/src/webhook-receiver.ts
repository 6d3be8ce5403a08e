import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConformanceError } from './conformance-error.js';

/** One HTTP request the receiver got, as the target's bot webhook sent it. */
export interface ReceivedWebhook {
  /** Arrival order, from 0, across the receiver's life. */
  readonly index: number;
  /** Local arrival time, in milliseconds. */
  readonly receivedAt: number;
  /** HTTP method. */
  readonly method: string;
  /** Request path with query. */
  readonly path: string;
  /** Request headers (lower-case names). */
  readonly headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or `null` when it is not JSON. */
  readonly body: Record<string, unknown> | null;
  /** The status the receiver answered. */
  readonly status: number;
}

/** Decides the status the receiver answers to a request; default 200. */
export type WebhookResponder = (request: Omit<ReceivedWebhook, 'status'>) => number;

/** Options of {@link WebhookReceiver.start}. */
export interface WebhookReceiverOptions {
  /** `host:port` to listen on. Default `127.0.0.1:0` (a free loopback port). */
  listen?: string;
  /** Default wait of {@link WebhookReceiver.waitFor}, in milliseconds. Default 5000. */
  timeoutMs?: number;
}

/** The largest body the receiver reads (1 MiB); a larger one is answered 413 and not recorded. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An HTTP server standing in for a sandbox's bot: it records every webhook
 * the target sends it and answers what the running scenario decides (200 by
 * default, 500 to provoke a retry). Headers are recorded so a scenario can
 * check the authorization; they are never printed.
 */
export class WebhookReceiver {
  /** Every request so far, in arrival order. */
  readonly received: ReceivedWebhook[] = [];
  /** The URL the receiver answers on (`http://host:port/webhook`); any path is accepted. */
  readonly url: string;
  private responder: WebhookResponder | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    url: string,
    private readonly timeoutMs: number,
  ) {
    this.url = url;
  }

  /** Starts listening; rejects when the address is taken or malformed. */
  static async start(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
    const listen = options.listen ?? '127.0.0.1:0';
    const match = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(listen);
    if (!match) throw new ConformanceError('invalid_target', `webhook listen address must be host:port, got ${JSON.stringify(listen)}`);
    const host = (match[1] || '127.0.0.1').replace(/^\[|\]$/g, '');
    const port = Number(match[2]);
    let receiver: WebhookReceiver | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_BODY_BYTES) tooLarge = true;
        else chunks.push(chunk);
      });
      req.on('end', () => {
        if (tooLarge || !receiver) {
          res.writeHead(413).end();
          return;
        }
        res.writeHead(receiver.record(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8')), {
          'content-type': 'application/json',
        }).end('{}');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    receiver = new WebhookReceiver(server, `http://${shownHost}:${address.port}/webhook`, options.timeoutMs ?? 5_000);
    return receiver;
  }

  /** Sets how the receiver answers from now on (`undefined`: 200 to everything). */
  respondWith(responder: WebhookResponder | undefined): void {
    this.responder = responder;
  }

  /** Requests so far that match. */
  filter(match: (request: ReceivedWebhook) => boolean): ReceivedWebhook[] {
    return this.received.filter(match);
  }

  /**
   * Resolves with the first `count` matching requests once that many have
   * arrived; rejects with a `timeout` ConformanceError naming `what`.
   */
  waitForCount(what: string, match: (request: ReceivedWebhook) => boolean, count: number, timeoutMs = this.timeoutMs): Promise<ReceivedWebhook[]> {
    const now = () => this.received.filter(match);
    if (now().length >= count) return Promise.resolve(now().slice(0, count));
    return new Promise((resolve, reject) => {
      const waiter = () => {
        if (now().length < count) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(now().slice(0, count));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new ConformanceError('timeout', `${now().length} of ${count} ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Resolves with the first matching request (already received or arriving later). */
  async waitFor(what: string, match: (request: ReceivedWebhook) => boolean, timeoutMs = this.timeoutMs): Promise<ReceivedWebhook> {
    const [first] = await this.waitForCount(what, match, 1, timeoutMs);
    return first as ReceivedWebhook;
  }

  /** Stops listening. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private record(method: string, path: string, headers: IncomingHttpHeaders, text: string): number {
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    const request = { index: this.received.length, receivedAt: Date.now(), method, path, headers, body };
    let status = 200;
    try {
      status = this.responder?.(request) ?? 200;
    } catch {
      status = 500;
    }
    this.received.push({ ...request, status });
    for (const waiter of [...this.waiters]) waiter();
    return status;
  }
}
