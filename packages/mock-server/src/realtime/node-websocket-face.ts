import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { EVENT_SERVICE_SUBPROTOCOL } from '@kilocode/event-service';
import { WebSocket, WebSocketServer } from 'ws';
import type { ChatCore } from '../core/chat-core.js';
import { MAX_CLIENT_FRAME_BYTES } from './session-hub.js';
import type { SocketPort } from './socket-port.js';

function refuse(socket: Duplex, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text,
  );
  socket.destroy();
}

function portFor(ws: WebSocket): SocketPort {
  return {
    send: (data) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    bufferedAmount: () => ws.bufferedAmount,
  };
}

/** What {@link attachWebSocketFace} returns. */
export interface WebSocketFace {
  /** The `ws` server (no port of its own). */
  wss: WebSocketServer;
  /** Terminates every socket and stops accepting upgrades. */
  close(): void;
}

/**
 * Serves `GET /connect?ticket=…` upgrades on a Node HTTP server, in the event
 * service's order: the `Upgrade` header must be exactly `websocket` (else 426,
 * ticket untouched), then the ticket must be live (else 401). The
 * `kilo.events.v1` subprotocol is echoed when offered.
 */
export function attachWebSocketFace(server: Server, core: ChatCore): WebSocketFace {
  const wss = new WebSocketServer({
    noServer: true,
    // A longer frame closes the socket with 1009 before it is buffered whole.
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(EVENT_SERVICE_SUBPROTOCOL) ? EVENT_SERVICE_SUBPROTOCOL : false),
  });

  // RealtimeQuirks.reusableTickets: tickets seen once stay redeemable.
  const spent = new Map<string, string>();
  const redeemReusable = (ticket: string): string | null => {
    const userId = spent.get(ticket) ?? core.tickets.consume(ticket);
    if (userId !== null) spent.set(ticket, userId);
    return userId;
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    if (url.pathname !== '/connect') return refuse(socket, 404, { error: 'Not found' });
    const quirks = core.realtime.quirks;
    const ticket = url.searchParams.get('ticket');
    if (req.headers.upgrade !== 'websocket') return refuse(socket, 426, { error: 'Expected WebSocket upgrade' });
    const refusal = core.faults.takeUpgradeRefusal();
    if (refusal !== null) return refuse(socket, refusal, { error: 'Upgrade refused (injected fault)' });
    const userId = ticket ? (quirks.reusableTickets ? redeemReusable(ticket) : core.tickets.consume(ticket)) : null;
    if (!userId) return refuse(socket, 401, { error: 'Unauthorized' });
    if (quirks.requireSubprotocol && !String(req.headers['sec-websocket-protocol'] ?? '').includes(EVENT_SERVICE_SUBPROTOCOL)) {
      return refuse(socket, 400, { error: 'Missing subprotocol' });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = core.realtime.attach(userId, portFor(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        session.receive(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString());
      });
      ws.on('close', () => core.realtime.detach(session));
      ws.on('error', () => core.realtime.detach(session));
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    wss,
    close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
