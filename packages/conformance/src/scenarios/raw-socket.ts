import WebSocket from 'ws';
import { EVENT_SERVICE_SUBPROTOCOL, MAX_CONTEXTS } from '@kilocode/event-service';
import { check, checkEqual } from '../assertions.js';
import { ConformanceError } from '../conformance-error.js';
import type { Role, ScenarioContext } from '../scenario-context.js';
import { httpBase } from './auth.js';

/** @internal A raw socket with a queue of text frames, for wire-level checks. */
export interface RawSocket {
  readonly socket: WebSocket;
  /** Every text frame received so far, in order (consumed or not). */
  readonly received: readonly string[];
  /** Resolves with the next text frame that `match` accepts. */
  next(what: string, match?: (text: string) => boolean): Promise<string>;
  /** Resolves with the close code. */
  readonly closed: Promise<number>;
}

/** @internal Mints a connect ticket for a role. */
export async function mintTicket(ctx: ScenarioContext, role: Role = 'user'): Promise<string> {
  const res = await ctx.raw('/connect-ticket', { method: 'POST', token: ctx.tokenOf(role), baseUrl: httpBase(ctx.target.eventsUrl) });
  checkEqual(res.status, 200, 'ticket status');
  const ticket = (res.body as { ticket?: unknown }).ticket;
  check(typeof ticket === 'string' && ticket.length > 0, 'ticket is a non-empty string');
  return ticket;
}

function socketUrl(eventsUrl: string, ticket: string): string {
  const url = new URL('connect', `${eventsUrl.replace(/\/+$/, '')}/`);
  url.protocol = url.protocol.replace(/^http/, 'ws');
  url.searchParams.set('ticket', ticket);
  return url.toString();
}

/**
 * @internal Opens a raw socket offering the `kilo.events.v1` subprotocol (or
 * none with `subprotocol: false`); rejects with the HTTP status when the
 * upgrade is refused.
 */
export function openRaw(ctx: ScenarioContext, ticket: string, timeoutMs = 5_000, options: { subprotocol?: boolean } = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const url = socketUrl(ctx.target.eventsUrl, ticket);
    const socket = options.subprotocol === false ? new WebSocket(url) : new WebSocket(url, [EVENT_SERVICE_SUBPROTOCOL]);
    ctx.onCleanup(() => socket.terminate());
    const frames: string[] = [];
    const received: string[] = [];
    const waiters: Array<{ match: (t: string) => boolean; resolve: (t: string) => void }> = [];
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      received.push(text);
      const waiter = waiters.find((w) => w.match(text));
      if (waiter) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(text);
      } else {
        frames.push(text);
      }
    });
    socket.once('unexpected-response', (_req, res) => reject(new ConformanceError('assertion_failed', `upgrade refused with ${res.statusCode}`)));
    socket.once('error', (error) => reject(error));
    socket.once('open', () =>
      resolve({
        socket,
        received,
        closed,
        next(what, match = () => true) {
          const index = frames.findIndex(match);
          if (index >= 0) return Promise.resolve(frames.splice(index, 1)[0] as string);
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new ConformanceError('timeout', `no ${what} within ${timeoutMs} ms`)), timeoutMs);
            waiters.push({ match, resolve: (t) => (clearTimeout(timer), done(t)) });
          });
        },
      }),
    );
  });
}

/**
 * @internal Subscribes a raw socket, then proves it applied with a typing
 * round trip: an event on the context proves the frame that subscribed it was
 * applied, with every frame the socket sent before it (event-service.md §2.1).
 */
export async function rawListen(ctx: ScenarioContext, raw: RawSocket, conversationId: string): Promise<void> {
  const context = ctx.conversationContext(conversationId);
  raw.socket.send(JSON.stringify({ type: 'context.subscribe', contexts: [context] }));
  await ctx.chat().sendTyping(conversationId);
  await raw.next(`typing event on ${context}`, (t) => t.includes('"typing"') && t.includes(JSON.stringify(context)));
}

/**
 * @internal Subscribes a fresh raw socket (no contexts yet) to `contexts` and
 * returns once the server has applied the subscription, with no event needed:
 * the frame is padded to the 200-context limit and followed by a frame with
 * one more context. The limit is cumulative per socket and the excess is
 * answered with one `too_many_contexts` error frame (event-service.md §2.2,
 * §2.3); a socket's frames are applied in order, so that error proves the
 * first frame applied. For identities that are members of nothing they could
 * use as a barrier.
 */
export async function rawSubscribeConfirmed(raw: RawSocket, contexts: readonly string[]): Promise<void> {
  const fill = Array.from({ length: MAX_CONTEXTS - contexts.length }, (_, i) => `/conformance/fill/${i}`);
  raw.socket.send(JSON.stringify({ type: 'context.subscribe', contexts: [...contexts, ...fill] }));
  raw.socket.send(JSON.stringify({ type: 'context.subscribe', contexts: ['/conformance/fill/overflow'] }));
  await raw.next('too_many_contexts error confirming the subscription', (t) => t.includes('"too_many_contexts"'));
}

/**
 * @internal Tries a WebSocket upgrade of `/connect` with the given query
 * (`null`: no `ticket` parameter) and resolves with the HTTP status of a
 * refusal, or 101 when the socket opened (it is closed at once).
 */
export function upgradeStatus(ctx: ScenarioContext, ticket: string | null, timeoutMs = 5_000): Promise<number> {
  const url = new URL('connect', `${ctx.target.eventsUrl.replace(/\/+$/, '')}/`);
  url.protocol = url.protocol.replace(/^http/, 'ws');
  if (ticket !== null) url.searchParams.set('ticket', ticket);
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.toString(), [EVENT_SERVICE_SUBPROTOCOL]);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new ConformanceError('timeout', `no answer to the upgrade within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      res.resume();
      socket.terminate();
      resolve(res.statusCode ?? 0);
    });
    socket.once('open', () => {
      clearTimeout(timer);
      socket.close();
      resolve(101);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** @internal The parsed `event` frames a raw socket received. */
export function rawEvents(raw: RawSocket): Array<{ context: string; event: string; payload: Record<string, unknown> }> {
  return raw.received
    .filter((t) => t.startsWith('{'))
    .map((t) => JSON.parse(t) as { type?: string; context: string; event: string; payload: Record<string, unknown> })
    .filter((f) => f.type === 'event');
}
