// Realtime events: payload schemas, the name → schema registry and a safe parser.

export {
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
} from './events/event-payloads.js';
export type {
  ActionDeliveryFailedEvent,
  ActionExecutedEvent,
  BotStatusEvent,
  ConversationActivityEvent,
  ConversationCreatedEvent,
  ConversationLeftEvent,
  ConversationReadEvent,
  ConversationRenamedEvent,
  ConversationStatusEvent,
  MessageCreatedEvent,
  MessageDeletedEvent,
  MessageDeliveryFailedEvent,
  MessageRedeliveredEvent,
  MessageUpdatedEvent,
  ReactionAddedEvent,
  ReactionRemovedEvent,
  TypingEvent,
  TypingStopEvent,
} from './events/event-payloads.js';

export {
  KILO_CHAT_EVENT_NAMES,
  getKiloChatEventPayloadSchema,
  isKiloChatEventName,
  kiloChatEventPayloadSchemas,
} from './events/kilo-chat-event-registry.js';
export { kiloChatEventSchema } from './events/kilo-chat-event-schema.js';
export type {
  KiloChatEvent,
  KiloChatEventName,
  KiloChatEventOf,
  KiloChatEventPayloadSchema,
} from './events/kilo-chat-event-registry.js';

export { KiloChatEventParseError } from './events/kilo-chat-event-parse-error.js';
export type { KiloChatEventParseErrorCode } from './events/kilo-chat-event-parse-error.js';

export { safeParseKiloChatEvent } from './events/safe-parse-kilo-chat-event.js';
export type {
  KiloChatEventParseFailure,
  KiloChatEventParseResult,
  KiloChatEventParseSuccess,
} from './events/safe-parse-kilo-chat-event.js';
