import type * as z from 'zod';
import {
  actionDeliveryFailedEventSchema,
  actionExecutedEventSchema,
  botStatusEventSchema,
  conversationActivityEventSchema,
  conversationCreatedEventSchema,
  conversationLeftEventSchema,
  conversationReadEventSchema,
  conversationRenamedEventSchema,
  conversationStatusEventSchema,
  messageCreatedEventSchema,
  messageDeletedEventSchema,
  messageDeliveryFailedEventSchema,
  messageRedeliveredEventSchema,
  messageUpdatedEventSchema,
  reactionAddedEventSchema,
  reactionRemovedEventSchema,
  typingEventSchema,
  typingStopEventSchema,
} from './event-payloads.js';

/** The name of every realtime event Kilo Chat pushes, in catalogue order. */
export const KILO_CHAT_EVENT_NAMES = Object.freeze([
  'message.created',
  'message.updated',
  'message.deleted',
  'message.delivery_failed',
  'message.redelivered',
  'typing',
  'typing.stop',
  'reaction.added',
  'reaction.removed',
  'conversation.created',
  'conversation.renamed',
  'conversation.left',
  'conversation.read',
  'conversation.activity',
  'action.executed',
  'action.delivery_failed',
  'bot.status',
  'conversation.status',
] as const);

/** The name of a Kilo Chat realtime event, e.g. `'message.created'`. */
export type KiloChatEventName = (typeof KILO_CHAT_EVENT_NAMES)[number];

/** Maps each event name to the zod schema of its payload. Frozen. */
export const kiloChatEventPayloadSchemas = Object.freeze({
  'message.created': messageCreatedEventSchema,
  'message.updated': messageUpdatedEventSchema,
  'message.deleted': messageDeletedEventSchema,
  'message.delivery_failed': messageDeliveryFailedEventSchema,
  'message.redelivered': messageRedeliveredEventSchema,
  typing: typingEventSchema,
  'typing.stop': typingStopEventSchema,
  'reaction.added': reactionAddedEventSchema,
  'reaction.removed': reactionRemovedEventSchema,
  'conversation.created': conversationCreatedEventSchema,
  'conversation.renamed': conversationRenamedEventSchema,
  'conversation.left': conversationLeftEventSchema,
  'conversation.read': conversationReadEventSchema,
  'conversation.activity': conversationActivityEventSchema,
  'action.executed': actionExecutedEventSchema,
  'action.delivery_failed': actionDeliveryFailedEventSchema,
  'bot.status': botStatusEventSchema,
  'conversation.status': conversationStatusEventSchema,
} satisfies Record<KiloChatEventName, z.ZodType>);

/** The zod schema of event `N`'s payload. */
export type KiloChatEventPayloadSchema<N extends KiloChatEventName> = (typeof kiloChatEventPayloadSchemas)[N];

/** The parsed payload type of event `N`, e.g. `KiloChatEventOf<'typing'>` is `{ memberId: string }`. */
export type KiloChatEventOf<N extends KiloChatEventName> = z.infer<KiloChatEventPayloadSchema<N>>;

/** One event as a `{ event, payload }` pair; narrowing on `event` narrows `payload`. */
export type KiloChatEvent = { [N in KiloChatEventName]: { event: N; payload: KiloChatEventOf<N> } }[KiloChatEventName];

/** True when `name` is one of the 18 Kilo Chat event names (own keys only; `'toString'` is not). */
export function isKiloChatEventName(name: unknown): name is KiloChatEventName {
  return typeof name === 'string' && Object.hasOwn(kiloChatEventPayloadSchemas, name);
}

/**
 * The payload schema of event `name`, for validating a payload yourself.
 * For untrusted names use {@link isKiloChatEventName} first, or
 * {@link safeParseKiloChatEvent}.
 */
export function getKiloChatEventPayloadSchema<N extends KiloChatEventName>(name: N): KiloChatEventPayloadSchema<N> {
  return kiloChatEventPayloadSchemas[name];
}
