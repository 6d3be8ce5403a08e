import { presenceContextForConversation } from '@kilocode/event-service';
import { assertConversationId, assertSandboxId } from './identifiers.js';
import type { PushData } from './push-data.js';

/**
 * The presence context that suppresses a chat push for one conversation:
 * `/presence/kiloclaw/<sandboxId>/<conversationId>`, built by
 * `presenceContextForConversation` of `@kilocode/event-service`.
 *
 * A recipient whose app holds this context (the conversation is on screen)
 * gets no push and no badge increment for messages in it. Pass the result as
 * `presenceContext` of a `dispatchPush` call.
 *
 * @throws NotificationsError `invalid_sandbox_id` or `invalid_conversation_id`
 * (checked before the context is built, so the ids match the badge bucket grammar).
 */
export function pushSuppressionContextForConversation<S extends string, C extends string>(
  sandboxId: S,
  conversationId: C,
): `/presence/kiloclaw/${S}/${C}` {
  assertSandboxId(sandboxId);
  assertConversationId(conversationId);
  return presenceContextForConversation(sandboxId, conversationId);
}

/**
 * The presence context that suppresses a push carrying `data`, or `null` when
 * that kind of push is never suppressed by presence. Only `chat.message`
 * pushes are: by the conversation they belong to.
 *
 * @throws NotificationsError when a `chat.message` carries an invalid sandbox or conversation id.
 */
export function pushSuppressionContextForPushData(data: PushData): string | null {
  if (data.type === 'chat.message') {
    return pushSuppressionContextForConversation(data.sandboxId, data.conversationId);
  }
  return null;
}
