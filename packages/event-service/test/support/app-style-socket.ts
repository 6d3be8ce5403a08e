/**
 * A fake `WebSocket` built the way apps' own tests build one: a class with
 * the browser socket's shape, installed with `vi.stubGlobal('WebSocket', …)`,
 * whose socket opens on a microtask. Nothing is injected into the client;
 * it has to find the global by itself, as the reference client does.
 */

type Listener = (event: any) => void;

/** How new sockets behave. */
export type FakeSocketMode = 'open' | 'stall' | 'fail';

/** See the module comment. Every socket made is kept in {@link AppStyleWebSocket.made}. */
export class AppStyleWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  /** Every socket constructed since the last {@link AppStyleWebSocket.reset}, in order. */
  static made: AppStyleWebSocket[] = [];
  /** What sockets constructed from now on do: open on a microtask, never open, or fail. */
  static mode: FakeSocketMode = 'open';
  /** Shared ordering log ("new #1", "close #0 1000 reason", …). */
  static log: string[] = [];

  static reset(): void {
    AppStyleWebSocket.made = [];
    AppStyleWebSocket.mode = 'open';
    AppStyleWebSocket.log = [];
  }

  /** Sockets currently OPEN. */
  static openCount(): number {
    return AppStyleWebSocket.made.filter((socket) => socket.readyState === AppStyleWebSocket.OPEN).length;
  }

  readyState = AppStyleWebSocket.CONNECTING;
  readonly index: number;
  readonly sent: string[] = [];
  readonly closeCalls: Array<{ code: number | undefined; reason: string | undefined }> = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    this.index = AppStyleWebSocket.made.length;
    AppStyleWebSocket.made.push(this);
    AppStyleWebSocket.log.push(`new #${this.index}`);
    const mode = AppStyleWebSocket.mode;
    if (mode === 'open') queueMicrotask(() => this.serverAccepts());
    if (mode === 'fail') queueMicrotask(() => this.serverRefuses());
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (set === undefined) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  send(data: string): void {
    if (this.readyState !== AppStyleWebSocket.OPEN) throw new Error('InvalidStateError: not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closeCalls.push({ code, reason });
    AppStyleWebSocket.log.push(`close #${this.index} ${code ?? '-'} ${reason ?? '-'}`);
    if (this.readyState >= AppStyleWebSocket.CLOSING) return;
    this.readyState = AppStyleWebSocket.CLOSING;
    queueMicrotask(() => this.finish(code ?? 1005, reason ?? ''));
  }

  /** The handshake succeeds. */
  serverAccepts(): void {
    if (this.readyState !== AppStyleWebSocket.CONNECTING) return;
    this.readyState = AppStyleWebSocket.OPEN;
    this.emit('open', { type: 'open' });
  }

  /** The handshake fails, as a browser reports it: `error`, then `close` 1006. */
  serverRefuses(): void {
    if (this.readyState !== AppStyleWebSocket.CONNECTING) return;
    this.emit('error', { type: 'error' });
    this.finish(1006, '');
  }

  /** The server sends one text frame. */
  serverSends(data: string): void {
    if (this.readyState === AppStyleWebSocket.OPEN) this.emit('message', { type: 'message', data });
  }

  private finish(code: number, reason: string): void {
    if (this.readyState === AppStyleWebSocket.CLOSED) return;
    this.readyState = AppStyleWebSocket.CLOSED;
    this.emit('close', { type: 'close', code, reason, wasClean: code !== 1006 });
  }

  private emit(type: string, event: unknown): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }
}

/** A ticket endpoint an app's test would stub `fetch` with: a fresh ticket per call. */
export function ticketFetchStub(): { fetch: typeof fetch; calls: () => number; down: (isDown: boolean) => void } {
  let calls = 0;
  let isDown = false;
  const stub = (async () => {
    calls++;
    if (isDown) throw new TypeError('fetch failed');
    return new Response(JSON.stringify({ ticket: `ticket-${calls}` }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { fetch: stub, calls: () => calls, down: (value) => (isDown = value) };
}

/** Lets every queued microtask (and the ones they queue) run. */
export async function drainMicrotasks(rounds = 200): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
