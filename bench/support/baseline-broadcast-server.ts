/**
 * The baseline of the fan-out benchmark: the least a server can do to fan one
 * message out to WebSocket subscribers — plain node:http + ws, no auth, no
 * validation, no store. `POST /v1/messages` answers with a new id and writes
 * one `message.created` frame (per-socket `seq`) to every socket subscribed to
 * the context. The mock server's numbers are reported as ratios to this.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

/** A running baseline server. */
export interface BaselineServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `ws://127.0.0.1:<port>`. */
  readonly eventsUrl: string;
  /** Number of sockets subscribed to `context`. */
  subscribed(context: string): number;
  close(): Promise<void>;
}

/** Starts the baseline on a free loopback port. */
export async function startBaselineServer(): Promise<BaselineServer> {
  const subscribers = new Map<string, Set<WebSocket>>();
  const seqs = new WeakMap<WebSocket, number>();
  let counter = 0;
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('kilo.events.v1') ? 'kilo.events.v1' : false) });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { conversationId: string; content: unknown };
      const messageId = `m${(counter += 1)}`;
      const payload = JSON.stringify({ messageId, senderId: 'u', content: body.content, inReplyToMessageId: null, replyTo: null, clientId: null });
      const context = `/kiloclaw/bench/${body.conversationId}`;
      const head = `{"type":"event","context":${JSON.stringify(context)},"event":"message.created","payload":${payload},"seq":`;
      for (const socket of subscribers.get(context) ?? []) {
        const seq = (seqs.get(socket) ?? 0) + 1;
        seqs.set(socket, seq);
        socket.send(`${head}${seq}}`);
      }
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId }));
    });
  });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type: string; contexts?: string[] };
        if (frame.type !== 'context.subscribe') return;
        for (const context of frame.contexts ?? []) {
          let set = subscribers.get(context);
          if (!set) subscribers.set(context, (set = new Set()));
          set.add(ws);
        }
      });
      ws.on('close', () => {
        for (const set of subscribers.values()) set.delete(ws);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    eventsUrl: `ws://127.0.0.1:${port}`,
    subscribed: (context) => subscribers.get(context)?.size ?? 0,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
