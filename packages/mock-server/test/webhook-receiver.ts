import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook the receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: any;
}

/** A loopback HTTP server that records webhooks and answers with a scripted status. */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedWebhook[];
  /** Decides the status of each request (default 200). */
  respondWith(fn: (request: ReceivedWebhook, index: number) => number): void;
  close(): Promise<void>;
}

/** Starts a webhook receiver on 127.0.0.1, port 0. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let respond: (request: ReceivedWebhook, index: number) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const received: ReceivedWebhook = { headers: req.headers, body: text ? JSON.parse(text) : null };
      requests.push(received);
      const status = respond(received, requests.length - 1);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    respondWith(fn) {
      respond = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
