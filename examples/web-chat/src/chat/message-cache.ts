/**
 * Pure updates of one conversation's message history as TanStack Query keeps
 * it: an infinite query whose pages are `MessageListResponse`s, newest page
 * first and newest message first within a page (the server's order).
 * Every function returns the same object when nothing changed, and never
 * creates a second row for one message id: that is what keeps a message from
 * showing twice when its event, the send response and a resync refetch all
 * bring it.
 */
import type { InfiniteData } from '@tanstack/react-query';
import type { ContentBlock, Message, MessageCreatedEvent, MessageListResponse, ReactionSummary } from '@kilocode/kilo-chat';

export type MessagePages = InfiniteData<MessageListResponse, string | undefined>;

export function messageFromCreatedEvent(event: MessageCreatedEvent): Message {
  return {
    id: event.messageId,
    senderId: event.senderId,
    content: event.content,
    inReplyToMessageId: event.inReplyToMessageId,
    replyTo: event.replyTo,
    updatedAt: null,
    clientUpdatedAt: null,
    deleted: false,
    deliveryFailed: false,
    reactions: [],
  };
}

/** Applies `update` to the row with `id`; the same data when there is no such row or nothing changed. */
export function updateMessage(data: MessagePages | undefined, id: string, update: (message: Message) => Message): MessagePages | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const index = page.messages.findIndex((message) => message.id === id);
    if (index < 0) return page;
    const current = page.messages[index]!;
    const next = update(current);
    if (next === current) return page;
    changed = true;
    const messages = page.messages.slice();
    messages[index] = next;
    return { ...page, messages };
  });
  return changed ? { ...data, pages } : data;
}

/**
 * Adds a message the server committed (from its event or a send response),
 * or merges it into the row that already has its id: the cached row keeps a
 * delete, an edit or reactions that arrived first.
 */
export function upsertMessage(data: MessagePages | undefined, message: Message): MessagePages | undefined {
  if (!data || data.pages.length === 0) return data;
  const exists = data.pages.some((page) => page.messages.some((row) => row.id === message.id));
  if (exists) {
    return updateMessage(data, message.id, (row) =>
      row.deleted || row.updatedAt !== null || row.reactions.length > 0 ? row : { ...message, deliveryFailed: row.deliveryFailed || message.deliveryFailed },
    );
  }
  const [first, ...rest] = data.pages;
  const messages = first!.messages.slice();
  // Newest first: ULIDs sort by time, so find the first older row.
  let index = messages.findIndex((row) => row.id < message.id);
  if (index < 0) index = messages.length;
  messages.splice(index, 0, message);
  return { ...data, pages: [{ ...first!, messages }, ...rest] };
}

export function setMessageContent(data: MessagePages | undefined, id: string, content: ContentBlock[], clientUpdatedAt: number | null): MessagePages | undefined {
  return updateMessage(data, id, (row) => {
    if (clientUpdatedAt !== null && row.clientUpdatedAt !== null && row.clientUpdatedAt > clientUpdatedAt) return row;
    return { ...row, content, clientUpdatedAt: clientUpdatedAt ?? row.clientUpdatedAt, updatedAt: Date.now() };
  });
}

export function markMessageDeleted(data: MessagePages | undefined, id: string): MessagePages | undefined {
  return updateMessage(data, id, (row) => (row.deleted ? row : { ...row, deleted: true, content: [], reactions: [] }));
}

export function setDeliveryFailed(data: MessagePages | undefined, id: string, failed: boolean): MessagePages | undefined {
  return updateMessage(data, id, (row) => (row.deliveryFailed === failed ? row : { ...row, deliveryFailed: failed }));
}

/** Adds or removes one member's reaction, idempotently (an event may repeat what the response already did). */
export function applyReaction(reactions: ReactionSummary[], emoji: string, memberId: string, added: boolean): ReactionSummary[] {
  const index = reactions.findIndex((reaction) => reaction.emoji === emoji);
  const current = index >= 0 ? reactions[index]! : null;
  const has = current?.memberIds.includes(memberId) ?? false;
  if (added === has) return reactions;
  const next = reactions.slice();
  if (added) {
    const memberIds = [...(current?.memberIds ?? []), memberId];
    const summary = { emoji, count: memberIds.length, memberIds };
    if (index >= 0) next[index] = summary;
    else next.push(summary);
  } else {
    const memberIds = current!.memberIds.filter((id) => id !== memberId);
    if (memberIds.length === 0) next.splice(index, 1);
    else next[index] = { emoji, count: memberIds.length, memberIds };
  }
  return next;
}

export function applyReactionToPages(
  data: MessagePages | undefined,
  messageId: string,
  emoji: string,
  memberId: string,
  added: boolean,
): MessagePages | undefined {
  return updateMessage(data, messageId, (row) => {
    const reactions = applyReaction(row.reactions, emoji, memberId, added);
    return reactions === row.reactions ? row : { ...row, reactions };
  });
}

/**
 * Every cached message, oldest first (the order they are shown in). Pages
 * come from `before` cursors and each is sorted newest first, so ids only
 * grow on this walk: a row whose id is not above the last one is a repeat
 * (pages overlapping after a refetch) and is skipped, without a set of
 * 10,000 ids per render.
 */
export function messagesOldestFirst(data: MessagePages | undefined): Message[] {
  if (!data) return [];
  const all: Message[] = [];
  let last = '';
  for (let p = data.pages.length - 1; p >= 0; p--) {
    const page = data.pages[p]!.messages;
    for (let i = page.length - 1; i >= 0; i--) {
      const message = page[i]!;
      if (message.id <= last) continue;
      last = message.id;
      all.push(message);
    }
  }
  return all;
}
