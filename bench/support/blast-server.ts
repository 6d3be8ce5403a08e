/**
 * Loopback event server of the inbound-client benchmark, run in a worker
 * thread so that it and the client under test each get a core, or (with
 * `{ inline: true }`) on the caller's own thread, so that server and client
 * share one event loop as they do when both live in one process.
 *
 * - `POST /connect-ticket` (with any `Authorization`) answers `{ ticket }`.
 * - `GET /connect?ticket=…` upgrades when `kilo.events.v1` is offered and
 *   echoes it. The handshake and framing are written by hand on the raw
 *   socket: outbound event frames are encoded in chunks straight into one
 *   buffer, so writing is much cheaper than any client's reading and the
 *   server is never what limits the measured rate.
 * - On the first `context.subscribe` of a socket it sends event frames
 *   (`message.created`, the configured payload, `seq` from 1), spread
 *   round-robin over the contexts of that frame, as configured with
 *   {@link BlastServer.configure}:
 *   - `blast`: `frames` frames as fast as the socket drains;
 *   - `paced`: `rate` frames per second for `durationMs`, applying the real
 *     server's rule (once a socket has acknowledged, more than 50 sent but
 *     unacknowledged events close it with 4002);
 *   - `idle`: nothing (for timing what the client sends).
 * - It answers the text `ping` with `pong`, counts every `ack`, and counts
 *   the subscribe and unsubscribe frames (and their contexts) it receives.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker's code, plain JS (run with `eval`); only node built-ins. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createServer } = require('node:http');
const { createHash } = require('node:crypto');
const { performance } = require('node:perf_hooks');

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const UNACKED_LIMIT = 50;
const CHUNK_FRAMES = 256;
let config = { mode: 'blast', frames: 0, rate: 0, durationMs: 0, payload: 'null' };
let tickets = 0;
let current = null;

function headerLength(len) { return len < 126 ? 2 : len < 65536 ? 4 : 10; }
function writeHeader(buf, at, opcode, len) {
  buf[at] = 0x80 | opcode;
  if (len < 126) { buf[at + 1] = len; return at + 2; }
  if (len < 65536) { buf[at + 1] = 126; buf.writeUInt16BE(len, at + 2); return at + 4; }
  buf[at + 1] = 127; buf.writeBigUInt64BE(BigInt(len), at + 2); return at + 10;
}
function encode(opcode, body) {
  const buf = Buffer.allocUnsafe(headerLength(body.length) + body.length);
  body.copy(buf, writeHeader(buf, 0, opcode, body.length));
  return buf;
}
const text = (s) => encode(1, Buffer.from(s));

/** Frames seq..seq+count-1 of one socket, encoded into one buffer; frame seq goes to context (seq-1) mod n. */
function eventFrames(prefixes, from, count) {
  const bodies = [];
  let total = 0;
  for (let seq = from; seq < from + count; seq++) {
    const body = prefixes[(seq - 1) % prefixes.length] + seq + '}';
    const len = Buffer.byteLength(body);
    bodies.push(body, len);
    total += headerLength(len) + len;
  }
  const buf = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < bodies.length; i += 2) {
    at = writeHeader(buf, at, 1, bodies[i + 1]);
    at += buf.write(bodies[i], at, 'utf8');
  }
  return buf;
}

/** Parses the masked frames a client sends; calls onText per text frame. */
function reader(onText, onClose) {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 2) {
      const opcode = pending[0] & 0x0f;
      const masked = (pending[1] & 0x80) !== 0;
      let len = pending[1] & 0x7f;
      let at = 2;
      if (len === 126) { if (pending.length < 4) return; len = pending.readUInt16BE(2); at = 4; }
      else if (len === 127) { if (pending.length < 10) return; len = Number(pending.readBigUInt64BE(2)); at = 10; }
      const maskAt = at;
      if (masked) at += 4;
      if (pending.length < at + len) return;
      const body = Buffer.from(pending.subarray(at, at + len));
      if (masked) for (let i = 0; i < len; i++) body[i] ^= pending[maskAt + (i & 3)];
      pending = pending.subarray(at + len);
      if (opcode === 1) onText(body.toString('utf8'));
      else if (opcode === 8) { onClose(); return; }
    }
  };
}

function newStats() {
  return {
    mode: config.mode, subscribed: false, sent: 0, acks: 0, lastAck: 0, ackReceived: false,
    maxAckStep: 0, maxUnacked: 0, maxUnackedAfterFirstAck: 0, closedWith4002: false, clientClosed: false,
    writeStartMs: 0, writeEndMs: 0, pings: 0, maxBatch: 0, contexts: 0,
    subscribeFrames: 0, subscribedContexts: 0, unsubscribeFrames: 0, unsubscribedContexts: 0,
  };
}

function startSending(socket, st, contexts) {
  if (config.mode === 'idle') return;
  st.contexts = contexts.length;
  const prefix = contexts.map((context) => '{"type":"event","context":' + JSON.stringify(context) + ',"event":"message.created","payload":' + config.payload + ',"seq":');
  const note = () => {
    const unacked = st.sent - st.lastAck;
    if (unacked > st.maxUnacked) st.maxUnacked = unacked;
    if (st.ackReceived && unacked > st.maxUnackedAfterFirstAck) st.maxUnackedAfterFirstAck = unacked;
  };
  st.writeStartMs = performance.now();
  if (config.mode === 'blast') {
    const total = config.frames;
    const pump = () => {
      while (st.sent < total && !socket.destroyed) {
        const n = Math.min(CHUNK_FRAMES, total - st.sent);
        const buf = eventFrames(prefix, st.sent + 1, n);
        if (n > st.maxBatch) st.maxBatch = n;
        st.sent += n;
        note();
        if (!socket.write(buf)) { socket.once('drain', pump); return; }
      }
      st.writeEndMs = performance.now();
    };
    pump();
    return;
  }
  // paced: due frames go out on each ~1 ms timer tick, checked against the server's rule.
  const total = Math.round((config.rate * config.durationMs) / 1000);
  const start = performance.now();
  const tick = () => {
    if (socket.destroyed || st.closedWith4002) return;
    const due = Math.min(total, Math.floor(((performance.now() - start) * config.rate) / 1000));
    if (due > st.sent) {
      const from = st.sent + 1;
      const count = due - st.sent;
      // The real server checks after every delivered event.
      if (st.ackReceived && due - st.lastAck > UNACKED_LIMIT) {
        const allowed = Math.max(0, st.lastAck + UNACKED_LIMIT + 1 - st.sent);
        if (allowed > 0) socket.write(eventFrames(prefix, from, allowed));
        st.sent += allowed;
        note();
        st.closedWith4002 = true;
        const reason = Buffer.from('too many unacked events');
        const body = Buffer.allocUnsafe(2 + reason.length);
        body.writeUInt16BE(4002, 0);
        reason.copy(body, 2);
        socket.end(encode(8, body));
        st.writeEndMs = performance.now();
        return;
      }
      socket.write(eventFrames(prefix, from, count));
      if (count > st.maxBatch) st.maxBatch = count;
      st.sent = due;
      note();
    }
    if (st.sent < total) setTimeout(tick, 1);
    else st.writeEndMs = performance.now();
  };
  tick();
}

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/connect-ticket' && req.headers.authorization) {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ticket: 't' + (++tickets) }));
    return;
  }
  res.writeHead(404).end();
});
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  const offered = String(req.headers['sec-websocket-protocol'] || '').split(',').map((p) => p.trim());
  const key = req.headers['sec-websocket-key'];
  if (url.pathname !== '/connect' || !url.searchParams.get('ticket') || !offered.includes('kilo.events.v1') || !key) {
    socket.end('HTTP/1.1 400 Bad Request\\r\\nConnection: close\\r\\n\\r\\n');
    return;
  }
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ' + accept + '\\r\\nSec-WebSocket-Protocol: kilo.events.v1\\r\\n\\r\\n');
  socket.setNoDelay(true);
  const st = newStats();
  current = st;
  const read = reader((message) => {
    if (message === 'ping') { st.pings++; socket.write(text('pong')); return; }
    let frame;
    try { frame = JSON.parse(message); } catch { return; }
    if (frame.type === 'ack' && typeof frame.seq === 'number') {
      st.acks++;
      const step = frame.seq - st.lastAck;
      if (step > st.maxAckStep) st.maxAckStep = step;
      if (frame.seq > st.lastAck) st.lastAck = frame.seq;
      st.ackReceived = true;
    } else if (frame.type === 'context.subscribe' && Array.isArray(frame.contexts)) {
      st.subscribeFrames++;
      st.subscribedContexts += frame.contexts.length;
      if (!st.subscribed && frame.contexts.length > 0) {
        st.subscribed = true;
        startSending(socket, st, frame.contexts);
      }
    } else if (frame.type === 'context.unsubscribe' && Array.isArray(frame.contexts)) {
      st.unsubscribeFrames++;
      st.unsubscribedContexts += frame.contexts.length;
    }
  }, () => {
    st.clientClosed = true;
    if (!socket.destroyed) socket.end(encode(8, Buffer.from([0x03, 0xe8])));
  });
  socket.on('data', read);
  socket.on('error', () => {});
  if (head && head.length > 0) read(head);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ id: 0, port: server.address().port }));

parentPort.on('message', (msg) => {
  if (msg.type === 'configure') { config = msg.config; parentPort.postMessage({ id: msg.id }); }
  else if (msg.type === 'stats') {
    const st = current;
    parentPort.postMessage({ id: msg.id, stats: st && { ...st, writeMs: st.writeEndMs ? st.writeEndMs - st.writeStartMs : null } });
  }
  else if (msg.type === 'close') { server.close(); server.closeAllConnections?.(); parentPort.close(); }
});
`;

/** How the server sends once a socket subscribed. */
export type BlastConfig =
  | { readonly mode: 'blast'; readonly frames: number; readonly payload: string }
  | { readonly mode: 'paced'; readonly rate: number; readonly durationMs: number; readonly payload: string }
  | { readonly mode: 'idle' };

/** What the server saw on the latest socket. */
export interface BlastStats {
  readonly mode: 'blast' | 'paced' | 'idle';
  readonly subscribed: boolean;
  /** Event frames written. */
  readonly sent: number;
  /** `ack` frames received. */
  readonly acks: number;
  /** Highest acknowledged seq. */
  readonly lastAck: number;
  /** Largest step between consecutive acks: how many events the client let pile up before acknowledging. */
  readonly maxAckStep: number;
  /** Largest `sent − lastAck` seen by the server (frames in flight included). */
  readonly maxUnacked: number;
  /** The same, counted only after the first ack (when the real server's 4002 rule applies). */
  readonly maxUnackedAfterFirstAck: number;
  /** Paced mode: the server applied the 4002 rule. */
  readonly closedWith4002: boolean;
  readonly clientClosed: boolean;
  /** Time the server spent writing the frames (null while still writing). */
  readonly writeMs: number | null;
  readonly pings: number;
  /** Most event frames written at once (blast: a chunk; paced: one ~1 ms tick). */
  readonly maxBatch: number;
  /** Contexts the events were spread over (those of the first subscribe frame). */
  readonly contexts: number;
  /** `context.subscribe` frames received, and the contexts they carried. */
  readonly subscribeFrames: number;
  readonly subscribedContexts: number;
  /** `context.unsubscribe` frames received, and the contexts they carried. */
  readonly unsubscribeFrames: number;
  readonly unsubscribedContexts: number;
}

/** A running loopback server in a worker thread. */
export interface BlastServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Sets what the next subscribed socket receives. */
  configure(config: BlastConfig): Promise<void>;
  /** Counters of the latest socket (null before the first). */
  stats(): Promise<BlastStats | null>;
  close(): Promise<void>;
}

/** A message from the server code: an answer to the call with `id` (0: the listening port). */
interface ServerMessage {
  readonly id: number;
  readonly port?: number;
  readonly [key: string]: unknown;
}

/** The two ends of the message channel between the server code and {@link startBlastServer}. */
interface ServerPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: ServerMessage) => void): void;
  once(event: 'error', listener: (error: unknown) => void): void;
  terminate(): Promise<unknown>;
}

/**
 * Runs the server code on this thread: `require('node:worker_threads')` gets a
 * `parentPort` whose messages are delivered on a later macrotask, as a
 * worker's would be.
 */
function inlineServer(): ServerPort {
  const toServer = new EventEmitter();
  const toCaller = new EventEmitter();
  const parentPort = {
    on: (event: string, listener: (message: unknown) => void) => toServer.on(event, listener),
    postMessage: (message: unknown) => setImmediate(() => toCaller.emit('message', structuredClone(message))),
    close: () => toServer.removeAllListeners(),
  };
  const nodeRequire = createRequire(import.meta.url);
  const fakeRequire = (id: string) => (id === 'node:worker_threads' ? { parentPort } : nodeRequire(id));
  new Function('require', WORKER_SOURCE)(fakeRequire);
  return {
    postMessage: (message) => setImmediate(() => toServer.emit('message', structuredClone(message))),
    on: (event, listener) => void toCaller.on(event, listener),
    once: () => {},
    terminate: async () => undefined,
  };
}

/** Runs the server code in a worker thread. */
function workerServer(): ServerPort {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  return {
    postMessage: (message) => worker.postMessage(message),
    on: (event, listener) => void worker.on(event, listener),
    once: (event, listener) => void worker.once(event, listener),
    terminate: () => worker.terminate(),
  };
}

/**
 * Starts the server on a free loopback port: in a worker thread, or with
 * `inline` on this thread (server and client then share one event loop).
 */
export async function startBlastServer(options: { inline?: boolean } = {}): Promise<BlastServer> {
  const worker: ServerPort = options.inline ? inlineServer() : workerServer();
  const waiting = new Map<number, (msg: Record<string, unknown>) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: { id: number; port?: number }) => {
      if (msg.id === 0 && msg.port !== undefined) resolve(msg.port);
      const waiter = waiting.get(msg.id);
      if (waiter) {
        waiting.delete(msg.id);
        waiter(msg as Record<string, unknown>);
      }
    });
  });
  const call = (message: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
  return {
    url: `http://127.0.0.1:${port}`,
    async configure(config) {
      await call({ type: 'configure', config });
    },
    async stats() {
      return ((await call({ type: 'stats' })).stats as BlastStats | null) ?? null;
    },
    async close() {
      worker.postMessage({ type: 'close' });
      await worker.terminate();
    },
  };
}
