// Kept apart from the registry: `KiloChatClient` validates through the
// registry, and this union (built at import time) is only for callers that
// handle `{ event, payload }` objects themselves.
import * as z from 'zod';
import { kiloChatEventPayloadSchemas } from './kilo-chat-event-registry.js';
import type { KiloChatEventName } from './kilo-chat-event-registry.js';

function envelope<const N extends KiloChatEventName>(event: N) {
  return z.object({ event: z.literal(event), payload: kiloChatEventPayloadSchemas[event] });
}

/**
 * Any Kilo Chat event as a `{ event, payload }` object, discriminated on
 * `event`. Handy for logs, fixtures and queues; the socket itself carries the
 * name and the payload as separate frame fields, which
 * {@link safeParseKiloChatEvent} takes as they are.
 */
export const kiloChatEventSchema = z.discriminatedUnion('event', [
  envelope('message.created'),
  envelope('message.updated'),
  envelope('message.deleted'),
  envelope('message.delivery_failed'),
  envelope('message.redelivered'),
  envelope('typing'),
  envelope('typing.stop'),
  envelope('reaction.added'),
  envelope('reaction.removed'),
  envelope('conversation.created'),
  envelope('conversation.renamed'),
  envelope('conversation.left'),
  envelope('conversation.read'),
  envelope('conversation.activity'),
  envelope('action.executed'),
  envelope('action.delivery_failed'),
  envelope('bot.status'),
  envelope('conversation.status'),
]);
