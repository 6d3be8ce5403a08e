/**
 * A real HTTP + WebSocket server on 127.0.0.1 that speaks the Event Service
 * protocol, for driving the client end to end in tests. It follows the
 * server facts of the reference (ticket mint and single-use consume, the
 * subprotocol echo, per-socket contexts with a limit, per-socket seq, acks
 * and the unacked-events close, text ping/pong) and adds fault controls:
 * scripted ticket responses, held tickets, refused or stalled upgrades,
 * closes with a code, abrupt TCP drops, half-open sockets and raw frames.
 *
 * It is a test fixture, not the mock server package: no JWTs (tokens are
 * looked up in a table), one process, no persistence.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { EVENT_SERVICE_SUBPROTOCOL, MAX_CONTEXTS, SERVER_UNACKED_LIMIT, TICKET_TTL_MS } from '../../src/limits';
import { clientMessageSchema } from '../../src/schemas';

/** Settings of {@link startFixtureServer}. */
export interface FixtureServerOptions {
  /** Accepted bearer tokens and the user each belongs to. Default `{ 'token-1': 'user-1' }`. */
  tokens?: Record<string, string>;
  /** Path prefix the endpoints live under, e.g. `/events`. Default none. */
  prefix?: string;
  /** Contexts one socket may hold. Default 200. */
  maxContextsPerSocket?: number;
  /** Unacked events tolerated after a first ack before closing with 4002. Default 50. */
  unackedLimit?: number;
  /** Ticket lifetime in milliseconds. Default 30 000. */
  ticketTtlMs?: number;
}

/** A scripted answer for the next ticket request. */
export interface ScriptedTicketResponse {
  status: number;
  /** JSON-encoded unless a string; default `{ error: … }` for errors, a fresh ticket for 200. */
  body?: unknown;
}

/** What the server knows about one accepted socket. */
export interface FixtureSocket {
  readonly id: number;
  readonly userId: string;
  /** The negotiated subprotocol ('' when none was offered). */
  readonly protocol: string;
  /** Subscribed contexts, in insertion order. */
  readonly contexts: Set<string>;
  seq: number;
  acked: number;
  ackReceived: boolean;
  /** Every text frame received, raw (including `ping`). */
  readonly received: string[];
  /** Valid JSON frames received, parsed. */
  readonly frames: Array<{ type: string; [key: string]: unknown }>;
  pings: number;
  open: boolean;
  /** The close code the server saw or sent. */
  closeCode: number | undefined;
  /** Stops answering pings and reading frames (half-open from the client's view). */
  silent: boolean;
  readonly ws: WebSocket;
  readonly raw: Duplex;
}

/** One ticket request as the server saw it. */
export interface TicketRequestRecord {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

/** One upgrade request as the server saw it. */
export interface UpgradeRecord {
  readonly url: string;
  readonly ticket: string | null;
  readonly offeredProtocols: string[];
  readonly status: number;
}

interface TicketRecord {
  userId: string;
  expiresAt: number;
}

/** The running fixture; see the module comment. */
export class FixtureServer {
  /** Base URL for the client: `http://127.0.0.1:<port><prefix>`. */
  url = '';
  readonly ticketRequests: TicketRequestRecord[] = [];
  readonly upgrades: UpgradeRecord[] = [];
  readonly sockets: FixtureSocket[] = [];
  ticketsMinted = 0;

  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly tickets = new Map<string, TicketRecord>();
  private readonly tokens: Record<string, string>;
  private readonly prefix: string;
  private readonly maxContexts: number;
  private readonly unackedLimit: number;
  private readonly ticketTtlMs: number;
  private readonly scripted: ScriptedTicketResponse[] = [];
  private held: Array<() => void> | undefined;
  private refuseStatus: number | undefined;
  private stall = false;
  private readonly stalled: Duplex[] = [];
  private readonly rawSockets = new Set<Duplex>();
  private nextId = 1;

  constructor(options: FixtureServerOptions = {}) {
    this.tokens = options.tokens ?? { 'token-1': 'user-1' };
    this.prefix = (options.prefix ?? '').replace(/\/$/, '');
    this.maxContexts = options.maxContextsPerSocket ?? MAX_CONTEXTS;
    this.unackedLimit = options.unackedLimit ?? SERVER_UNACKED_LIMIT;
    this.ticketTtlMs = options.ticketTtlMs ?? TICKET_TTL_MS;
    this.http = createServer((req, res) => this.onRequest(req, res));
    this.http.on('connection', (socket) => {
      this.rawSockets.add(socket);
      socket.on('close', () => this.rawSockets.delete(socket));
    });
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (offered) => (offered.has(EVENT_SERVICE_SUBPROTOCOL) ? EVENT_SERVICE_SUBPROTOCOL : false),
    });
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  /** Listens on an ephemeral loopback port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    const { port } = this.http.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}${this.prefix}`;
    return this;
  }

  /** Closes everything: sockets, held requests, the listener. */
  async stop(): Promise<void> {
    this.releaseTickets();
    for (const socket of this.stalled) socket.destroy();
    for (const socket of this.sockets) socket.raw.destroy();
    for (const socket of this.rawSockets) socket.destroy();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // --- Scripting ------------------------------------------------------------

  /** Queues answers for the next ticket requests, in order. */
  scriptTickets(...responses: ScriptedTicketResponse[]): void {
    this.scripted.push(...responses);
  }

  /** Parks ticket requests until {@link releaseTickets} (a slow ticket endpoint). */
  holdTickets(): void {
    this.held ??= [];
  }

  /** Answers every parked ticket request and stops parking. */
  releaseTickets(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const answer of held) answer();
  }

  /** How many ticket requests are parked. */
  get heldTickets(): number {
    return this.held?.length ?? 0;
  }

  /** Refuses every upgrade with `status` (after consuming nothing); `undefined` accepts again. */
  refuseUpgrades(status: number | undefined): void {
    this.refuseStatus = status;
  }

  /** Leaves upgrade requests unanswered (the handshake never completes) while on. */
  stallUpgrades(on: boolean): void {
    this.stall = on;
  }

  /** True while upgrades are stalled or any upgrade was left hanging. */
  get stalling(): boolean {
    return this.stall || this.stalled.some((socket) => !socket.destroyed);
  }

  /** Marks every unexpired ticket expired. */
  expireTickets(): void {
    for (const record of this.tickets.values()) record.expiresAt = 0;
  }

  // --- Observation ----------------------------------------------------------

  /** Sockets the server still holds open. */
  openSockets(): FixtureSocket[] {
    return this.sockets.filter((socket) => socket.open);
  }

  /** The most recently accepted socket that is still open. */
  latest(): FixtureSocket | undefined {
    const open = this.openSockets();
    return open[open.length - 1];
  }

  /** Contexts of the latest open socket, sorted (empty when none is open). */
  latestContexts(): string[] {
    return [...(this.latest()?.contexts ?? [])].sort();
  }

  // --- Pushing --------------------------------------------------------------

  /**
   * Sends an event to every open socket (of `userId`, when given) that holds
   * `context`, stamping the socket's next seq, then runs the unacked check.
   * Returns whether any socket received it.
   */
  push(context: string, event: string, payload: unknown, options: { userId?: string; withoutSeq?: boolean } = {}): boolean {
    let delivered = false;
    for (const socket of this.openSockets()) {
      if (options.userId !== undefined && socket.userId !== options.userId) continue;
      if (!socket.contexts.has(context)) continue;
      const frame: Record<string, unknown> = { type: 'event', context, event, payload };
      if (!options.withoutSeq) frame.seq = ++socket.seq;
      socket.ws.send(JSON.stringify(frame));
      delivered = true;
      this.zombieCheck(socket);
    }
    return delivered;
  }

  /**
   * Sends one event per payload to `socket` (default: the latest open one),
   * stamping seqs as `push` does, in ONE write on its TCP connection, so the
   * client reads them together and `ws` delivers them in one synchronous run,
   * as the frames of a busy server arrive. The unacked check runs once, after
   * the write.
   */
  pushBurst(context: string, event: string, payloads: readonly unknown[], socket = this.latest()): void {
    if (socket === undefined) return;
    const frames = payloads.map((payload) =>
      serverTextFrame(JSON.stringify({ type: 'event', context, event, payload, seq: ++socket.seq })),
    );
    socket.raw.write(Buffer.concat(frames));
    this.zombieCheck(socket);
  }

  /** Sends a raw frame (text, or binary for a Buffer) to `socket` or the latest open one. */
  sendRaw(data: string | Buffer, socket = this.latest()): void {
    socket?.ws.send(data, { binary: typeof data !== 'string' });
  }

  /** Makes the next stamped seq of `socket` jump by `by` (a lost frame). */
  skipSeq(by: number, socket = this.latest()): void {
    if (socket) socket.seq += by;
  }

  // --- Faults ---------------------------------------------------------------

  /** Closes `socket` (default: all open) with `code` and `reason`. */
  closeSockets(code: number, reason = '', socket?: FixtureSocket): void {
    for (const target of socket ? [socket] : this.openSockets()) {
      target.closeCode = code;
      target.open = false;
      target.ws.close(code, reason);
    }
  }

  /** Destroys the TCP connection of `socket` (default: all open) with no close frame. */
  dropSockets(socket?: FixtureSocket): void {
    for (const target of socket ? [socket] : this.openSockets()) {
      target.open = false;
      target.raw.destroy();
    }
  }

  /** Makes `socket` (default: all open) half-open: it stops reading and answering. */
  silence(socket?: FixtureSocket): void {
    for (const target of socket ? [socket] : this.openSockets()) {
      target.silent = true;
      target.raw.pause();
    }
  }

  // --- Internals ------------------------------------------------------------

  private route(url: string | undefined): { path: string; query: URLSearchParams } {
    const parsed = new URL(url ?? '/', 'http://fixture');
    const path = parsed.pathname.startsWith(this.prefix) ? parsed.pathname.slice(this.prefix.length) : parsed.pathname;
    return { path, query: parsed.searchParams };
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const { path } = this.route(req.url);
    if (path === '/health' && req.method === 'GET') return json(res, 200, { ok: true });
    if (path === '/connect' && req.method === 'GET') return json(res, 426, { error: 'Expected WebSocket upgrade' });
    if (path !== '/connect-ticket' || req.method !== 'POST') return json(res, 404, { error: 'Not found' });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const answer = () => this.answerTicket(req, res, body);
      if (this.held) this.held.push(answer);
      else answer();
    });
  }

  private answerTicket(req: IncomingMessage, res: ServerResponse, body: string): void {
    const record = (status: number) =>
      this.ticketRequests.push({ method: req.method ?? '', headers: req.headers, body, status });
    const scripted = this.scripted.shift();
    if (scripted) {
      record(scripted.status);
      if (scripted.status === 200 && scripted.body === undefined) return json(res, 200, { ticket: this.mint('user-1') });
      return json(res, scripted.status, scripted.body ?? { error: scripted.status === 401 ? 'Unauthorized' : 'Ticket mint failed' });
    }
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    const userId = match ? this.tokens[match[1]!] : undefined;
    if (userId === undefined) {
      record(401);
      return json(res, 401, { error: 'Unauthorized' });
    }
    record(200);
    json(res, 200, { ticket: this.mint(userId) });
  }

  private mint(userId: string): string {
    const ticket = randomUUID();
    this.tickets.set(ticket, { userId, expiresAt: Date.now() + this.ticketTtlMs });
    this.ticketsMinted++;
    return ticket;
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { path, query } = this.route(req.url);
    const ticket = query.get('ticket');
    const offeredProtocols = (req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const refuse = (status: number, error: string) => {
      this.upgrades.push({ url: req.url ?? '', ticket, offeredProtocols, status });
      const payload = JSON.stringify({ error });
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
      );
    };
    if (path !== '/connect') return refuse(404, 'Not found');
    if (req.headers.upgrade !== 'websocket') return refuse(426, 'Expected WebSocket upgrade');
    if (this.stall) {
      this.upgrades.push({ url: req.url ?? '', ticket, offeredProtocols, status: 0 });
      this.stalled.push(socket);
      return;
    }
    if (this.refuseStatus !== undefined) return refuse(this.refuseStatus, 'Refused by test');
    if (!ticket) return refuse(401, 'Unauthorized');
    const record = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (record === undefined || record.expiresAt <= Date.now()) return refuse(401, 'Unauthorized');
    this.upgrades.push({ url: req.url ?? '', ticket, offeredProtocols, status: 101 });
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, socket, record.userId));
  }

  private accept(ws: WebSocket, raw: Duplex, userId: string): void {
    const socket: FixtureSocket = {
      id: this.nextId++,
      userId,
      protocol: ws.protocol,
      contexts: new Set(),
      seq: 0,
      acked: 0,
      ackReceived: false,
      received: [],
      frames: [],
      pings: 0,
      open: true,
      closeCode: undefined,
      silent: false,
      ws,
      raw,
    };
    this.sockets.push(socket);
    ws.on('close', (code) => {
      socket.open = false;
      socket.closeCode ??= code;
    });
    ws.on('error', () => {
      socket.open = false;
    });
    ws.on('message', (data, isBinary) => {
      if (socket.silent || isBinary) return;
      const text = data.toString();
      socket.received.push(text);
      if (text === 'ping') {
        socket.pings++;
        ws.send('pong');
        return;
      }
      this.onFrame(socket, text);
    });
  }

  private onFrame(socket: FixtureSocket, text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = clientMessageSchema.safeParse(value);
    if (!parsed.success) return;
    const message = parsed.data;
    socket.frames.push(message);
    switch (message.type) {
      case 'context.subscribe': {
        let dropped = false;
        for (const context of message.contexts) {
          if (socket.contexts.has(context)) continue;
          if (socket.contexts.size >= this.maxContexts) {
            dropped = true;
            continue;
          }
          socket.contexts.add(context);
        }
        if (dropped) socket.ws.send(JSON.stringify({ type: 'error', code: 'too_many_contexts', max: this.maxContexts }));
        return;
      }
      case 'context.unsubscribe':
        for (const context of message.contexts) socket.contexts.delete(context);
        return;
      case 'ack':
        socket.acked = Math.max(socket.acked, message.seq);
        socket.ackReceived = true;
        this.zombieCheck(socket);
        return;
    }
  }

  private zombieCheck(socket: FixtureSocket): void {
    if (socket.open && socket.ackReceived && socket.seq - socket.acked > this.unackedLimit) {
      socket.closeCode = 4002;
      socket.open = false;
      socket.ws.close(4002, 'too many unacked events');
    }
  }
}

/** An unmasked, unfragmented server-to-client text frame (RFC 6455 §5.2). */
function serverTextFrame(text: string): Buffer {
  const body = Buffer.from(text);
  const length = body.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x81;
  if (length < 126) {
    header[1] = length;
  } else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, body]);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(text);
}

/** Starts a {@link FixtureServer} on an ephemeral loopback port. */
export function startFixtureServer(options?: FixtureServerOptions): Promise<FixtureServer> {
  return new FixtureServer(options).listen();
}
