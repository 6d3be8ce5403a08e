import { defineDeviation } from './deviation.js';

type Json = Record<string, unknown>;
const bodyOf = (init: RequestInit): Json | null => {
  try {
    return typeof init.body === 'string' ? (JSON.parse(init.body) as Json) : null;
  } catch {
    return null;
  }
};

/** Wrong bot webhooks: what the server sends to a sandbox's bot. */
export const webhookDeviations = [
  defineDeviation({
    name: 'webhook-names-target-bot',
    description: 'webhook bodies carry targetBotId',
    reference: 'kilo-chat.md §5.3 (body without targetBotId); §5.1',
    install: (h) =>
      h.webhook((url, init, next) => {
        const body = bodyOf(init);
        return next(url, body ? { ...init, body: JSON.stringify({ ...body, targetBotId: 'bot' }) } : init);
      }),
  }),
  defineDeviation({
    name: 'webhook-text-spaced',
    description: 'a message.created webhook joins text blocks with a space instead of nothing',
    reference: 'kilo-chat.md §5.1 message.created (text blocks joined with no separator)',
    install: (h) =>
      h.webhook((url, init, next) => {
        const body = bodyOf(init);
        if (body?.type !== 'message.created') return next(url, init);
        const conversation = h.core.conversations.get(String(body.conversationId));
        const message = conversation?.messages.find((m) => m.id === body.messageId);
        const texts = (message?.content ?? []).flatMap((b) => (b.type === 'text' ? [b.text] : []));
        return next(url, { ...init, body: JSON.stringify({ ...body, text: texts.join(' ') }) });
      }),
  }),
  defineDeviation({
    name: 'webhooks-unordered',
    description: "webhooks are sent without waiting for the previous one, each after a shorter delay than the last, so they arrive out of order",
    reference: 'kilo-chat.md §5.2 Ordering',
    install: (h) => {
      let delay = 200;
      h.webhook((url, init, next) => {
        delay = delay > 20 ? delay - 40 : 200;
        setTimeout(() => void next(url, init).catch(() => undefined), delay);
        return Promise.resolve(new Response('{}', { status: 200 }));
      });
    },
  }),
  defineDeviation({
    name: 'webhook-no-retry',
    description: 'a webhook is sent once; a failed answer is neither retried nor reported',
    reference: 'kilo-chat.md §5.2 Retries (3 attempts); §5.4',
    install: (h) =>
      h.webhook(async (url, init, next) => {
        const response = await next(url, init);
        return response.ok ? response : new Response('{}', { status: 200 });
      }),
  }),
];
