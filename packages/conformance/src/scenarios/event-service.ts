import WebSocket from 'ws';
import { EVENT_SERVICE_SUBPROTOCOL, MAX_CONTEXTS } from '@kilocode/event-service';
import { check, checkEqual } from '../assertions.js';
import { ConformanceError } from '../conformance-error.js';
import { defineScenario } from '../scenario.js';
import type { ScenarioContext } from '../scenario-context.js';
import { httpBase } from './auth.js';

/** A raw socket with a queue of text frames, for wire-level checks. */
interface RawSocket {
  readonly socket: WebSocket;
  /** Resolves with the next text frame that `match` accepts. */
  next(what: string, match?: (text: string) => boolean): Promise<string>;
  /** Resolves with the close code. */
  readonly closed: Promise<number>;
}

async function mintTicket(ctx: ScenarioContext): Promise<string> {
  const res = await ctx.raw('/connect-ticket', { method: 'POST', baseUrl: httpBase(ctx.target.eventsUrl) });
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

/** Opens a raw socket; rejects with the HTTP status when the upgrade is refused. */
function openRaw(ctx: ScenarioContext, ticket: string, timeoutMs = 5_000): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(socketUrl(ctx.target.eventsUrl, ticket), [EVENT_SERVICE_SUBPROTOCOL]);
    ctx.onCleanup(() => socket.terminate());
    const frames: string[] = [];
    const waiters: Array<{ match: (t: string) => boolean; resolve: (t: string) => void }> = [];
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
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

/** Subscribes a raw socket, then proves it applied with a typing round trip. */
async function rawListen(ctx: ScenarioContext, raw: RawSocket, conversationId: string): Promise<void> {
  const context = ctx.conversationContext(conversationId);
  raw.socket.send(JSON.stringify({ type: 'context.subscribe', contexts: [context] }));
  await ctx.chat().sendTyping(conversationId);
  await raw.next('typing event', (t) => t.includes('"typing"'));
}

/** Event Service wire scenarios (event-service.md §1–2, §7 N–O). */
export const eventServiceScenarios = [
  defineScenario({
    id: 'event-service.ticket-single-use',
    title: 'a ticket is opaque, upgrades once with the kilo.events.v1 subprotocol echoed, and is refused on reuse',
    area: 'event-service',
    async run(ctx) {
      const ticket = await mintTicket(ctx);
      check(ticket.split('.').length < 3, 'the ticket is not JWT-shaped');
      const first = await openRaw(ctx, ticket);
      checkEqual(first.socket.protocol, EVENT_SERVICE_SUBPROTOCOL, 'echoed subprotocol');
      let refused = false;
      try {
        await openRaw(ctx, ticket);
      } catch (error) {
        refused = error instanceof ConformanceError && /\b401\b/.test(error.message);
      }
      check(refused, 'a reused ticket is refused with 401');
    },
  }),
  defineScenario({
    id: 'event-service.non-upgrade',
    title: 'GET /connect without an upgrade gets 426 and does not consume the ticket',
    area: 'event-service',
    async run(ctx) {
      const ticket = await mintTicket(ctx);
      const res = await ctx.raw(`/connect?ticket=${encodeURIComponent(ticket)}`, { token: null, baseUrl: httpBase(ctx.target.eventsUrl) });
      checkEqual(res.status, 426, 'status');
      await openRaw(ctx, ticket);
    },
  }),
  defineScenario({
    id: 'event-service.ping-pong',
    title: 'the text frame ping is answered with pong',
    area: 'event-service',
    async run(ctx) {
      const raw = await openRaw(ctx, await mintTicket(ctx));
      raw.socket.send('ping');
      checkEqual(await raw.next('pong', (t) => t === 'pong'), 'pong', 'reply');
    },
  }),
  defineScenario({
    id: 'event-service.seq',
    title: 'event frames carry a per-socket seq starting at 1 and increasing by one',
    area: 'event-service',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const raw = await openRaw(ctx, await mintTicket(ctx));
      await rawListen(ctx, raw, conversationId);
      await ctx.chat().sendTyping(conversationId);
      await ctx.chat().sendTyping(conversationId);
      const seqs: unknown[] = [];
      for (let i = 0; i < 2; i++) seqs.push((JSON.parse(await raw.next('event frame', (t) => t.startsWith('{'))) as { seq?: unknown }).seq);
      checkEqual(seqs, [2, 3], 'seq of the 2nd and 3rd events (the 1st was the subscription barrier)');
    },
  }),
  defineScenario({
    id: 'event-service.context-limit',
    title: 'past 200 contexts on one socket the server answers too_many_contexts and keeps the socket open',
    area: 'event-service',
    async run(ctx) {
      const raw = await openRaw(ctx, await mintTicket(ctx));
      const contexts = Array.from({ length: MAX_CONTEXTS }, (_, i) => `/conformance/limit/${i}`);
      raw.socket.send(JSON.stringify({ type: 'context.subscribe', contexts }));
      raw.socket.send(JSON.stringify({ type: 'context.subscribe', contexts: ['/conformance/limit/overflow'] }));
      const error = JSON.parse(await raw.next('error frame', (t) => t.includes('"error"'))) as Record<string, unknown>;
      checkEqual([error.type, error.code, error.max], ['error', 'too_many_contexts', MAX_CONTEXTS], 'error frame');
      raw.socket.send('ping');
      await raw.next('pong after the error', (t) => t === 'pong');
    },
  }),
  defineScenario({
    id: 'event-service.zombie-close',
    title: 'a socket that acked once and then falls more than 50 events behind is closed with 4002',
    area: 'event-service',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const raw = await openRaw(ctx, await mintTicket(ctx));
      await rawListen(ctx, raw, conversationId);
      raw.socket.send(JSON.stringify({ type: 'ack', seq: 1 }));
      raw.socket.send('ping');
      await raw.next('pong after ack', (t) => t === 'pong');
      for (let i = 0; i < 52; i++) await ctx.chat().sendTyping(conversationId);
      checkEqual(await raw.closed, 4002, 'close code');
    },
  }),
  defineScenario({
    id: 'event-service.never-acked-survives',
    title: 'a socket that never acked is not zombie-closed',
    area: 'event-service',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const raw = await openRaw(ctx, await mintTicket(ctx));
      await rawListen(ctx, raw, conversationId);
      for (let i = 0; i < 55; i++) await ctx.chat().sendTyping(conversationId);
      raw.socket.send('ping');
      await raw.next('pong after 55 unacked events', (t) => t === 'pong');
      checkEqual(raw.socket.readyState, WebSocket.OPEN, 'socket state');
    },
  }),
  defineScenario({
    id: 'event-service.client-resubscribes',
    title: 'the EventServiceClient delivers events on a subscribed context after connecting',
    area: 'event-service',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const events = await ctx.listen('user', [], conversationId);
      check(events.client.isConnected(), 'client connected');
    },
  }),
];
