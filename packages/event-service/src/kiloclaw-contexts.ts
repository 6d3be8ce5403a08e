import { assertContext, assertSandboxId, assertSegment } from './context-validation.js';

/**
 * The instance context a Kilo Chat app subscribes to for conversation-list
 * events, `bot.status` and read markers: `/kiloclaw/<sandboxId>`.
 *
 * @throws EventServiceError `invalid_context` when `sandboxId` is not 1–64 of `[A-Za-z0-9_-]`.
 */
export function kiloclawInstanceContext<S extends string>(sandboxId: S): `/kiloclaw/${S}` {
  assertSandboxId(sandboxId);
  return `/kiloclaw/${sandboxId}` as const;
}

/**
 * The conversation context for messages, typing, reactions and
 * `conversation.status`: `/kiloclaw/<sandboxId>/<conversationId>`.
 *
 * @throws EventServiceError `invalid_context` on an invalid sandbox id, an empty
 * conversation id or one containing `/`, or a result over 256 characters.
 */
export function kiloclawConversationContext<S extends string, C extends string>(
  sandboxId: S,
  conversationId: C,
): `/kiloclaw/${S}/${C}` {
  assertSandboxId(sandboxId);
  assertSegment('conversationId', conversationId);
  return assertContext(`/kiloclaw/${sandboxId}/${conversationId}` as const);
}
