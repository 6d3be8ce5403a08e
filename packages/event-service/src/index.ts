// Client
export { EventServiceClient } from './client.js';
export type { EventHandler, InboundEvent, InboundEventHandler, SubscriptionHandle, WaitForOpenOptions } from './client.js';
export { EVENT_SERVICE_CLIENT_DEFAULTS } from './config.js';
export type { EventServiceConfig } from './config.js';
export type { ConnectionState, EventServiceClientError, StateChange, StateChangeReason } from './connection-state.js';
export { DEFAULT_BACKOFF, backoffDelay } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { browserPlatform } from './platform.js';
export type { PlatformHooks } from './platform.js';
export { SOCKET_CONNECTING, SOCKET_OPEN } from './socket.js';
export type { WebSocketConstructor, WebSocketLike } from './socket.js';
export type { TicketFetch } from './ticket.js';
export { socketEndpoint, ticketEndpoint } from './url.js';

// Codes and errors
export {
  CLIENT_CLOSE_REASONS,
  CLOSE_CODES,
  EVENT_SERVICE_ERROR_CODES,
  RETRYABLE_ERROR_CODES,
  isAuthCloseCode,
} from './codes.js';
export type { ClientCloseReason, CloseCode, EventServiceErrorCode } from './codes.js';
export { HandshakeTimeoutError, RequestDeadlineError, WebSocketAuthError } from './errors.js';
export { EventServiceError } from './event-service-error.js';
export type { EventServiceErrorOptions } from './event-service-error.js';

// Deadlines
export { CONTROL_PLANE_DEADLINE_MS, SEND_DEADLINE_MS, withDeadline } from './deadline.js';
export { onAbort } from './abort-fanout.js';

// Contexts
export { SANDBOX_ID_PATTERN, assertContext } from './context-validation.js';
export { kiloclawConversationContext, kiloclawInstanceContext } from './kiloclaw-contexts.js';
export {
  presenceContextForAgentSession,
  presenceContextForCliSession,
  presenceContextForConversation,
  presenceContextForInstance,
  presenceContextForPlatform,
} from './presence.js';
export type { Platform } from './presence.js';

// Wire schemas and limits
export { SERVER_UNACKED_LIMIT, TICKET_TTL_MS } from './limits.js';
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
} from './schemas.js';
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
} from './types.js';

// Injection
export { noopLogger } from './logger.js';
export type { Logger } from './logger.js';
export { globalTimers } from './timers.js';
export type { TimerHandle, Timers } from './timers.js';
