import type { CreateMessageResponse } from '@kilocode/kilo-chat';
import type { Role, ScenarioContext } from '../scenario-context.js';

/** @internal Sends a one-block text message as a role. */
export function sendText(
  ctx: ScenarioContext,
  conversationId: string,
  text: string,
  role: Role = 'user',
  extra: { inReplyToMessageId?: string; clientId?: string } = {},
): Promise<CreateMessageResponse> {
  return ctx.chat(role).sendMessage({ conversationId, content: [{ type: 'text', text }], ...extra });
}

/** @internal A tiny delay, for ordering-insensitive negative checks only. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
