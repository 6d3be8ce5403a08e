/**
 * A plain `ws` event server on the caller's thread: the setup the issue's
 * baseline figure comes from ("about 190,000–200,000 frames/s of 400 bytes
 * with server and client in one process"). Unlike `blast-server.ts`, which
 * encodes frames by hand straight into one buffer, this server sends each
 * event frame with `WebSocket.send`, as a Node server built on `ws` does, so
 * the server's share of the thread is a realistic one.
 *
 * Same surface as {@link BlastServer} (blast mode only): `POST /connect-ticket`
 * answers `{ ticket }`; `GET /connect?ticket=…` upgrades when `kilo.events.v1`
 * is offered; on a socket's first `context.subscribe` it sends `frames`
 * `message.created` frames (`seq` from 1, round-robin over the contexts of
 * that frame), as fast as the socket drains (at most 1 MiB buffered, then it
 * yields to the event loop); it answers `ping` with `pong` and counts acks.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { BlastConfig, BlastServer, BlastStats } from './blast-server';

const MAX_BUFFERED_BYTES = 1 << 20;

/** Starts the server on a free loopback port. */
export async function startWsEventServer(): Promise<BlastServer> {
  let config: BlastConfig = { mode: 'idle' };
  let tickets = 0;
  let current: { -readonly [K in keyof BlastStats]: BlastStats[K] } | null = null;

  const http = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/connect-ticket' && req.headers.authorization) {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ticket: `t${++tickets}` }));
      return;
    }
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({
    server: http,
    path: '/connect',
    handleProtocols: (offered) => (offered.has('kilo.events.v1') ? 'kilo.events.v1' : false),
  });

  const send = (socket: WebSocket, stats: NonNullable<typeof current>, contexts: readonly string[]) => {
    if (config.mode !== 'blast') return;
    const total = config.frames;
    const prefixes = contexts.map(
      (context) => `{"type":"event","context":${JSON.stringify(context)},"event":"message.created","payload":${(config as { payload: string }).payload},"seq":`,
    );
    stats.contexts = contexts.length;
    const start = performance.now();
    const pump = () => {
      while (stats.sent < total && socket.readyState === socket.OPEN && socket.bufferedAmount < MAX_BUFFERED_BYTES) {
        const seq = stats.sent + 1;
        socket.send(`${prefixes[(seq - 1) % prefixes.length]}${seq}}`);
        stats.sent = seq;
      }
      const unacked = stats.sent - stats.lastAck;
      if (unacked > stats.maxUnacked) stats.maxUnacked = unacked;
      if (stats.sent < total && socket.readyState === socket.OPEN) setImmediate(pump);
      else stats.writeMs = performance.now() - start;
    };
    pump();
  };

  wss.on('connection', (socket) => {
    const stats = {
      mode: config.mode, subscribed: false, sent: 0, acks: 0, lastAck: 0, maxAckStep: 0, maxUnacked: 0,
      maxUnackedAfterFirstAck: 0, closedWith4002: false, clientClosed: false, writeMs: null, pings: 0,
      maxBatch: 0, contexts: 0, subscribeFrames: 0, subscribedContexts: 0, unsubscribeFrames: 0, unsubscribedContexts: 0,
    } as NonNullable<typeof current>;
    current = stats;
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      if (text === 'ping') {
        stats.pings++;
        socket.send('pong');
        return;
      }
      let frame: { type?: unknown; seq?: unknown; contexts?: unknown };
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        return;
      }
      if (frame.type === 'ack' && typeof frame.seq === 'number') {
        stats.acks++;
        stats.maxAckStep = Math.max(stats.maxAckStep, frame.seq - stats.lastAck);
        stats.lastAck = Math.max(stats.lastAck, frame.seq);
      } else if (frame.type === 'context.subscribe' && Array.isArray(frame.contexts)) {
        stats.subscribeFrames++;
        stats.subscribedContexts += frame.contexts.length;
        if (!stats.subscribed && frame.contexts.length > 0) {
          stats.subscribed = true;
          send(socket, stats, frame.contexts as string[]);
        }
      }
    });
    socket.on('close', () => {
      stats.clientClosed = true;
    });
    socket.on('error', () => {});
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async configure(next) {
      if (next.mode === 'paced') throw new Error('ws-event-server: only blast and idle modes');
      config = next;
    },
    async stats() {
      return current === null ? null : { ...current };
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections?.();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
