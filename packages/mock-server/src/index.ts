// Public entry of @kilocode/kilo-chat-mock-server. Explicit named exports only,
// grouped by source file; types are exported separately from values.

// --- the running server ---
export { startMockServer } from './server/start-mock-server.js';
export { DEFAULT_GATEWAY_SECRET, DEFAULT_JWT_SECRET } from './defaults.js';
export type { MockServer, StartMockServerOptions } from './server/start-mock-server.js';

// --- the domain core ---
export { ChatCore } from './core/chat-core.js';
export type { ChatCoreOptions, WireListItem, WireMember, WireMessage } from './core/chat-core.js';
export { CoreError, isCoreError } from './core/core-error.js';
export type { ErrorBody } from './core/core-error.js';
export type { Caller } from './core/caller.js';
export { userCaller } from './core/caller.js';
export { systemClock } from './core/clock.js';
export type { Clock } from './core/clock.js';
export { BOT_ID_PREFIX, botIdForSandbox, isBotId, sandboxIdFromBotId } from './core/bot-identity.js';
export type { CreateSandboxInput, SandboxRecord } from './core/sandboxes.js';
export type { CreateUserInput, UserRecord } from './core/users.js';
export type { PushOutcome, PushRecord, PushTrigger } from './core/push-outbox.js';
export { DEFAULT_PUSH_LOG_CAPACITY, PushOutbox } from './core/push-outbox.js';
export { RingLog } from './core/ring-log.js';
export type { LogCapacityOptions, RingLogEntry, RingLogPage, RingLogPageOptions } from './core/ring-log.js';
export { DEFAULT_EVENT_LOG_CAPACITY } from './core/event-publisher.js';
export { DEFAULT_WEBHOOK_LOG_CAPACITY, WEBHOOK_QUEUE_LIMIT } from './core/webhook-dispatcher.js';
export { DEV_LOG_PAGE_DEFAULT, DEV_LOG_PAGE_MAX } from './http/dev-routes.js';
export type { BadgeRow } from './core/badges.js';
export type { PublishedEvent } from './core/event-publisher.js';
export type { WebhookAttempt, WebhookDelivery, WebhookPayload } from './core/webhook-dispatcher.js';
export { DEFAULT_WEBHOOK_RETRY_DELAYS_MS } from './core/webhook-dispatcher.js';
export type { SeedConversationInput, SeedMessageInput } from './core/ops/seed-ops.js';
export { ATTACHMENT_SWEEP_INTERVAL_MS } from './core/chat-core.js';
export { DEFAULT_UNLINKED_ATTACHMENT_TTL_MS } from './core/chat-state.js';

// --- persistence (--data-dir) ---
export { DataDirError } from './persistence/data-dir-error.js';
export type { DataDirErrorCode } from './persistence/data-dir-error.js';
export { DEFAULT_JOURNAL_COMPACT_BYTES } from './persistence/data-dir-store.js';

// --- auth ---
export { gatewayTokenFor, verifyGatewayToken } from './auth/gateway-token.js';
export { mintUserToken, verifyUserToken } from './auth/user-tokens.js';
export type { MintUserTokenOptions } from './auth/user-tokens.js';

// --- faults ---
export { FaultController } from './faults/fault-controller.js';
export type { FailNextOptions } from './faults/fault-controller.js';
export type { RoutePattern } from './faults/route-pattern.js';

// --- deliberately wrong servers (for testing a conformance suite) ---
export { DeviationSet, UnknownDeviationError, defineDeviation, mockDeviationNames, mockDeviations } from './deviations/index.js';
export type { DeviationHooks, HttpCall, HttpInterceptor, MockDeviation, MockDeviationName, PushInterceptor, WebhookInterceptor } from './deviations/index.js';
export type { RealtimePush, RealtimeQuirks } from './realtime/realtime-quirks.js';

// --- realtime ---
export {
  MAX_CLIENT_FRAME_BYTES,
  SEND_BUFFER_LIMIT_BYTES,
  SLOW_CONSUMER_CLOSE_CODE,
  UNACKED_THRESHOLD,
  ZOMBIE_CLOSE_CODE,
} from './realtime/session-hub.js';
export { DEFAULT_TICKET_TTL_MS } from './realtime/ticket-store.js';

// --- HTTP face ---
export { createMockApp } from './http/create-mock-app.js';
export type { MockAppOptions } from './http/create-mock-app.js';
export type { MockAppEnv } from './http/app-env.js';
export { DEFAULT_ALLOWED_ORIGINS } from './http/cors-policy.js';
export type { CorsPolicy } from './http/cors-policy.js';

// --- msw face ---
export { DEFAULT_MSW_BASE_URL, createMockHandlers } from './msw/create-mock-handlers.js';
export type { MockHandlersOptions, MockKiloChat } from './msw/create-mock-handlers.js';
export { setupMockKiloChat } from './msw/setup-mock-kilo-chat.js';
export type { MockKiloChatServer } from './msw/setup-mock-kilo-chat.js';

// --- seeds, demo bot and event watcher ---
export { DEMO_SANDBOX_ID, DEMO_SEED_TIME_MS, applyDemoSeed, demoSeedIds } from './seed/demo-seed.js';
export type { DemoSeed } from './seed/demo-seed.js';
export { startEchoBot } from './seed/echo-bot.js';
export type { EchoBot, EchoBotOptions } from './seed/echo-bot.js';
export { OPEN_TIMEOUT_MS, WatchRequestError, watchEvents } from './cli/watch-events.js';
export type { WatchEventsOptions } from './cli/watch-events.js';
