// Public entry of @kilocode/kilo-chat-mock-server. Explicit named exports only,
// grouped by source file; types are exported separately from values.

// --- the running server ---
export { startMockServer } from './server/start-mock-server';
export { DEFAULT_GATEWAY_SECRET, DEFAULT_JWT_SECRET } from './defaults';
export type { MockServer, StartMockServerOptions } from './server/start-mock-server';

// --- the domain core ---
export { ChatCore } from './core/chat-core';
export type { ChatCoreOptions, WireListItem, WireMember, WireMessage } from './core/chat-core';
export { CoreError, isCoreError } from './core/core-error';
export type { ErrorBody } from './core/core-error';
export type { Caller } from './core/caller';
export { userCaller } from './core/caller';
export { systemClock } from './core/clock';
export type { Clock } from './core/clock';
export { BOT_ID_PREFIX, botIdForSandbox, isBotId, sandboxIdFromBotId } from './core/bot-identity';
export type { CreateSandboxInput, SandboxRecord } from './core/sandboxes';
export type { CreateUserInput, UserRecord } from './core/users';
export type { PushOutcome, PushRecord, PushTrigger } from './core/push-outbox';
export { PushOutbox } from './core/push-outbox';
export type { BadgeRow } from './core/badges';
export type { PublishedEvent } from './core/event-publisher';
export type { WebhookAttempt, WebhookDelivery, WebhookPayload } from './core/webhook-dispatcher';
export { DEFAULT_WEBHOOK_RETRY_DELAYS_MS } from './core/webhook-dispatcher';
export type { SeedConversationInput, SeedMessageInput } from './core/ops/seed-ops';

// --- auth ---
export { gatewayTokenFor, verifyGatewayToken } from './auth/gateway-token';
export { mintUserToken, verifyUserToken } from './auth/user-tokens';
export type { MintUserTokenOptions } from './auth/user-tokens';

// --- faults ---
export { FaultController } from './faults/fault-controller';
export type { FailNextOptions } from './faults/fault-controller';
export type { RoutePattern } from './faults/route-pattern';

// --- realtime ---
export { UNACKED_THRESHOLD, ZOMBIE_CLOSE_CODE } from './realtime/session-hub';
export { DEFAULT_TICKET_TTL_MS } from './realtime/ticket-store';

// --- HTTP face ---
export { createMockApp } from './http/create-mock-app';
export type { MockAppOptions } from './http/create-mock-app';
export type { MockAppEnv } from './http/app-env';
export { DEFAULT_ALLOWED_ORIGINS } from './http/cors-policy';
export type { CorsPolicy } from './http/cors-policy';

// --- msw face ---
export { DEFAULT_MSW_BASE_URL, createMockHandlers } from './msw/create-mock-handlers';
export type { MockHandlersOptions, MockKiloChat } from './msw/create-mock-handlers';
export { setupMockKiloChat } from './msw/setup-mock-kilo-chat';
export type { MockKiloChatServer } from './msw/setup-mock-kilo-chat';

// --- seeds, demo bot and event watcher ---
export { DEMO_SANDBOX_ID, applyDemoSeed } from './seed/demo-seed';
export type { DemoSeed } from './seed/demo-seed';
export { startEchoBot } from './seed/echo-bot';
export type { EchoBot, EchoBotOptions } from './seed/echo-bot';
export { watchEvents } from './cli/watch-events';
export type { WatchEventsOptions } from './cli/watch-events';
