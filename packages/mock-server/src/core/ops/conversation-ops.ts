import { decodeConversationCursor, encodeConversationCursor } from '@kilocode/kilo-chat/schemas';
import { botIdForSandbox } from '../bot-identity.js';
import type { Caller } from '../caller.js';
import type { ChatState } from '../chat-state.js';
import type { WireListItem, WireMember } from '../wire-types.js';
import type { ConversationRecord } from '../conversation.js';
import { CoreError } from '../core-error.js';
import { newUlid } from '../ids.js';
import { type ListRow, listSortKey } from '../membership-lists.js';

/** Body of H1. */
export interface CreateConversationInput {
  sandboxId: string;
  title?: string | undefined;
}

/** Body of B12. */
export interface CreateBotConversationInput {
  title?: string | undefined;
  additionalMembers?: string[] | undefined;
}

/** Query of H2 / B11. */
export interface ListConversationsInput {
  limit: number;
  cursor?: string | undefined;
  sandboxId?: string | undefined;
}

/** Response of H1 / B12. */
export interface CreateConversationResult {
  conversationId: string;
  conversation: WireListItem;
}

function openConversation(state: ChatState, createdBy: string, title: string | null, memberIds: string[]): ConversationRecord {
  const id = newUlid(state.clock);
  state.apply({ type: 'conversation.create', id, title, createdBy, createdAt: state.clock.now(), memberIds });
  return state.conversations.get(id) as ConversationRecord;
}

function announceCreated(state: ChatState, conversation: ConversationRecord): void {
  for (const userId of conversation.activeHumans()) {
    const row = state.lists.get(userId, conversation.id);
    if (!row) continue;
    state.pushToInstance(
      conversation,
      'conversation.created',
      { conversationId: conversation.id, conversation: state.toWireListItem(row) },
      [userId],
    );
  }
}

/** H1. Only the sandbox owner may create; members are the creator and the sandbox's bot. */
export function createConversation(state: ChatState, caller: Caller, input: CreateConversationInput): CreateConversationResult {
  if (caller.kind !== 'user') throw new CoreError(403, 'Only users can create conversations');
  if (state.ownerOf(input.sandboxId) !== caller.id) throw new CoreError(403, 'You do not have access to this sandbox');
  const conversation = openConversation(state, caller.id, input.title ?? null, [caller.id, botIdForSandbox(input.sandboxId)]);
  announceCreated(state, conversation);
  const row = state.lists.get(caller.id, conversation.id) as ListRow;
  return { conversationId: conversation.id, conversation: state.toWireListItem(row) };
}

/** B12. Members are the sandbox owner and the bot; extra members are refused. */
export function createBotConversation(state: ChatState, sandboxId: string, input: CreateBotConversationInput): CreateConversationResult {
  const extra = input.additionalMembers ?? [];
  if (extra.length > 0) {
    throw new CoreError(400, 'Bot-created conversations do not support additionalMembers', { invalidMembers: extra });
  }
  const ownerId = state.ownerOf(sandboxId);
  if (!ownerId) throw new CoreError(404, 'Sandbox owner not found');
  const botId = botIdForSandbox(sandboxId);
  const conversation = openConversation(state, botId, input.title ?? null, [ownerId, botId]);
  announceCreated(state, conversation);
  const row = state.lists.get(botId, conversation.id) as ListRow;
  return { conversationId: conversation.id, conversation: state.toWireListItem(row) };
}

function page(state: ChatState, memberId: string, input: ListConversationsInput, sandboxId: string | undefined) {
  let startAfter: { t: number; c: string } | null = null;
  if (input.cursor !== undefined) {
    startAfter = decodeConversationCursor(input.cursor);
    if (!startAfter) throw new CoreError(400, 'Invalid cursor');
  }
  let rows = state.lists.sorted(memberId);
  if (sandboxId !== undefined) rows = rows.filter((r) => r.sandboxId === sandboxId);
  if (startAfter) {
    const t = startAfter.t;
    const c = startAfter.c.toUpperCase();
    rows = rows.filter((r) => {
      const key = listSortKey(r);
      return key < t || (key === t && r.conversationId < c);
    });
  }
  const pageRows = rows.slice(0, input.limit);
  const hasMore = rows.length > input.limit;
  const last = pageRows[pageRows.length - 1];
  const nextCursor = hasMore && last ? encodeConversationCursor({ t: listSortKey(last), c: last.conversationId }) : null;
  return { rows: pageRows, hasMore, nextCursor };
}

/** H2. Ordered by `lastActivityAt ?? joinedAt` desc, then id desc; strict cursor. */
export function listConversations(state: ChatState, caller: Caller, input: ListConversationsInput) {
  const { rows, hasMore, nextCursor } = page(state, caller.id, input, input.sandboxId);
  return { conversations: rows.map((r) => state.toWireListItem(r)), hasMore, nextCursor };
}

/** B11. The bot's own list with each conversation's active members. */
export function listBotConversations(state: ChatState, sandboxId: string, input: ListConversationsInput) {
  const botId = botIdForSandbox(sandboxId);
  const { rows, hasMore, nextCursor } = page(state, botId, input, sandboxId);
  return {
    conversations: rows.map((r) => {
      const conversation = state.conversations.get(r.conversationId);
      return {
        conversationId: r.conversationId,
        title: r.title,
        lastActivityAt: r.lastActivityAt,
        members: conversation ? state.wireMembers(conversation) : [],
      };
    }),
    hasMore,
    nextCursor,
  };
}

/** H3. */
export function getConversation(state: ChatState, caller: Caller, conversationId: string) {
  const conversation = state.memberConversation(caller, conversationId);
  return {
    id: conversation.id,
    title: conversation.title,
    createdBy: conversation.createdBy,
    createdAt: conversation.createdAt,
    members: state.wireMembers(conversation),
  };
}

/** B9. */
export function getMembers(state: ChatState, caller: Caller, conversationId: string): { members: WireMember[] } {
  const conversation = state.memberConversation(caller, conversationId);
  return { members: state.wireMembers(conversation) };
}

/** Sets the title everywhere it is copied and tells the humans. */
export function applyTitle(state: ChatState, conversation: ConversationRecord, title: string): void {
  state.apply({ type: 'conversation.title', conversationId: conversation.id, title });
  state.pushToInstance(conversation, 'conversation.renamed', { conversationId: conversation.id, title });
}

/** H4 / B10. Any active member may rename. */
export function renameConversation(state: ChatState, caller: Caller, conversationId: string, title: string) {
  const conversation = state.memberConversation(caller, conversationId);
  applyTitle(state, conversation, title);
  return { ok: true as const };
}

/** H5. When no human remains, the bots are deactivated too. */
export function leaveConversation(state: ChatState, caller: Caller, conversationId: string) {
  if (caller.kind !== 'user') throw new CoreError(403, 'Only users can leave conversations');
  const conversation = state.memberConversation(caller, conversationId);
  const now = state.clock.now();
  state.apply({ type: 'member.leave', conversationId: conversation.id, memberId: caller.id, at: now });
  if (conversation.activeHumans().length === 0) {
    for (const botId of conversation.activeBots()) {
      state.apply({ type: 'member.leave', conversationId: conversation.id, memberId: botId, at: now });
    }
  }
  state.pushToInstance(conversation, 'conversation.left', { conversationId: conversation.id }, [caller.id]);
  return { ok: true as const };
}

/** H15 / H16 / B4 / B5. */
export function typing(state: ChatState, caller: Caller, conversationId: string, stop: boolean) {
  const conversation = state.memberConversation(caller, conversationId);
  state.pushToConversation(conversation, stop ? 'typing.stop' : 'typing', { memberId: caller.id });
  if (stop && caller.kind === 'bot') state.notifier.botTypingStopped(conversation.id, caller.id);
  return { ok: true as const };
}
