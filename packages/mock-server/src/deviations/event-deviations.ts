import { defineDeviation } from './deviation.js';

type Json = Record<string, unknown>;
const payloadOf = (payload: unknown) => (payload ?? {}) as Json;

/** Wrong servers emulated on the event pushes: dropped, repeated, rewritten or misdirected frames. */
export const eventDeviations = [
  defineDeviation({
    name: 'leave-unannounced',
    description: 'leaving a conversation pushes no conversation.left to the leaver',
    reference: 'kilo-chat.md §2.1 H5; §4.2 conversation.left',
    install: (h) => h.push((push, deliver) => (push.event === 'conversation.left' ? false : deliver(push))),
  }),
  defineDeviation({
    name: 'delete-event-once',
    description: 'a repeated delete of the same message pushes no second message.deleted',
    reference: 'kilo-chat.md §4.2 message.deleted; §6.2; §6.4',
    install: (h) => {
      const seen = new Set<string>();
      h.push((push, deliver) => {
        if (push.event !== 'message.deleted') return deliver(push);
        const key = `${push.userId}:${String(payloadOf(push.payload).messageId)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return deliver(push);
      });
    },
  }),
  defineDeviation({
    name: 'reaction-events-doubled',
    description: 'every reaction.added and reaction.removed is pushed twice, as if idempotent repeats pushed again',
    reference: 'kilo-chat.md §4.2 reaction.added, reaction.removed; §3.11',
    install: (h) =>
      h.push((push, deliver) => {
        const delivered = deliver(push);
        if (push.event === 'reaction.added' || push.event === 'reaction.removed') deliver(push);
        return delivered;
      }),
  }),
  defineDeviation({
    name: 'read-event-never-pushed',
    description: 'conversation.read is never pushed (neither on mark-read nor for the sender of a message)',
    reference: 'kilo-chat.md §4.3; §6.5; §4.2 conversation.read',
    install: (h) => h.push((push, deliver) => (push.event === 'conversation.read' ? false : deliver(push))),
  }),
  defineDeviation({
    name: 'action-update-stamped',
    description: 'the message.updated of an action resolution carries a clientUpdatedAt instead of null',
    reference: 'kilo-chat.md §6.6; §4.2 message.updated',
    install: (h) =>
      h.push((push, deliver) => {
        const payload = payloadOf(push.payload);
        return deliver(push.event === 'message.updated' && payload.clientUpdatedAt === null ? { ...push, payload: { ...payload, clientUpdatedAt: h.core.clock.now() } } : push);
      }),
  }),
  defineDeviation({
    name: 'action-delivery-failed-silent',
    description: 'B16 reverts the resolution but pushes no action.delivery_failed',
    reference: 'kilo-chat.md §2.2 B16; §4.2 action.delivery_failed',
    install: (h) => h.push((push, deliver) => (push.event === 'action.delivery_failed' ? false : deliver(push))),
  }),
  defineDeviation({
    name: 'typing-stop-on-send',
    description: "a human's message also pushes typing.stop for the sender",
    reference: 'kilo-chat.md §4.2 typing.stop (only explicit stops and bot messages)',
    install: (h) =>
      h.push((push, deliver) => {
        const delivered = deliver(push);
        const senderId = payloadOf(push.payload).senderId;
        if (push.event === 'message.created' && typeof senderId === 'string' && !senderId.startsWith('bot:')) {
          deliver({ ...push, event: 'typing.stop', payload: { memberId: senderId } });
        }
        return delivered;
      }),
  }),
  defineDeviation({
    name: 'bot-typing-dropped',
    description: "a bot's typing and typing.stop are not pushed",
    reference: 'kilo-chat.md §2.2 B4, B5; §4.2 typing, typing.stop',
    install: (h) =>
      h.push((push, deliver) =>
        (push.event === 'typing' || push.event === 'typing.stop') && String(payloadOf(push.payload).memberId).startsWith('bot:') ? false : deliver(push)),
  }),
  defineDeviation({
    name: 'conversation-status-not-pushed',
    description: 'a conversation status write is stored but conversation.status is not pushed',
    reference: 'kilo-chat.md §2.2 B14; §4.2 conversation.status',
    install: (h) => h.push((push, deliver) => (push.event === 'conversation.status' ? false : deliver(push))),
  }),
  defineDeviation({
    name: 'redelivered-not-pushed',
    description: 'a redeliver clears deliveryFailed but pushes no message.redelivered',
    reference: 'kilo-chat.md §2.1 H12; §4.2 message.redelivered',
    install: (h) => h.push((push, deliver) => (push.event === 'message.redelivered' ? false : deliver(push))),
  }),
  defineDeviation({
    name: 'delivery-failed-every-report',
    description: 'every B15 report pushes message.delivery_failed, even when the flag was already set',
    reference: 'kilo-chat.md §4.2 message.delivery_failed (only when the flag flips); §2.2 B15',
    install: (h) =>
      h.http(async (call, next) => {
        const match = call.method === 'POST' ? /^\/bot\/v1\/sandboxes\/[^/]+\/conversations\/([^/]+)\/messages\/([^/]+)\/delivery-failed$/.exec(call.path) : null;
        const conversation = match ? h.core.conversations.get(match[1] as string) : undefined;
        const before = conversation?.messages.find((m) => m.id === match?.[2])?.deliveryFailed;
        const response = await next();
        if (conversation && response.status === 200 && before === true) {
          h.core.pushToConversation(conversation, 'message.delivery_failed', { messageId: match?.[2] });
        }
        return response;
      }),
  }),
  defineDeviation({
    name: 'created-event-without-client-id',
    description: 'message.created leaves out the clientId of the send',
    reference: 'kilo-chat.md §4.2 message.created',
    install: (h) =>
      h.push((push, deliver) => {
        if (push.event !== 'message.created') return deliver(push);
        const { clientId: _dropped, ...payload } = payloadOf(push.payload);
        return deliver({ ...push, payload });
      }),
  }),
  defineDeviation({
    name: 'created-event-untitled',
    description: 'conversation.created embeds the list row with a null title',
    reference: 'kilo-chat.md §4.2 conversation.created',
    install: (h) =>
      h.push((push, deliver) => {
        const payload = payloadOf(push.payload);
        const row = payload.conversation as Json | undefined;
        return deliver(push.event === 'conversation.created' && row ? { ...push, payload: { ...payload, conversation: { ...row, title: null } } } : push);
      }),
  }),
  defineDeviation({
    name: 'rename-pushed-twice',
    description: 'every conversation.renamed is pushed twice (an auto-title is announced more than once)',
    reference: 'kilo-chat.md §6.8; §4.2 conversation.renamed',
    install: (h) =>
      h.push((push, deliver) => {
        const delivered = deliver(push);
        if (push.event === 'conversation.renamed') deliver(push);
        return delivered;
      }),
  }),
  defineDeviation({
    name: 'events-to-all-subscribers',
    description: 'an event reaches every socket subscribed to its context, members or not',
    reference: 'kilo-chat.md §4.1; §4.2 Recipients',
    install: (h) => {
      let last = '';
      h.push((push, deliver) => {
        const delivered = deliver(push);
        const key = `${push.context}\n${push.event}\n${JSON.stringify(push.payload)}`;
        if (key === last) return delivered;
        last = key;
        const others = new Set(h.core.realtime.sessions().filter((s) => s.userId !== push.userId && s.contexts.has(push.context)).map((s) => s.userId));
        for (const userId of others) deliver({ ...push, userId });
        return delivered;
      });
    },
  }),
];
