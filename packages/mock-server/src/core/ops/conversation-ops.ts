import { decodeConversationCursor, encodeConversationCursor } from '@kilocode/kilo-chat/schemas';
import { botIdForSandbox } from '../bot-identity.js';
import type { Caller } from '../caller.js';
import type { ChatCore, WireListItem, WireMember } from '../chat-core.js';
import { ConversationRecord } from '../conversation.js';
import { CoreError } from '../core-error.js';
import { createMonotonicIds, newUlid } from '../ids.js';
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

function openConversation(core: ChatCore, createdBy: string, title: string | null, memberIds: string[]): ConversationRecord {
  const now = core.clock.now();
  const conversation = new ConversationRecord({
    id: newUlid(core.clock),
    title,
    createdBy,
    createdAt: now,
    nextId: createMonotonicIds(core.clock),
  });
  for (const id of memberIds) conversation.addMember(id, now);
  core.conversations.set(conversation.id, conversation);
  for (const id of memberIds) {
    core.lists.put(id, {
      conversationId: conversation.id,
      sandboxId: conversation.sandboxId,
      title,
      lastActivityAt: null,
      lastReadAt: null,
      joinedAt: now,
    });
  }
  return conversation;
}

function announceCreated(core: ChatCore, conversation: ConversationRecord): void {
  for (const userId of conversation.activeHumans()) {
    const row = core.lists.get(userId, conversation.id);
    if (!row) continue;
    core.pushToInstance(
      conversation,
      'conversation.created',
      { conversationId: conversation.id, conversation: core.toWireListItem(row) },
      [userId],
    );
  }
}

/** H1. Only the sandbox owner may create; members are the creator and the sandbox's bot. */
export function createConversation(core: ChatCore, caller: Caller, input: CreateConversationInput): CreateConversationResult {
  if (caller.kind !== 'user') throw new CoreError(403, 'Only users can create conversations');
  if (core.ownerOf(input.sandboxId) !== caller.id) throw new CoreError(403, 'You do not have access to this sandbox');
  const conversation = openConversation(core, caller.id, input.title ?? null, [caller.id, botIdForSandbox(input.sandboxId)]);
  announceCreated(core, conversation);
  const row = core.lists.get(caller.id, conversation.id) as ListRow;
  return { conversationId: conversation.id, conversation: core.toWireListItem(row) };
}

/** B12. Members are the sandbox owner and the bot; extra members are refused. */
export function createBotConversation(core: ChatCore, sandboxId: string, input: CreateBotConversationInput): CreateConversationResult {
  const extra = input.additionalMembers ?? [];
  if (extra.length > 0) {
    throw new CoreError(400, 'Bot-created conversations do not support additionalMembers', { invalidMembers: extra });
  }
  const ownerId = core.ownerOf(sandboxId);
  if (!ownerId) throw new CoreError(404, 'Sandbox owner not found');
  const botId = botIdForSandbox(sandboxId);
  const conversation = openConversation(core, botId, input.title ?? null, [ownerId, botId]);
  announceCreated(core, conversation);
  const row = core.lists.get(botId, conversation.id) as ListRow;
  return { conversationId: conversation.id, conversation: core.toWireListItem(row) };
}

function page(core: ChatCore, memberId: string, input: ListConversationsInput, sandboxId: string | undefined) {
  let startAfter: { t: number; c: string } | null = null;
  if (input.cursor !== undefined) {
    startAfter = decodeConversationCursor(input.cursor);
    if (!startAfter) throw new CoreError(400, 'Invalid cursor');
  }
  let rows = core.lists.sorted(memberId);
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
export function listConversations(core: ChatCore, caller: Caller, input: ListConversationsInput) {
  const { rows, hasMore, nextCursor } = page(core, caller.id, input, input.sandboxId);
  return { conversations: rows.map((r) => core.toWireListItem(r)), hasMore, nextCursor };
}

/** B11. The bot's own list with each conversation's active members. */
export function listBotConversations(core: ChatCore, sandboxId: string, input: ListConversationsInput) {
  const botId = botIdForSandbox(sandboxId);
  const { rows, hasMore, nextCursor } = page(core, botId, input, sandboxId);
  return {
    conversations: rows.map((r) => {
      const conversation = core.conversations.get(r.conversationId);
      return {
        conversationId: r.conversationId,
        title: r.title,
        lastActivityAt: r.lastActivityAt,
        members: conversation ? core.wireMembers(conversation) : [],
      };
    }),
    hasMore,
    nextCursor,
  };
}

/** H3. */
export function getConversation(core: ChatCore, caller: Caller, conversationId: string) {
  const conversation = core.memberConversation(caller, conversationId);
  return {
    id: conversation.id,
    title: conversation.title,
    createdBy: conversation.createdBy,
    createdAt: conversation.createdAt,
    members: core.wireMembers(conversation),
  };
}

/** B9. */
export function getMembers(core: ChatCore, caller: Caller, conversationId: string): { members: WireMember[] } {
  const conversation = core.memberConversation(caller, conversationId);
  return { members: core.wireMembers(conversation) };
}

/** Sets the title everywhere it is copied and tells the humans. */
export function applyTitle(core: ChatCore, conversation: ConversationRecord, title: string): void {
  conversation.title = title;
  for (const member of conversation.activeMembers()) core.lists.setTitle(member.id, conversation.id, title);
  core.pushToInstance(conversation, 'conversation.renamed', { conversationId: conversation.id, title });
}

/** H4 / B10. Any active member may rename. */
export function renameConversation(core: ChatCore, caller: Caller, conversationId: string, title: string) {
  const conversation = core.memberConversation(caller, conversationId);
  applyTitle(core, conversation, title);
  return { ok: true as const };
}

/** H5. When no human remains, the bots are deactivated too. */
export function leaveConversation(core: ChatCore, caller: Caller, conversationId: string) {
  if (caller.kind !== 'user') throw new CoreError(403, 'Only users can leave conversations');
  const conversation = core.memberConversation(caller, conversationId);
  const now = core.clock.now();
  const member = conversation.members.get(caller.id);
  if (member) member.leftAt = now;
  core.lists.remove(caller.id, conversation.id);
  if (conversation.activeHumans().length === 0) {
    for (const botId of conversation.activeBots()) {
      const bot = conversation.members.get(botId);
      if (bot) bot.leftAt = now;
      core.lists.remove(botId, conversation.id);
    }
  }
  core.pushToInstance(conversation, 'conversation.left', { conversationId: conversation.id }, [caller.id]);
  return { ok: true as const };
}

/** H15 / H16 / B4 / B5. */
export function typing(core: ChatCore, caller: Caller, conversationId: string, stop: boolean) {
  const conversation = core.memberConversation(caller, conversationId);
  core.pushToConversation(conversation, stop ? 'typing.stop' : 'typing', { memberId: caller.id });
  if (stop && caller.kind === 'bot') core.notifier.botTypingStopped(conversation.id, caller.id);
  return { ok: true as const };
}
