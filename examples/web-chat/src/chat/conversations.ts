import { conversationSandboxIdFromMembers } from '@kilocode/kilo-chat';
import { useConversationListCache, useConversations, useKiloChatClient, useUnreadBadges } from '@kilocode/kilo-chat-hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSession } from './session-context.js';

const NO_CONVERSATIONS: never[] = [];

/**
 * The sandbox's conversation list (`useConversations`), kept live by the
 * package's `useConversationListCache`: it holds the instance context
 * subscribed and applies created, renamed, left, read and activity events
 * (rows move by activity, in the server's order) and refetches on resync.
 * `activeConversationId` is the open conversation, whose messages the view
 * keeps live itself (the others' messages are invalidated on activity).
 */
export function useConversationList(sandboxId: string | null, activeConversationId: string | null) {
  const { kiloChatClient, eventService, userId } = useSession();
  useConversationListCache(kiloChatClient, eventService, { sandboxId, currentUserId: userId, activeConversationId });
  const query = useConversations(kiloChatClient, sandboxId);
  return { ...query, conversations: query.data?.conversations ?? NO_CONVERSATIONS };
}

/**
 * Unread counts per conversation from the notifications badge buckets
 * (`kiloclaw:<sandbox>:<conversation>`), through the hooks package's
 * `useUnreadBadges`: live +1 on messages of received conversation contexts, a
 * refetch on the activity of the other conversations (the list holds only
 * their instance context), on own reads and on resyncs; and every 10 s, to
 * pick up a bot's push, which the server counts late (when the bot stops
 * typing).
 */
export function useUnreadCounts(): (sandboxId: string, conversationId: string) => number {
  const { badgeClient, kiloChatClient, eventService, userId } = useSession();
  const badges = useUnreadBadges(kiloChatClient, eventService, badgeClient, { currentUserId: userId, refetchInterval: 10_000 });
  return badges.countForConversation;
}

/**
 * The sandboxes the user has conversations in, found from the members of
 * their conversations (each sandbox's bot is a member), plus any remembered.
 * (App-specific: the hooks package lists one sandbox's conversations.)
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
