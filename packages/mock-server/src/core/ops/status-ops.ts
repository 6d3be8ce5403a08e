import { kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import { botIdForSandbox } from '../bot-identity.js';
import type { Caller } from '../caller.js';
import type { ChatState } from '../chat-state.js';
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

function requireOwner(state: ChatState, caller: Caller, sandboxId: string): void {
  const ownerId = state.ownerOf(sandboxId);
  if (!ownerId) throw new CoreError(404, 'sandbox_not_found');
  if (caller.kind !== 'user' || ownerId !== caller.id) throw new CoreError(403, 'forbidden');
}

function pushBotStatus(state: ChatState, sandboxId: string, payload: Record<string, unknown>): void {
  const ownerId = state.ownerOf(sandboxId);
  if (!ownerId) return;
  state.events.push(ownerId, kiloclawInstanceContext(sandboxId), 'bot.status', { sandboxId, ...payload });
}

/** H19. */
export function getBotStatus(state: ChatState, caller: Caller, sandboxId: string): { status: BotStatus | null } {
  requireOwner(state, caller, sandboxId);
  return { status: state.statuses.bot(sandboxId) };
}

/**
 * H20. Answers the stored record; asks the bot by webhook unless that record
 * is fresh. A bot that definitely cannot be reached is stored and pushed as
 * offline.
 */
export function requestBotStatus(state: ChatState, caller: Caller, sandboxId: string) {
  requireOwner(state, caller, sandboxId);
  const cached = state.statuses.bot(sandboxId);
  const fresh = cached !== null && state.clock.now() - cached.updatedAt < state.botStatusFreshnessMs;
  if (!fresh) {
    void state.webhooks.sendOnce(botIdForSandbox(sandboxId), { type: 'bot.status_request' }).then((result) => {
      if (result !== 'definitive_failure') return;
      const at = state.clock.now();
      state.apply({ type: 'status.bot', sandboxId, online: false, at, updatedAt: at });
      pushBotStatus(state, sandboxId, { online: false, at });
    });
  }
  return { ok: true as const, cached };
}

/** H21. Only user members may read it. */
export function getConversationStatus(state: ChatState, caller: Caller, conversationId: string) {
  const conversation = state.conversations.get(conversationId.toUpperCase());
  if (!conversation || conversation.sandboxId === null) throw new CoreError(404, 'conversation_not_found');
  if (caller.kind !== 'user' || !conversation.isActive(caller.id)) throw new CoreError(403, 'forbidden');
  return { status: state.statuses.conversation(conversation.id) };
}

/** B13. Stored monotonically on `at`; always pushed to the owner. */
export function setBotStatus(state: ChatState, sandboxId: string, input: BotStatusInput) {
  const capabilities = input.capabilities === undefined ? undefined : filterCapabilities(input.capabilities);
  state.apply({
    type: 'status.bot',
    sandboxId,
    online: input.online,
    at: input.at,
    ...(capabilities ? { capabilities } : {}),
    updatedAt: state.clock.now(),
  });
  pushBotStatus(state, sandboxId, { online: input.online, at: input.at, ...(capabilities ? { capabilities } : {}) });
  return { ok: true as const };
}

/** B14. The conversation must belong to the calling bot's sandbox. */
export function setConversationStatus(state: ChatState, sandboxId: string, conversationId: string, input: ConversationStatusInput) {
  const conversation = state.conversations.get(conversationId.toUpperCase());
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
  state.apply({ type: 'status.conversation', status: { ...record, updatedAt: state.clock.now() } });
  const ownerId = state.ownerOf(sandboxId);
  if (ownerId) state.events.push(ownerId, kiloclawConversationContext(sandboxId, conversation.id), 'conversation.status', record);
  return { ok: true as const };
}
