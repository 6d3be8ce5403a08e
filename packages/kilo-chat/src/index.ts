// Public entry of @kilocode/kilo-chat. Explicit named exports only.

// --- schemas, events, webhooks, utilities (see schemas.ts) ---
export * from './schemas.js';

// --- clients and errors ---
export { KiloChatClient } from './client.js';
export type { KiloChatEventHandler, ListConversationsOptions, ListMessagesOptions } from './client.js';
export { KiloChatBotClient } from './bot-client.js';
export type {
  BotListConversationsOptions,
  BotStatusInput,
  ReportActionDeliveryFailedInput,
  ReportMessageDeliveryFailedInput,
  SetConversationStatusInput,
} from './bot-client.js';
export type {
  KiloChatBotClientConfig,
  KiloChatCallOptions,
  KiloChatClientConfig,
  KiloChatDeadlines,
  KiloChatFetch,
  KiloChatFetchInit,
  KiloChatFetchResponse,
  KiloChatOperation,
  KiloChatOperationOrOptions,
  KiloChatRequestOptions,
  KiloChatUnauthorizedHandler,
} from './client-types.js';
export {
  INVALID_OPERATION_MESSAGE,
  KiloChatApiError,
  KiloChatError,
  KiloChatResponseError,
  OWNER_INACTIVE_MESSAGE,
  classifyKiloChatError,
  formatKiloChatError,
} from './errors.js';
export type { KiloChatApiErrorCode, KiloChatErrorCode, KiloChatErrorKind, KiloChatResponseIssue } from './errors.js';
export { kiloChatBotAuthErrors, kiloChatCommonErrors, kiloChatRouteList, kiloChatRoutes } from './routes.js';
export type {
  KiloChatBotRouteId,
  KiloChatHttpMethod,
  KiloChatHumanRouteId,
  KiloChatRoute,
  KiloChatRouteError,
  KiloChatRouteId,
} from './routes.js';
