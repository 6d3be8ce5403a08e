// Client
export { EventServiceClient } from './client';
export type { EventHandler, InboundEvent, InboundEventHandler, SubscriptionHandle } from './client';
export { EVENT_SERVICE_CLIENT_DEFAULTS } from './config';
export type { EventServiceConfig } from './config';
export type { ConnectionState, EventServiceClientError, StateChange, StateChangeReason } from './connection-state';
export { DEFAULT_BACKOFF, backoffDelay } from './backoff';
export type { BackoffOptions } from './backoff';
export { browserPlatform } from './platform';
export type { PlatformHooks } from './platform';
export { SOCKET_CONNECTING, SOCKET_OPEN } from './socket';
export type { WebSocketConstructor, WebSocketLike } from './socket';
export type { TicketFetch } from './ticket';
export { socketEndpoint, ticketEndpoint } from './url';

// Codes and errors
export {
  CLIENT_CLOSE_REASONS,
  CLOSE_CODES,
  EVENT_SERVICE_ERROR_CODES,
  RETRYABLE_ERROR_CODES,
  isAuthCloseCode,
} from './codes';
export type { ClientCloseReason, CloseCode, EventServiceErrorCode } from './codes';
export { HandshakeTimeoutError, RequestDeadlineError, WebSocketAuthError } from './errors';
export { EventServiceError } from './event-service-error';
export type { EventServiceErrorOptions } from './event-service-error';

// Deadlines
export { CONTROL_PLANE_DEADLINE_MS, SEND_DEADLINE_MS, withDeadline } from './deadline';

// Contexts
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

// Wire schemas and limits
export { SERVER_UNACKED_LIMIT, TICKET_TTL_MS } from './limits';
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

// Injection
export { noopLogger } from './logger';
export type { Logger } from './logger';
export { globalTimers } from './timers';
export type { TimerHandle, Timers } from './timers';
