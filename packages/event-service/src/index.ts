export { CONTROL_PLANE_DEADLINE_MS, SEND_DEADLINE_MS, withDeadline } from './deadline';
export { HandshakeTimeoutError, RequestDeadlineError, WebSocketAuthError } from './errors';
export type { EventServiceErrorCode } from './errors';
export { EventServiceError } from './event-service-error';
export { SANDBOX_ID_PATTERN, assertContext } from './context-validation';
export { kiloclawConversationContext, kiloclawInstanceContext } from './kiloclaw-contexts';
export {
  presenceContextForAgentSession,
  presenceContextForCliSession,
  presenceContextForConversation,
  presenceContextForInstance,
  presenceContextForPlatform,
} from './presence';
export type { Platform } from './presence';
export {
  EVENT_SERVICE_SUBPROTOCOL,
  MAX_CONTEXTS,
  MAX_CONTEXT_LENGTH,
  ackMessageSchema,
  clientMessageSchema,
  connectTicketQuerySchema,
  connectTicketResponseSchema,
  contextSchema,
  contextSubscribeMessageSchema,
  contextUnsubscribeMessageSchema,
  errorMessageSchema,
  eventMessageSchema,
  serverMessageSchema,
} from './schemas';
export type {
  AckMessage,
  ClientMessage,
  ConnectTicketQuery,
  ConnectTicketResponse,
  ContextSubscribeMessage,
  ContextUnsubscribeMessage,
  ErrorMessage,
  EventChannel,
  EventMessage,
  ServerMessage,
  UnauthorizedRecoveryDecision,
} from './types';
export { noopLogger } from './logger';
export type { Logger } from './logger';
export { globalTimers } from './timers';
export type { TimerHandle, Timers } from './timers';
