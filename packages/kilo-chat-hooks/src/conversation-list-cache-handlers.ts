/**
 * Live event → conversation-list cache. A plain function (no React): call it
 * in an effect, or use `useConversationListCache`.
 */
import { kiloclawInstanceContext, type EventServiceClient } from '@kilocode/event-service';
import type { ConversationDetailResponse, KiloChatClient } from '@kilocode/kilo-chat';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import {
  applyConversationActivityToPages,
  applyConversationCreatedToPages,
  applyConversationReadToPages,
  filterConversationPages,
  shouldApplyConversationRead,
  updateConversationPages,
  type ConversationListInfiniteData,
  type ConversationPagesPatch,
} from './conversation-pages.js';
import { conversationKey, messagesKey } from './query-keys.js';
import { forgetLeftConversation } from './leave-conversation-cache.js';
import { refetchIfFetching } from './refetch-if-fetching.js';

/** A value, or a function read each time the value is needed (so a caller can change it without re-registering). */
export type ValueOrGetter<T> = T | (() => T);

/** The conversation events the list handlers listen to. */
export type ConversationListEventSource = Pick<
  KiloChatClient,
  'onConversationCreated' | 'onConversationRenamed' | 'onConversationLeft' | 'onConversationRead' | 'onConversationActivity'
>;

/** Options of {@link registerConversationListCacheHandlers}. */
export interface ConversationListCacheHandlersOptions {
  /**
   * The conversation whose message view is mounted: its `conversation.activity`
   * does not invalidate its messages (the view receives the messages itself).
   * A function is read at each event. @default null
   */
  activeConversationId?: ValueOrGetter<string | null>;
  /** The signed-in user: only their own `conversation.read` events move a read marker. A function is read at each event. */
  currentUserId: ValueOrGetter<string | null>;
  /** Its `onResync` invalidates the list (events may have been missed). */
  eventService: Pick<EventServiceClient, 'onResync'>;
  /** Source of the conversation events. */
  kiloChatClient: ConversationListEventSource;
  /** The QueryClient holding the list. */
  queryClient: QueryClient;
  /** The list's key, normally `conversationsKey(sandboxId)`. */
  queryKey: QueryKey;
  /**
   * The sandbox whose instance context (`/kiloclaw/<sandboxId>`) events are
   * accepted. With `null`, no event is accepted unless `allSandboxes` is true
   * (a change from the reference, where `null` silently accepted every
   * context: weakness 7).
   */
  sandboxId: string | null;
  /**
   * Only with `sandboxId: null`: accept the events of every sandbox's
   * instance context (for a cross-sandbox list under `conversationsKey(null)`).
   * Ignored when `sandboxId` is a string. @default false
   */
  allSandboxes?: boolean;
}

function read<T>(value: ValueOrGetter<T>): T {
  return typeof value === 'function' ? (value as () => T)() : value;
}

/** True for an instance context `/kiloclaw/<sandboxId>` (one segment after `kiloclaw`). */
function isInstanceContext(context: string): boolean {
  const parts = context.split('/');
  return parts.length === 3 && parts[0] === '' && parts[1] === 'kiloclaw' && parts[2] !== '';
}

/**
 * Keeps a cached conversation list in step with the instance-context events:
 *
 * | event | effect |
 * |---|---|
 * | `conversation.created` | inserts the row at its sorted position; invalidates the list when it does not fit |
 * | `conversation.renamed` | patches the row's title and the cached detail's title; invalidates the detail |
 * | `conversation.left` | removes the row, and drops the conversation's detail and messages caches (weakness 8: as the leave mutation does) |
 * | `conversation.read` | the current user's own marker only, forward only |
 * | `conversation.activity` | invalidates the messages of a conversation other than the active one; patches the row, or invalidates the list when the order changes in an incomplete list |
 * | event-service resync | invalidates the list |
 *
 * Events from other contexts are ignored (see `sandboxId` and
 * `allSandboxes`). It does not subscribe to the context itself: the app (or
 * `useConversationListCache`) does that through the event service.
 *
 * @returns a function removing every handler.
 */
export function registerConversationListCacheHandlers(options: ConversationListCacheHandlersOptions): () => void {
  const { eventService, kiloChatClient, queryClient, queryKey, sandboxId } = options;
  const allSandboxes = sandboxId === null && options.allSandboxes === true;
  const expectedContext = sandboxId === null ? null : kiloclawInstanceContext(sandboxId);
  const accepts = (context: string): boolean => (expectedContext !== null ? context === expectedContext : allSandboxes && isInstanceContext(context));

  const invalidateList = () => void queryClient.invalidateQueries({ queryKey, exact: true });
  const patchList = (apply: (data: ConversationListInfiniteData | undefined) => ConversationPagesPatch): boolean => {
    const data = queryClient.getQueryData<ConversationListInfiniteData>(queryKey);
    const patch = apply(data);
    if (patch.applied && patch.data !== data) {
      queryClient.setQueryData(queryKey, patch.data);
      refetchIfFetching(queryClient, queryKey);
    }
    return patch.applied;
  };

  const offs = [
    kiloChatClient.onConversationCreated((context, event) => {
      if (!accepts(context)) return;
      if (!patchList((data) => applyConversationCreatedToPages(data, event.conversation))) invalidateList();
    }),
    kiloChatClient.onConversationRenamed((context, event) => {
      if (!accepts(context)) return;
      const data = queryClient.getQueryData<ConversationListInfiniteData>(queryKey);
      const next = updateConversationPages(data, (item) =>
        item.conversationId === event.conversationId && item.title !== event.title ? { ...item, title: event.title } : item,
      );
      if (next !== data) {
        queryClient.setQueryData(queryKey, next);
        refetchIfFetching(queryClient, queryKey);
      }
      const detailKey = conversationKey(event.conversationId);
      const detail = queryClient.getQueryData<ConversationDetailResponse>(detailKey);
      if (detail && detail.title !== event.title) queryClient.setQueryData<ConversationDetailResponse>(detailKey, { ...detail, title: event.title });
      void queryClient.invalidateQueries({ queryKey: detailKey, exact: true });
    }),
    kiloChatClient.onConversationLeft((context, event) => {
      if (!accepts(context)) return;
      const data = queryClient.getQueryData<ConversationListInfiniteData>(queryKey);
      const next = filterConversationPages(data, (item) => item.conversationId !== event.conversationId);
      if (next !== data) {
        queryClient.setQueryData(queryKey, next);
        refetchIfFetching(queryClient, queryKey);
      }
      forgetLeftConversation(queryClient, event.conversationId);
    }),
    kiloChatClient.onConversationRead((context, event) => {
      if (!accepts(context)) return;
      if (!shouldApplyConversationRead(read(options.currentUserId), event.memberId)) return;
      patchList((data) => applyConversationReadToPages(data, event));
    }),
    kiloChatClient.onConversationActivity((context, event) => {
      if (!accepts(context)) return;
      if (event.conversationId !== read(options.activeConversationId ?? null)) {
        void queryClient.invalidateQueries({ queryKey: messagesKey(event.conversationId), exact: true });
      }
      if (!patchList((data) => applyConversationActivityToPages(data, event))) invalidateList();
    }),
    eventService.onResync(invalidateList),
  ];
  return () => {
    for (const off of offs) off();
  };
}
