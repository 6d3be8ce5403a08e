import { defineDeviation } from './deviation.js';

/** Wrong event services: the socket's context, seq, ack, keepalive and upgrade rules. */
export const realtimeDeviations = [
  defineDeviation({
    name: 'prefix-context-match',
    description: 'a socket subscribed to a prefix of a context receives its events (prefix instead of exact-string matching)',
    reference: 'kilo-chat.md §4.1; event-service.md §3 (exact-string match)',
    install: (h) => {
      h.realtime.contextMatches = (subscribed, context) => {
        for (const s of subscribed) if (context.startsWith(s.endsWith('*') ? s.slice(0, -1) : s)) return true;
        return false;
      };
    },
  }),
  defineDeviation({
    name: 'lenient-subscribe-frames',
    description: 'an invalid subscribe frame (201 contexts, missing type, bad JSON shape) still subscribes its well-formed contexts',
    reference: 'event-service.md §2.1, §2.3 (invalid frames dropped whole and silently)',
    install: (h) => {
      h.realtime.lenientSubscribe = true;
    },
  }),
  defineDeviation({
    name: 'unsubscribe-ignored',
    description: 'context.unsubscribe is ignored: the socket keeps receiving the context',
    reference: 'event-service.md §2.1 context.unsubscribe',
    install: (h) => {
      h.realtime.ignoreUnsubscribe = true;
    },
  }),
  defineDeviation({
    name: 'seq-per-user',
    description: "one seq counter per user shared by all of the user's sockets, so each socket sees gaps",
    reference: 'event-service.md §2.4 (seq counts the events of that socket only)',
    install: (h) => {
      h.realtime.seqPerUser = true;
    },
  }),
  defineDeviation({
    name: 'seq-from-zero',
    description: "a socket's first event carries seq 0 instead of 1",
    reference: 'event-service.md §2.2; §2.4',
    install: (h) => {
      h.realtime.firstSeq = 0;
    },
  }),
  defineDeviation({
    name: 'no-pong',
    description: 'the text frame ping is not answered',
    reference: 'event-service.md §2.1 Keepalive; §2.6',
    install: (h) => {
      h.core.realtime.answerPings = false;
    },
  }),
  defineDeviation({
    name: 'no-context-limit',
    description: 'contexts past 200 on one socket are accepted without a too_many_contexts error',
    reference: 'event-service.md §2.2 error; §2.3',
    install: (h) => {
      h.realtime.noContextLimit = true;
    },
  }),
  defineDeviation({
    name: 'no-zombie-close',
    description: 'a socket that acked once and falls more than 50 events behind is never closed with 4002',
    reference: 'event-service.md §2.4 Zombie check; §2.5',
    install: (h) => {
      h.realtime.noZombieClose = true;
    },
  }),
  defineDeviation({
    name: 'zombie-before-first-ack',
    description: 'the 4002 rule applies before the first ack, closing a socket that never acked',
    reference: 'event-service.md §2.4 Zombie check (only after a first ack)',
    install: (h) => {
      h.realtime.zombieBeforeAck = true;
    },
  }),
  defineDeviation({
    name: 'subscriptions-per-user',
    description: "a context a user already subscribed to on an earlier socket is not added to a new socket (subscriptions kept per user, not per socket)",
    reference: 'event-service.md §2.1, §5.3 (each socket holds its own subscriptions)',
    install: (h) => {
      h.realtime.subscriptionsPerUser = true;
    },
  }),
  defineDeviation({
    name: 'reusable-tickets',
    description: 'a connect ticket keeps working after its first upgrade',
    reference: 'event-service.md §1.2; §1.3 (3) (single use)',
    install: (h) => {
      h.realtime.reusableTickets = true;
    },
  }),
  defineDeviation({
    name: 'subprotocol-required',
    description: 'an upgrade that offers no kilo.events.v1 subprotocol is refused with 400',
    reference: 'event-service.md §1.3 Subprotocol (optional on the server)',
    install: (h) => {
      h.realtime.requireSubprotocol = true;
    },
  }),
];
