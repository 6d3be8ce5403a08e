import { assertContext, assertSegment } from './context-validation.js';
import { EventServiceError } from './event-service-error.js';
import { kiloclawConversationContext, kiloclawInstanceContext } from './kiloclaw-contexts.js';

/** The app surfaces with a platform presence context. */
export type Platform = 'app' | 'web';

/** `/presence/app` while the mobile app is foregrounded, `/presence/web` while a web tab is visible. */
export function presenceContextForPlatform<P extends Platform>(platform: P): `/presence/${P}` {
  if (platform !== 'app' && platform !== 'web') {
    throw new EventServiceError('invalid_context', 'Invalid platform: expected "app" or "web"');
  }
  return `/presence/${platform}` as const;
}

/** `/presence/kiloclaw/<sandboxId>`: the user is looking at that instance. */
export function presenceContextForInstance<S extends string>(sandboxId: S): `/presence/kiloclaw/${S}` {
  return `/presence${kiloclawInstanceContext(sandboxId)}` as const;
}

/**
 * `/presence/kiloclaw/<sandboxId>/<conversationId>`: the user is looking at that
 * conversation. Kilo Chat suppresses pushes for a conversation while its
 * recipient holds this context.
 */
export function presenceContextForConversation<S extends string, C extends string>(
  sandboxId: S,
  conversationId: C,
): `/presence/kiloclaw/${S}/${C}` {
  return assertContext(`/presence${kiloclawConversationContext(sandboxId, conversationId)}` as const);
}

/** `/presence/agent-session/<cliSessionId>`: the user is viewing that agent session (newer spelling). */
export function presenceContextForAgentSession<I extends string>(cliSessionId: I): `/presence/agent-session/${I}` {
  assertSegment('cliSessionId', cliSessionId);
  return assertContext(`/presence/agent-session/${cliSessionId}` as const);
}

/**
 * `/presence/cli-session/<cliSessionId>`: the older spelling of
 * {@link presenceContextForAgentSession}. Both exist in the field and matching
 * is exact, so producer and subscriber must use the same one.
 */
export function presenceContextForCliSession<I extends string>(cliSessionId: I): `/presence/cli-session/${I}` {
  assertSegment('cliSessionId', cliSessionId);
  return assertContext(`/presence/cli-session/${cliSessionId}` as const);
}
