// Public entry of @kilocode/kilo-chat. Explicit named exports only.

// --- schemas, events, webhooks, utilities (see schemas-entry.ts) ---
export * from './schemas-entry';

// --- clients and errors ---
export { KiloChatClient } from './client';
export type { KiloChatEventHandler, ListConversationsOptions, ListMessagesOptions } from './client';
export { KiloChatBotClient } from './bot-client';
export type {
  BotListConversationsOptions,
  BotStatusInput,
  ReportActionDeliveryFailedInput,
  ReportMessageDeliveryFailedInput,
  SetConversationStatusInput,
} from './bot-client';
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
} from './client-types';
export {
  INVALID_OPERATION_MESSAGE,
  KiloChatApiError,
  KiloChatError,
  KiloChatResponseError,
  OWNER_INACTIVE_MESSAGE,
  classifyKiloChatError,
  formatKiloChatError,
} from './errors';
export type { KiloChatApiErrorCode, KiloChatErrorCode, KiloChatErrorKind, KiloChatResponseIssue } from './errors';
export { kiloChatBotAuthErrors, kiloChatCommonErrors, kiloChatRouteList, kiloChatRoutes } from './routes';
export type {
  KiloChatBotRouteId,
  KiloChatHttpMethod,
  KiloChatHumanRouteId,
  KiloChatRoute,
  KiloChatRouteError,
  KiloChatRouteId,
} from './routes';
