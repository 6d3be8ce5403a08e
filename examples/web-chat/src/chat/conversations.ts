import { kiloclawInstanceContext } from '@kilocode/event-service';
import { conversationSandboxIdFromMembers, type ConversationListItem, type ConversationListResponse } from '@kilocode/kilo-chat';
import { badgesKey, conversationsKey, useKiloChatClient, useUnreadBadges } from '@kilocode/kilo-chat-hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useContextSubscription } from './connection.js';
import { useSession } from './session-context.js';

type ListPages = InfiniteData<ConversationListResponse, string | null>;

const activityOf = (item: ConversationListItem) => item.lastActivityAt ?? item.joinedAt;

/** Most recent activity first; ties by id, newest first. */
export function byActivity(a: ConversationListItem, b: ConversationListItem): number {
  return activityOf(b) - activityOf(a) || (a.conversationId < b.conversationId ? 1 : a.conversationId > b.conversationId ? -1 : 0);
}

function mapItems(data: ListPages | undefined, map: (item: ConversationListItem) => ConversationListItem | null): ListPages | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      conversations: page.conversations.flatMap((item) => {
        const next = map(item);
        return next ? [next] : [];
      }),
    })),
  };
}

/**
 * The sandbox's conversation list, kept live from the instance context:
 * created, renamed, left, read and activity events update the cache, so the
 * list reorders by activity without a refetch.
 */
export function useConversationList(sandboxId: string | null) {
  const client = useKiloChatClient();
  const queryClient = useQueryClient();
  const queryKey = conversationsKey(sandboxId);
  const context = sandboxId ? kiloclawInstanceContext(sandboxId) : null;
  useContextSubscription([context]);

  useEffect(() => {
    if (!context) return undefined;
    const update = (map: (item: ConversationListItem) => ConversationListItem | null) =>
      queryClient.setQueryData<ListPages>(queryKey, (data) => mapItems(data, map));
    const offs = [
      client.onConversationCreated((ctx, event) => {
        if (ctx !== context) return;
        queryClient.setQueryData<ListPages>(queryKey, (data) => {
          if (!data || data.pages.length === 0) return data;
          if (data.pages.some((page) => page.conversations.some((item) => item.conversationId === event.conversationId))) return data;
          const [first, ...rest] = data.pages;
          return { ...data, pages: [{ ...first!, conversations: [event.conversation, ...first!.conversations] }, ...rest] };
        });
      }),
      client.onConversationRenamed((ctx, event) => {
        if (ctx === context) update((item) => (item.conversationId === event.conversationId ? { ...item, title: event.title } : item));
      }),
      client.onConversationLeft((ctx, event) => {
        if (ctx === context) update((item) => (item.conversationId === event.conversationId ? null : item));
      }),
      client.onConversationRead((ctx, event) => {
        if (ctx !== context) return;
        update((item) =>
          item.conversationId === event.conversationId && (item.lastReadAt ?? 0) < event.lastReadAt ? { ...item, lastReadAt: event.lastReadAt } : item,
        );
      }),
      client.onConversationActivity((ctx, event) => {
        if (ctx !== context) return;
        let known = false;
        update((item) => {
          if (item.conversationId !== event.conversationId) return item;
          known = true;
          return (item.lastActivityAt ?? 0) < event.lastActivityAt ? { ...item, lastActivityAt: event.lastActivityAt } : item;
        });
        if (!known) void queryClient.invalidateQueries({ queryKey });
        // A new message may have raised a badge (the server counts it when it pushes).
        scheduleBadgeRefetch(queryClient);
      }),
    ];
    return () => offs.forEach((off) => off());
    // queryKey is derived from sandboxId, which `context` already tracks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, queryClient, context]);

  const query = useInfiniteQuery({
    queryKey,
    enabled: sandboxId !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      client.listConversations({ sandboxId: sandboxId ?? undefined, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    getNextPageParam: (last) => (last.hasMore ? last.nextCursor : null),
  });
  const conversations = useMemo(() => {
    const seen = new Set<string>();
    const all: ConversationListItem[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const item of page.conversations) {
        if (seen.has(item.conversationId)) continue;
        seen.add(item.conversationId);
        all.push(item);
      }
    }
    return all.sort(byActivity);
  }, [query.data]);
  return { ...query, conversations };
}

let badgeTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleBadgeRefetch(queryClient: ReturnType<typeof useQueryClient>): void {
  if (badgeTimer) return;
  badgeTimer = setTimeout(() => {
    badgeTimer = null;
    void queryClient.invalidateQueries({ queryKey: badgesKey() });
  }, 300);
}

/**
 * Unread counts per conversation from the notifications badge buckets
 * (`kiloclaw:<sandbox>:<conversation>`), through the hooks package's
 * `useUnreadBadges` (live +1 on messages of received conversation contexts,
 * refetch on own reads and resyncs). The list only receives the instance
 * context of the other conversations, so their activity events refetch the
 * badges here, and a 10 s refetch picks up a bot's push, which the server
 * counts late (when the bot stops typing).
 */
export function useUnreadCounts(): (sandboxId: string, conversationId: string) => number {
  const { badgeClient, kiloChatClient, eventService, userId } = useSession();
  const queryClient = useQueryClient();
  const badges = useUnreadBadges(kiloChatClient, eventService, badgeClient, { currentUserId: userId });
  useEffect(() => {
    const timer = setInterval(() => void queryClient.invalidateQueries({ queryKey: badgesKey(), exact: true }), 10_000);
    return () => clearInterval(timer);
  }, [queryClient]);
  return badges.countForConversation;
}

/**
 * The sandboxes the user has conversations in, found from the members of
 * their conversations (each sandbox's bot is a member), plus any remembered.
 */
export function useSandboxes(extra: readonly string[]) {
  const client = useKiloChatClient();
  const query = useQuery({
    queryKey: ['kilo-chat', 'web-chat', 'sandboxes'],
    queryFn: async () => {
      const list = await client.listConversations({ limit: 50 });
      const details = await Promise.all(list.conversations.map((item) => client.getConversation(item.conversationId).catch(() => null)));
      const ids = new Set<string>();
      for (const detail of details) {
        const id = detail ? conversationSandboxIdFromMembers(detail.members) : null;
        if (id) ids.add(id);
      }
      return [...ids].sort();
    },
    staleTime: 60_000,
  });
  const sandboxes = useMemo(() => [...new Set([...(query.data ?? []), ...extra])].sort(), [query.data, extra]);
  return { ...query, sandboxes };
}

export function useCreateConversation(sandboxId: string) {
  const client = useKiloChatClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => client.createConversation({ sandboxId, ...(title.trim() ? { title: title.trim() } : {}) }),
    onSuccess: (response) => {
      queryClient.setQueryData<ListPages>(conversationsKey(sandboxId), (data) => {
        if (!data || data.pages.length === 0) return data;
        if (data.pages.some((page) => page.conversations.some((item) => item.conversationId === response.conversationId))) return data;
        const [first, ...rest] = data.pages;
        return { ...data, pages: [{ ...first!, conversations: [response.conversation, ...first!.conversations] }, ...rest] };
      });
    },
  });
}

export function useRenameConversation(sandboxId: string) {
  const client = useKiloChatClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { conversationId: string; title: string }) => client.renameConversation(vars.conversationId, { title: vars.title }),
    onSuccess: (_response, vars) => {
      queryClient.setQueryData<ListPages>(conversationsKey(sandboxId), (data) =>
        mapItems(data, (item) => (item.conversationId === vars.conversationId ? { ...item, title: vars.title.trim() } : item)),
      );
    },
  });
}

export function useLeaveConversation(sandboxId: string) {
  const client = useKiloChatClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (conversationId: string) => client.leaveConversation(conversationId),
    onSuccess: (_response, conversationId) => {
      queryClient.setQueryData<ListPages>(conversationsKey(sandboxId), (data) =>
        mapItems(data, (item) => (item.conversationId === conversationId ? null : item)),
      );
    },
  });
}
