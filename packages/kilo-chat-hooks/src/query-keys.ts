/**
 * The query keys of every Kilo Chat cache. All start with `'kilo-chat'`, so
 * `queryClient.invalidateQueries({ queryKey: ['kilo-chat'] })` refreshes
 * everything this package caches. Event handlers, mutations and queries build
 * keys only through these functions.
 */

/** The first element of every key this package uses. */
export const KILO_CHAT_QUERY_KEY_ROOT = 'kilo-chat';

/**
 * Key of the infinite conversation list of one sandbox. `null` is the
 * cross-sandbox list (every conversation of the user).
 */
export function conversationsKey(sandboxId: string | null) {
  return [KILO_CHAT_QUERY_KEY_ROOT, 'conversations', sandboxId] as const;
}

/** Prefix of every conversation list key, for invalidating all of them. */
export function conversationsKeyAll() {
  return [KILO_CHAT_QUERY_KEY_ROOT, 'conversations'] as const;
}

/** Key of one conversation's detail (`getConversation`). */
export function conversationKey(conversationId: string | null) {
  return [KILO_CHAT_QUERY_KEY_ROOT, 'conversation', conversationId] as const;
}

/** Key of one conversation's infinite message history. */
export function messagesKey(conversationId: string | null) {
  return [KILO_CHAT_QUERY_KEY_ROOT, 'messages', conversationId] as const;
}

/** Key of a sandbox's bot status record. */
export function botStatusKey(sandboxId: string | null) {
  return [KILO_CHAT_QUERY_KEY_ROOT, 'bot-status', sandboxId] as const;
}

/** Key of the signed download URL of one attachment. */
export function attachmentUrlKey(conversationId: string | null, attachmentId: string | null) {
  return [KILO_CHAT_QUERY_KEY_ROOT, 'attachment-url', conversationId, attachmentId] as const;
}

/** Key of the signed-in user's unread badge buckets (addition; not in the reference). */
export function badgesKey() {
  return [KILO_CHAT_QUERY_KEY_ROOT, 'badges'] as const;
}

/**
 * Mutation key of `useCreateConversation`, for
 * `useIsMutating({ mutationKey: createConversationMutationKey })`. The
 * mutation's `variables` keep the caller's shape (`{ sandboxId, title? }`),
 * so a `predicate` can filter by sandbox.
 */
export const createConversationMutationKey = [KILO_CHAT_QUERY_KEY_ROOT, 'create-conversation'] as const;
