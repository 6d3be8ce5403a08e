import { BOT_MEMBER_ID_PREFIX } from '../schemas/conversation.js';

/**
 * The sandbox a conversation belongs to: the part after `bot:kiloclaw:` in
 * the id of its first `bot` member with that prefix. Null when there is no
 * such member or the suffix is empty (then no events or webhooks flow).
 */
export function conversationSandboxIdFromMembers(
  members: ReadonlyArray<{ readonly id: string; readonly kind: string }>,
): string | null {
  const bot = members.find((member) => member.kind === 'bot' && member.id.startsWith(BOT_MEMBER_ID_PREFIX));
  if (bot === undefined) return null;
  const sandboxId = bot.id.slice(BOT_MEMBER_ID_PREFIX.length);
  return sandboxId === '' ? null : sandboxId;
}
