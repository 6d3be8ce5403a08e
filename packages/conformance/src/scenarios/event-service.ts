import WebSocket from 'ws';
import { EVENT_SERVICE_SUBPROTOCOL, EventServiceClient, MAX_CONTEXTS } from '@kilocode/event-service';
import type { WebSocketConstructor } from '@kilocode/event-service';
import { check, checkEqual } from '../assertions.js';
import { ConformanceError } from '../conformance-error.js';
import { EventRecorder, eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { resolveToken } from '../target.js';
import { httpBase } from './auth.js';
import { mintTicket, openRaw, rawListen } from './raw-socket.js';

/** Event Service wire scenarios (event-service.md §1–2, §7 N–O). */
export const eventServiceScenarios = [
  defineScenario({
    id: 'event-service.ticket-single-use',
    title: 'a ticket is opaque, upgrades once with the kilo.events.v1 subprotocol echoed, and is refused on reuse',
    area: 'event-service',
    reference: 'event-service.md §1.2; §1.3 (3), Subprotocol',
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
    reference: 'event-service.md §1.3 (1)',
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
    reference: 'event-service.md §2.1 Keepalive; §2.6',
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
    reference: 'event-service.md §2.2; §2.4',
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
    reference: 'event-service.md §2.2 error; §2.3',
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
    reference: 'event-service.md §2.4 Zombie check; §2.5',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const raw = await openRaw(ctx, await mintTicket(ctx));
      await rawListen(ctx, raw, conversationId);
      raw.socket.send(JSON.stringify({ type: 'ack', seq: 1 }));
      // The ack must be applied before the burst. A pong proves nothing (the runtime
      // answers ping without the session, event-service.md §2.1), but the session
      // applies a socket's frames in order: an event on a context subscribed in the
      // next frame proves the ack before it was applied.
      const second = await ctx.createConversation();
      await rawListen(ctx, raw, second.conversationId);
      for (let i = 0; i < 52; i++) await ctx.chat().sendTyping(conversationId);
      checkEqual(await raw.closed, 4002, 'close code');
    },
  }),
  defineScenario({
    id: 'event-service.never-acked-survives',
    title: 'a socket that never acked is not zombie-closed',
    area: 'event-service',
    reference: 'event-service.md §2.4 Zombie check',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const raw = await openRaw(ctx, await mintTicket(ctx));
      await rawListen(ctx, raw, conversationId);
      for (let i = 0; i < 55; i++) await ctx.chat().sendTyping(conversationId);
      // event-service.md §2.4: the zombie check runs after every push, so once all 55
      // have arrived, and one more round trip after them, the rule has had its chance.
      // (A pong would prove nothing: the runtime answers it, §2.1.)
      for (let i = 0; i < 55; i++) await raw.next(`unacked event ${i + 1} of 55`, (t) => t.startsWith('{') && t.includes('"typing"'));
      await rawListen(ctx, raw, conversationId);
      checkEqual(raw.socket.readyState, WebSocket.OPEN, 'socket state');
    },
  }),
  defineScenario({
    id: 'event-service.client-resubscribes',
    title: "after its socket drops, the EventServiceClient reconnects and its subscription is restored on the new socket",
    area: 'event-service',
    reference: 'event-service.md §5.3; §5.4',
    async run(ctx) {
      // event-service.md §5.3–5.4: any close of the current socket while not stopped
      // leads to a reconnect, and on every open the client sends all its contexts in
      // one context.subscribe; server state per socket starts empty, so only that
      // resubscribe makes events flow again. The socket is dropped from this side
      // (terminate: no close frame, as a network drop), which any deployment allows.
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const sockets: WebSocket[] = [];
      class RecordedWebSocket extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols);
          sockets.push(this);
        }
      }
      const token = ctx.target.userToken;
      const client = new EventServiceClient({
        url: ctx.target.eventsUrl,
        getToken: () => resolveToken(token),
        platform: null,
        WebSocket: RecordedWebSocket as unknown as WebSocketConstructor,
        backoff: { baseMs: 200, maxMs: 1_000 },
        ...(ctx.target.fetch ? { fetch: ctx.target.fetch } : {}),
      });
      ctx.onCleanup(() => client.dispose());
      const timeoutMs = ctx.target.eventTimeoutMs ?? 5_000;
      const events = new EventRecorder(client, timeoutMs);
      client.subscribe([context]);
      await client.connect();
      await client.waitForOpen({ timeoutMs });
      const typing = eventIs('typing', context);
      await ctx.chat().sendTyping(conversationId);
      await events.waitFor('typing on the first socket', typing);
      checkEqual(sockets.length, 1, 'sockets opened before the drop');

      const reconnected = new Promise<void>((resolve) => client.onReconnect(() => resolve()));
      sockets[0]!.terminate();
      await Promise.race([
        reconnected,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new ConformanceError('timeout', `no reconnect within ${timeoutMs} ms of the drop (state ${client.state})`)), timeoutMs),
        ),
      ]);
      checkEqual(sockets.length, 2, 'sockets opened after the drop');
      check(client.isConnected(), 'client connected on the new socket');
      const before = events.events.length;
      await ctx.chat().sendTyping(conversationId);
      await events.waitFor('typing on the new socket (the context resubscribed)', (e) => events.events.indexOf(e) >= before && typing(e));
    },
  }),
];
