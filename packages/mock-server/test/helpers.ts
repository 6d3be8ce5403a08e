import { kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import WebSocket from 'ws';
import { type MockServer, type StartMockServerOptions, startMockServer } from '../src/index';

/** A JSON response: status, parsed body (null when empty) and headers. */
export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Starts a server on loopback with fast webhook retries. */
export function startTestServer(options: StartMockServerOptions = {}): Promise<MockServer> {
  return startMockServer({ port: 0, webhookRetryDelaysMs: [5, 10], ...options });
}

/** Calls the server with an optional bearer and JSON body (a string body is sent raw). */
export async function call<T = any>(
  server: MockServer,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** A world with two users (`u1` owns `sb1`, `u2` owns `sb2`), their tokens and bot tokens. */
export interface World {
  server: MockServer;
  u1: string;
  u2: string;
  u3: string;
  bot1: string;
  bot2: string;
  sb1: string;
  sb2: string;
}

/** Creates users u1, u2, u3 and sandboxes sb1 (u1), sb2 (u2), with tokens. */
export async function createWorld(server: MockServer): Promise<World> {
  for (const id of ['u1', 'u2', 'u3']) server.createUser({ id, displayName: id.toUpperCase() });
  server.createSandbox({ id: 'sb1', ownerId: 'u1' });
  server.createSandbox({ id: 'sb2', ownerId: 'u2' });
  return {
    server,
    u1: await server.mintUserToken('u1'),
    u2: await server.mintUserToken('u2'),
    u3: await server.mintUserToken('u3'),
    bot1: server.gatewayToken('sb1'),
    bot2: server.gatewayToken('sb2'),
    sb1: 'sb1',
    sb2: 'sb2',
  };
}

/** Creates a conversation in sb1 as u1 through H1 and returns its id. */
export async function createConversation(world: World, title?: string): Promise<string> {
  const res = await call(world.server, 'POST', '/v1/conversations', {
    token: world.u1,
    body: { sandboxId: 'sb1', ...(title ? { title } : {}) },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.conversationId as string;
}

/** Sends a text message as a user (token) and returns the 201 body. */
export async function sendText(world: World, token: string, conversationId: string, text: string, extra: Record<string, unknown> = {}) {
  const res = await call(world.server, 'POST', '/v1/messages', {
    token,
    body: { conversationId, content: [{ type: 'text', text }], ...extra },
  });
  if (res.status !== 201) throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Sends a text message as the bot of `sandboxId`. */
export async function botSend(world: World, sandboxId: string, conversationId: string, content: unknown[]) {
  return call(world.server, 'POST', `/bot/v1/sandboxes/${sandboxId}/messages`, {
    token: world.server.gatewayToken(sandboxId),
    body: { conversationId, content },
  });
}

/** A frame received on a test socket. */
export type Frame = { type: string; context?: string; event?: string; payload?: any; seq?: number; [k: string]: unknown } | string;

/** A connected event socket that records every frame. */
export class TestSocket {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      let frame: Frame = text;
      try {
        frame = JSON.parse(text) as Frame;
      } catch {
        frame = text;
      }
      this.frames.push(frame);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /** Event frames only. */
  events(name?: string): Array<Exclude<Frame, string>> {
    return this.frames.filter(
      (f): f is Exclude<Frame, string> => typeof f !== 'string' && f.type === 'event' && (name === undefined || f.event === name),
    );
  }

  /** Sends a JSON frame (or raw text). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Subscribes and waits until the server has processed it (a ping round-trip orders it). */
  async subscribe(contexts: string[]): Promise<void> {
    this.send({ type: 'context.subscribe', contexts });
    await this.roundTrip();
  }

  /** Sends `ping` and waits for the next `pong`, which proves earlier frames were processed. */
  async roundTrip(): Promise<void> {
    const before = this.frames.filter((f) => f === 'pong').length;
    this.ws.send('ping');
    await this.waitFor(() => this.frames.filter((f) => f === 'pong').length > before);
  }

  /** Waits until `predicate` holds (checked on every frame and close). */
  waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting on socket')), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      this.waiters.push(check);
    });
  }

  /** Waits for the close event and returns its code. */
  async closed(): Promise<number> {
    await this.waitFor(() => this.closeCode !== null);
    return this.closeCode as number;
  }

  /** Closes the socket. */
  close(): void {
    this.ws.close();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Mints a ticket for `token`. */
export async function ticketFor(server: MockServer, token: string): Promise<string> {
  const res = await call(server, 'POST', '/connect-ticket', { token });
  if (res.status !== 200) throw new Error(`ticket failed: ${res.status}`);
  return res.body.ticket as string;
}

/** Opens an event socket for `token` (optionally subscribing). */
export async function openSocket(server: MockServer, token: string, contexts: string[] = []): Promise<TestSocket> {
  const ticket = await ticketFor(server, token);
  const ws = new WebSocket(`${server.eventsUrl}/connect?ticket=${encodeURIComponent(ticket)}`, ['kilo.events.v1']);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const socket = new TestSocket(ws);
  if (contexts.length > 0) await socket.subscribe(contexts);
  return socket;
}

/** Tries an upgrade and reports the HTTP status of a refusal (or 101). */
export function tryUpgrade(url: string, protocols: string[] = []): Promise<{ status: number; protocol: string; ws: WebSocket | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols);
    ws.once('open', () => resolve({ status: 101, protocol: ws.protocol, ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, protocol: '', ws: null });
      res.resume();
      ws.terminate();
    });
    ws.once('error', () => resolve({ status: 0, protocol: '', ws: null }));
  });
}

/** The conversation context of sb1. */
export const convContext = (conversationId: string, sandboxId = 'sb1') => kiloclawConversationContext(sandboxId, conversationId);

/** The instance context of sb1. */
export const instanceContext = (sandboxId = 'sb1') => kiloclawInstanceContext(sandboxId);

/** A JSON-comparable snapshot of everything the core stores, to prove a request changed nothing. */
export function storeSnapshot(server: MockServer): string {
  const core = server.core;
  return JSON.stringify({
    conversations: [...core.conversations.values()].map((c) => ({
      id: c.id,
      title: c.title,
      members: [...c.members.values()],
      messages: c.messages,
    })),
    lists: [...core.conversations.keys()].flatMap((id) =>
      [...core.conversations.get(id)!.members.keys()].map((m) => core.lists.get(m, id) ?? null),
    ),
    attachments: core.attachments.all(),
    blobs: core.blobs.size,
    bots: core.sandboxes.all().map((s) => core.statuses.bot(s.id)),
    convStatuses: [...core.conversations.keys()].map((id) => core.statuses.conversation(id)),
    badges: ['u1', 'u2', 'u3'].map((u) => core.badges.list(u)),
    events: core.events.history.length,
    webhooks: core.webhooks.deliveries.length,
    outbox: core.outbox.records.length,
  });
}
