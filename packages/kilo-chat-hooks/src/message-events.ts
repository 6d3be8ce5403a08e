/**
 * Pure appliers from a live event or an HTTP response to a message cache.
 * Each takes the cached data (or `undefined` for a cold cache) and returns
 * the new data, or the same object when nothing changed. Only the page that
 * holds the message (and page 0 for inserts) is copied.
 *
 * Rules shared by the created event and the create response (weakness 5 of
 * the reference fixed: the response merges like the event instead of
 * overwriting):
 *
 * - A row that already exists keeps what happened to it locally in the
 *   meantime: an edit (its content and timestamps), a delete, a delivery
 *   failure, reactions and action resolutions. See {@link mergeIncomingMessage}.
 * - A deleted row never shows content: deleting blanks `content` to `[]`, as
 *   the server does (weakness 13).
 */
import type {
  ActionDeliveryFailedEvent,
  ContentBlock,
  CreateMessageResponse,
  ExecuteActionResponse,
  Message,
  MessageCreatedEvent,
  MessageDeletedEvent,
  MessageDeliveryFailedEvent,
  MessageRedeliveredEvent,
  MessageUpdatedEvent,
} from '@kilocode/kilo-chat';
import { jsonEqual } from './json-equal.js';
import { locateMessage } from './message-page-index.js';
import {
  type MessageInfiniteData,
  createEmptyMessageInfiniteData,
  insertMessageIntoNewestPage,
  pendingMessageId,
  removeMessageFromPages,
  replaceMessageAndOrderNewestPage,
  updateMessageInPages,
} from './message-pages.js';

/** The cache row of a freshly created message: flags false, no reactions, never edited. */
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

type ActionsBlock = Extract<ContentBlock, { type: 'actions' }>;

function carryResolutions(incoming: ContentBlock[], cached: ContentBlock[]): ContentBlock[] {
  let result: ContentBlock[] | undefined;
  for (let i = 0; i < incoming.length; i++) {
    const block = incoming[i] as ContentBlock;
    if (block.type !== 'actions' || block.resolved !== undefined) continue;
    const local = cached.find((candidate): candidate is ActionsBlock => candidate.type === 'actions' && candidate.groupId === block.groupId);
    if (!local?.resolved) continue;
    result ??= incoming.slice();
    result[i] = { ...block, resolved: local.resolved };
  }
  return result ?? incoming;
}

/**
 * Merges a server copy of a message (from `message.created` or the create
 * response) into the row already cached under the same id; local state wins:
 *
 * - `content`: the cached content when the row was edited
 *   (`clientUpdatedAt` set); otherwise the incoming content, with any action
 *   resolution the cached row has copied into unresolved groups; `[]` when
 *   deleted;
 * - `updatedAt`, `clientUpdatedAt`: the cached value when set, else the incoming one;
 * - `deleted`, `deliveryFailed`: true when either says so;
 * - `reactions`: the cached ones when there are any, else the incoming ones.
 *
 * @returns `cached` itself when the merge changes nothing.
 */
export function mergeIncomingMessage(cached: Message, incoming: Message): Message {
  const deleted = cached.deleted || incoming.deleted;
  const content = deleted ? [] : cached.clientUpdatedAt !== null ? cached.content : carryResolutions(incoming.content, cached.content);
  const merged: Message = {
    ...incoming,
    content: deleted && cached.content.length === 0 ? cached.content : content,
    updatedAt: cached.updatedAt ?? incoming.updatedAt,
    clientUpdatedAt: cached.clientUpdatedAt ?? incoming.clientUpdatedAt,
    deleted,
    deliveryFailed: cached.deliveryFailed || incoming.deliveryFailed,
    reactions: cached.reactions.length > 0 ? cached.reactions : incoming.reactions,
  };
  return jsonEqual(merged, cached) ? cached : merged;
}

/**
 * Lands a stored message on the cache:
 * 1. `pendingId` names a cached optimistic row: it is replaced by the stored
 *    message (merged into the stored row instead when that is cached too);
 * 2. else a row with the stored id exists: {@link mergeIncomingMessage};
 * 3. else the message is inserted at the head of page 0.
 * Page 0 is re-ordered afterwards. A cold cache is seeded first.
 */
function landStoredMessage<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  incoming: Message,
  pendingId: string | null,
): MessageInfiniteData<TPageParam> {
  const base = old ?? (createEmptyMessageInfiniteData() as unknown as MessageInfiniteData<TPageParam>);
  const pending = pendingId === null ? undefined : locateMessage(base.pages, pendingId);
  const existing = locateMessage(base.pages, incoming.id);
  if (existing) {
    const merged = replaceMessageAndOrderNewestPage(base, incoming.id, (cached) => mergeIncomingMessage(cached, incoming)) ?? base;
    return pending && pendingId !== null ? (removeMessageFromPages(merged, pendingId) ?? merged) : merged;
  }
  if (pending && pendingId !== null) return replaceMessageAndOrderNewestPage(base, pendingId, () => incoming) ?? base;
  return insertMessageIntoNewestPage(base, incoming);
}

/**
 * Applies `message.created`:
 * - with a `clientId` whose `pending-<clientId>` row is cached: that row is
 *   replaced by the server copy (flags false, no reactions, timestamps null);
 * - a row with the same id already cached (a delayed create after an edit,
 *   delete, reaction or resolution): merged, local state wins
 *   ({@link mergeIncomingMessage});
 * - otherwise inserted at the head of the newest page.
 * The newest page is re-ordered afterwards and keeps its `hasMore` and
 * `nextCursor`. A cold cache is seeded with one page holding just this message.
 */
export function applyMessageCreatedEventToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  event: MessageCreatedEvent,
): MessageInfiniteData<TPageParam> {
  const incoming = messageFromCreatedEvent(event);
  return landStoredMessage(old, incoming, event.clientId ? pendingMessageId(event.clientId) : null);
}

/**
 * Applies the response of `sendMessage`: replaces the optimistic row
 * `pendingId` with `response.message`; when the `message.created` echo was
 * first and the row already exists, merges like the event path
 * ({@link mergeIncomingMessage}) so an edit, delete or reaction that arrived
 * in between is kept; otherwise inserts it into the newest page. A cold cache
 * is seeded.
 */
export function applyCreateMessageResponseToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  pendingId: string,
  response: CreateMessageResponse,
): MessageInfiniteData<TPageParam> {
  return landStoredMessage(old, response.message, pendingId);
}

/**
 * The payload of `message.updated`, plus an optional server `updatedAt`
 * (Unix ms). Today's wire carries no `updatedAt` on this event; when a server
 * adds one it is used as the tie breaker.
 */
export type MessageUpdatedEventInput = MessageUpdatedEvent & { updatedAt?: number | null };

/**
 * Applies `message.updated` to a cached row.
 *
 * Ordering: the wire has no server sequence for edits, so this follows the
 * editors' clocks (`clientUpdatedAt`, the timestamp the server accepted with
 * last-writer-wins). An event older than the cached edit is ignored. With
 * equal `clientUpdatedAt`, an `updatedAt` on both sides breaks the tie (the
 * older is ignored). An event with `clientUpdatedAt: null` (an action
 * resolution) keeps the cached `clientUpdatedAt`.
 *
 * Ignored on a cold cache, for an uncached row, and for a deleted row (a late
 * update never brings content back).
 */
export function applyMessageUpdatedEventToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  event: MessageUpdatedEventInput,
): MessageInfiniteData<TPageParam> | undefined {
  return updateMessageInPages(old, event.messageId, (cached) => {
    if (cached.deleted) return cached;
    const incomingStamp = event.clientUpdatedAt;
    const cachedStamp = cached.clientUpdatedAt;
    if (incomingStamp !== null && cachedStamp !== null) {
      if (incomingStamp < cachedStamp) return cached;
      if (incomingStamp === cachedStamp && event.updatedAt != null && cached.updatedAt !== null && event.updatedAt < cached.updatedAt) return cached;
    }
    const updatedAt = event.updatedAt != null && (cached.updatedAt === null || event.updatedAt > cached.updatedAt) ? event.updatedAt : cached.updatedAt;
    const next: Message = {
      ...cached,
      content: event.content,
      clientUpdatedAt: incomingStamp ?? cachedStamp,
      updatedAt,
    };
    return jsonEqual(next, cached) ? cached : next;
  });
}

/** The deleted form of a row: `deleted: true` and no content (what the server returns for it). */
export function deletedMessage(message: Message): Message {
  if (message.deleted && message.content.length === 0) return message;
  return { ...message, deleted: true, content: [] };
}

/** Applies `message.deleted`: the row stays, marked deleted, with its content blanked. Ignored when not cached. */
export function applyMessageDeletedEventToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  event: MessageDeletedEvent,
): MessageInfiniteData<TPageParam> | undefined {
  return updateMessageInPages(old, event.messageId, deletedMessage);
}

function withDeliveryFailed(flag: boolean) {
  return (message: Message): Message => (message.deliveryFailed === flag ? message : { ...message, deliveryFailed: flag });
}

/** Applies `message.delivery_failed`: sets `deliveryFailed`. Ignored when not cached. */
export function applyMessageDeliveryFailedEventToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  event: MessageDeliveryFailedEvent,
): MessageInfiniteData<TPageParam> | undefined {
  return updateMessageInPages(old, event.messageId, withDeliveryFailed(true));
}

/** Applies `message.redelivered` (and a successful redeliver): clears `deliveryFailed`. Ignored when not cached. */
export function applyMessageRedeliveredEventToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  event: MessageRedeliveredEvent,
): MessageInfiniteData<TPageParam> | undefined {
  return updateMessageInPages(old, event.messageId, withDeliveryFailed(false));
}

/** @internal Returns `message` with `update` applied to the actions block `groupId` (same object when unchanged). */
export function updateActionsGroup(message: Message, groupId: string, update: (block: ActionsBlock) => ActionsBlock): Message {
  let changed = false;
  const content = message.content.map((block) => {
    if (block.type !== 'actions' || block.groupId !== groupId) return block;
    const next = update(block);
    if (next !== block) changed = true;
    return next;
  });
  return changed ? { ...message, content } : message;
}

/**
 * Applies `action.delivery_failed`: the bot never got the answer and the
 * server reverted it, so the `resolved` of that actions group is removed
 * (which also rolls back an optimistic approval). Ignored when not cached.
 */
export function applyActionDeliveryFailedEventToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  event: ActionDeliveryFailedEvent,
): MessageInfiniteData<TPageParam> | undefined {
  return updateMessageInPages(old, event.messageId, (message) =>
    updateActionsGroup(message, event.groupId, (block) => {
      if (block.resolved === undefined) return block;
      const { resolved: _resolved, ...rest } = block;
      return rest;
    }),
  );
}

/**
 * Applies the response of `executeAction`: the row's content becomes the
 * server's (`response.content`). Ignored when the row is not cached or deleted.
 */
export function applyExecuteActionResponseToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  response: ExecuteActionResponse,
): MessageInfiniteData<TPageParam> | undefined {
  return updateMessageInPages(old, response.messageId, (message) => {
    if (message.deleted || jsonEqual(message.content, response.content)) return message;
    return { ...message, content: response.content };
  });
}

/**
 * Puts an optimistic row (`pending-<clientId>`) at the newest position of
 * page 0, seeding a cold cache. A row with the same id (a retried send) is
 * replaced in place.
 */
export function applyOptimisticMessageToPages<TPageParam>(
  old: MessageInfiniteData<TPageParam> | undefined,
  message: Message,
): MessageInfiniteData<TPageParam> {
  if (old && locateMessage(old.pages, message.id)) return replaceMessageAndOrderNewestPage(old, message.id, () => message) ?? old;
  return insertMessageIntoNewestPage(old, message);
}
