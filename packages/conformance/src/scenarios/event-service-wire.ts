import WebSocket from 'ws';
import { MAX_CONTEXTS } from '@kilocode/event-service';
import { check, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { httpBase } from './auth.js';
import { sendText } from './helpers.js';
import { mintTicket, openRaw, rawEvents, rawListen, rawSubscribeConfirmed, upgradeStatus } from './raw-socket.js';

/**
 * Event Service wire scenarios beyond the basics: exact context matching,
 * silently dropped frames, unsubscribe, per-socket seq and the upgrade's
 * ticket and subprotocol rules (event-service.md §1.3, §2, §3).
 */
export const eventServiceWireScenarios = [
  defineScenario({
    id: 'event-service.exact-context-match',
    title: "a socket subscribed to prefixes or wildcards of a conversation's context receives none of its events",
    area: 'event-service',
    reference: 'kilo-chat.md §4.1 (matching is exact); event-service.md §3',
    async run(ctx) {
      // The raw socket's subscription is confirmed by the 200-context limit's
      // error frame (event-service.md §2.3): it holds only near-misses of the
      // conversation's context. A member socket subscribed exactly shows the
      // events were pushed; the near-miss socket must have none of them.
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const nearMisses = [
        `${ctx.instanceContext}/`,
        context.slice(0, -1),
        `${ctx.instanceContext}/*`,
        `${ctx.instanceContext}/#`,
        ctx.instanceContext,
        '/kiloclaw/*',
        '/kiloclaw',
        '/',
        '*',
        `${context}/`,
        context.toLowerCase(),
      ].filter((c) => c !== context);
      const raw = await openRaw(ctx, await mintTicket(ctx));
      await rawSubscribeConfirmed(raw, nearMisses);
      const member = await ctx.listen('user', [], conversationId);
      const { messageId } = await sendText(ctx, conversationId, 'exact match only');
      await ctx.chat().sendTyping(conversationId);
      await member.waitFor('message.created on the exact context', eventIs('message.created', context, (p) => p.messageId === messageId));
      await ctx.quiet();
      const leaked = rawEvents(raw).filter((f) => f.context === context || f.payload.messageId === messageId || f.event === 'typing');
      checkEqual(leaked.map((f) => `${f.event} on ${f.context}`), [], 'events of the conversation received through a prefix or wildcard');
    },
  }),
  defineScenario({
    id: 'event-service.invalid-frames-dropped',
    title: 'invalid and 201-context subscribe frames are dropped whole and silently: nothing subscribed, no error frame, socket open',
    area: 'event-service',
    reference: 'event-service.md §2.1 (invalid frames dropped silently; one bad context poisons the message); §2.3',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const raw = await openRaw(ctx, await mintTicket(ctx));
      const subscribe = (contexts: unknown) => JSON.stringify({ type: 'context.subscribe', contexts });
      const frames = [
        subscribe([context, '']),
        subscribe([context, 'x'.repeat(257)]),
        subscribe([context, 42]),
        subscribe(context),
        subscribe([context, ...Array.from({ length: MAX_CONTEXTS }, (_, i) => `/conformance/over/${i}`)]),
        JSON.stringify({ type: 'context.subscribe-all', contexts: [context] }),
        JSON.stringify({ contexts: [context] }),
        `{"type":"context.subscribe","contexts":[${JSON.stringify(context)}]`,
        JSON.stringify({ type: 'ack', seq: -1 }),
        JSON.stringify({ type: 'ack', seq: 1.5 }),
        'null',
      ];
      for (const frame of frames) raw.socket.send(frame);
      // A socket's frames are applied in order (§2.1): an event on a context
      // subscribed after them proves they were all handled.
      const barrier = await ctx.createConversation();
      await rawListen(ctx, raw, barrier.conversationId);
      const member = await ctx.listen('user', [], conversationId);
      const { messageId } = await sendText(ctx, conversationId, 'not for the raw socket');
      await member.waitFor('message.created', eventIs('message.created', context, (p) => p.messageId === messageId));
      await ctx.quiet();
      checkEqual(rawEvents(raw).filter((f) => f.context === context).map((f) => f.event), [], 'events on a context only invalid frames named');
      const errors = raw.received.filter((t) => t.startsWith('{') && (JSON.parse(t) as { type?: unknown }).type === 'error');
      checkEqual(errors, [], 'error frames in answer to invalid frames');
      checkEqual(raw.socket.readyState, WebSocket.OPEN, 'socket state');
    },
  }),
  defineScenario({
    id: 'event-service.unsubscribe',
    title: 'after context.unsubscribe the socket receives nothing more of that context',
    area: 'event-service',
    reference: 'event-service.md §2.1 context.unsubscribe',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const raw = await openRaw(ctx, await mintTicket(ctx));
      await rawListen(ctx, raw, conversationId);
      raw.socket.send(JSON.stringify({ type: 'context.unsubscribe', contexts: [context] }));
      // Frames apply in order: an event on a context subscribed after the
      // unsubscribe proves the unsubscribe applied.
      const barrier = await ctx.createConversation();
      await rawListen(ctx, raw, barrier.conversationId);
      const member = await ctx.listen('user', [], conversationId);
      const { messageId } = await sendText(ctx, conversationId, 'after unsubscribe');
      await member.waitFor('message.created', eventIs('message.created', context, (p) => p.messageId === messageId));
      await ctx.quiet();
      checkEqual(
        rawEvents(raw).filter((f) => f.context === context && f.event !== 'typing').map((f) => f.event),
        [],
        'events on the context after it was unsubscribed',
      );
    },
  }),
  defineScenario({
    id: 'event-service.seq-per-socket',
    title: "two sockets of the same user each number their own events 1, 2, 3… with no gaps",
    area: 'event-service',
    reference: 'event-service.md §2.4 (seq counts events delivered to that socket only)',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const a = await openRaw(ctx, await mintTicket(ctx));
      const b = await openRaw(ctx, await mintTicket(ctx));
      await rawListen(ctx, a, conversationId);
      await rawListen(ctx, b, conversationId);
      // A third socket of the user on another context pushes seq forward only there.
      const other = await ctx.createConversation();
      const c = await openRaw(ctx, await mintTicket(ctx));
      await rawListen(ctx, c, other.conversationId);
      await rawListen(ctx, c, other.conversationId);
      for (let i = 0; i < 3; i++) await ctx.chat().sendTyping(conversationId);
      // a: its own barrier, b's barrier, then 3; b: its barrier, then 3.
      const typingOn = (conversation: string) => (t: string) => t.includes('"typing"') && t.includes(JSON.stringify(ctx.conversationContext(conversation)));
      for (let i = 0; i < 3; i++) await a.next(`typing ${i + 1} of 3 on socket a`, typingOn(conversationId));
      for (let i = 0; i < 3; i++) await b.next(`typing ${i + 1} of 3 on socket b`, typingOn(conversationId));
      const seqs = (raw: typeof a) =>
        raw.received.filter((t) => t.startsWith('{')).map((t) => JSON.parse(t) as { type?: string; seq?: unknown }).filter((f) => f.type === 'event').map((f) => f.seq);
      const counted = (list: unknown[]) => list.map((_, i) => i + 1);
      for (const [name, raw] of [['a', a], ['b', b], ['c', c]] as const) {
        const list = seqs(raw);
        check(list.length >= 2, `socket ${name} received events`);
        checkEqual(list, counted(list), `seq of the events on socket ${name}`);
      }
    },
  }),
  defineScenario({
    id: 'event-service.upgrade-without-subprotocol',
    title: 'an upgrade that offers no subprotocol still succeeds, with none echoed, and delivers events',
    area: 'event-service',
    reference: 'event-service.md §1.3 Subprotocol (optional on the server)',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const raw = await openRaw(ctx, await mintTicket(ctx), 5_000, { subprotocol: false });
      checkEqual(raw.socket.protocol, '', 'echoed subprotocol');
      await rawListen(ctx, raw, conversationId);
    },
  }),
  defineScenario({
    id: 'event-service.bad-tickets',
    title: 'an upgrade with no ticket, an empty, unknown or used ticket gets 401 (and an expired one, where the target can expire it)',
    area: 'event-service',
    reference: 'event-service.md §1.3 (2), (3)',
    async run(ctx) {
      checkEqual(await upgradeStatus(ctx, null), 401, 'no ticket parameter');
      checkEqual(await upgradeStatus(ctx, ''), 401, 'empty ticket');
      checkEqual(await upgradeStatus(ctx, '00000000-0000-4000-8000-000000000000'), 401, 'unknown ticket');
      const used = await mintTicket(ctx);
      checkEqual(await upgradeStatus(ctx, used), 101, 'a fresh ticket upgrades');
      checkEqual(await upgradeStatus(ctx, used), 401, 'the same ticket again');
      // Expiry takes 30 s on a real server; only the mock can expire tickets at once.
      if (ctx.target.devRoutes === true) {
        const ticket = await mintTicket(ctx);
        const expired = await ctx.raw('/_control/tickets/expire', { method: 'POST', token: null, baseUrl: httpBase(ctx.target.eventsUrl) });
        checkEqual(expired.status, 200, 'POST /_control/tickets/expire');
        checkEqual(await upgradeStatus(ctx, ticket), 401, 'expired ticket');
      }
    },
  }),
];
