import { kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import { botIdForSandbox } from '../bot-identity.js';
import type { Caller } from '../caller.js';
import type { ChatCore } from '../chat-core.js';
import { CoreError } from '../core-error.js';
import { type BotStatus, filterCapabilities } from '../status-store.js';

/** Body of B13 (capabilities unfiltered). */
export interface BotStatusInput {
  online: boolean;
  at: number;
  capabilities?: readonly unknown[] | undefined;
}

/** Body of B14. */
export interface ConversationStatusInput {
  contextTokens: number;
  contextWindow: number;
  model: string | null;
  provider: string | null;
  at: number;
}

function requireOwner(core: ChatCore, caller: Caller, sandboxId: string): void {
  const ownerId = core.ownerOf(sandboxId);
  if (!ownerId) throw new CoreError(404, 'sandbox_not_found');
  if (caller.kind !== 'user' || ownerId !== caller.id) throw new CoreError(403, 'forbidden');
}

function pushBotStatus(core: ChatCore, sandboxId: string, payload: Record<string, unknown>): void {
  const ownerId = core.ownerOf(sandboxId);
  if (!ownerId) return;
  core.events.push(ownerId, kiloclawInstanceContext(sandboxId), 'bot.status', { sandboxId, ...payload });
}

/** H19. */
export function getBotStatus(core: ChatCore, caller: Caller, sandboxId: string): { status: BotStatus | null } {
  requireOwner(core, caller, sandboxId);
  return { status: core.statuses.bot(sandboxId) };
}

/**
 * H20. Answers the stored record; asks the bot by webhook unless that record
 * is fresh. A bot that definitely cannot be reached is stored and pushed as
 * offline.
 */
export function requestBotStatus(core: ChatCore, caller: Caller, sandboxId: string) {
  requireOwner(core, caller, sandboxId);
  const cached = core.statuses.bot(sandboxId);
  const fresh = cached !== null && core.clock.now() - cached.updatedAt < core.botStatusFreshnessMs;
  if (!fresh) {
    void core.webhooks.sendOnce(botIdForSandbox(sandboxId), { type: 'bot.status_request' }).then((result) => {
      if (result !== 'definitive_failure') return;
      const at = core.clock.now();
      core.statuses.upsertBot(sandboxId, { online: false, at }, at);
      pushBotStatus(core, sandboxId, { online: false, at });
    });
  }
  return { ok: true as const, cached };
}

/** H21. Only user members may read it. */
export function getConversationStatus(core: ChatCore, caller: Caller, conversationId: string) {
  const conversation = core.conversations.get(conversationId.toUpperCase());
  if (!conversation || conversation.sandboxId === null) throw new CoreError(404, 'conversation_not_found');
  if (caller.kind !== 'user' || !conversation.isActive(caller.id)) throw new CoreError(403, 'forbidden');
  return { status: core.statuses.conversation(conversation.id) };
}

/** B13. Stored monotonically on `at`; always pushed to the owner. */
export function setBotStatus(core: ChatCore, sandboxId: string, input: BotStatusInput) {
  const capabilities = input.capabilities === undefined ? undefined : filterCapabilities(input.capabilities);
  core.statuses.upsertBot(sandboxId, { online: input.online, at: input.at, ...(capabilities ? { capabilities } : {}) }, core.clock.now());
  pushBotStatus(core, sandboxId, { online: input.online, at: input.at, ...(capabilities ? { capabilities } : {}) });
  return { ok: true as const };
}

/** B14. The conversation must belong to the calling bot's sandbox. */
export function setConversationStatus(core: ChatCore, sandboxId: string, conversationId: string, input: ConversationStatusInput) {
  const conversation = core.conversations.get(conversationId.toUpperCase());
  if (!conversation) throw new CoreError(404, 'Unknown conversation');
  if (conversation.sandboxId !== sandboxId) throw new CoreError(403, 'Conversation does not belong to this sandbox');
  const record = {
    conversationId: conversation.id,
    contextTokens: input.contextTokens,
    contextWindow: input.contextWindow,
    model: input.model,
    provider: input.provider,
    at: input.at,
  };
  core.statuses.upsertConversation(record, core.clock.now());
  const ownerId = core.ownerOf(sandboxId);
  if (ownerId) core.events.push(ownerId, kiloclawConversationContext(sandboxId, conversation.id), 'conversation.status', record);
  return { ok: true as const };
}
