// Public entry of @kilocode/kilo-chat-hooks. Explicit named exports only,
// grouped by concept; types are exported separately from values.

// --- provider and clients ---
export { KiloChatHooksProvider, useEventServiceClient, useKiloChatClient } from './kilo-chat-hooks-context.js';
export type { KiloChatHooksContextValue, KiloChatHooksProviderProps } from './kilo-chat-hooks-context.js';

// --- query keys ---
export {
  KILO_CHAT_QUERY_KEY_ROOT,
  attachmentUrlKey,
  badgesKey,
  botStatusKey,
  conversationKey,
  conversationsKey,
  conversationsKeyAll,
  createConversationMutationKey,
  messagesKey,
} from './query-keys.js';

// --- the operation wrapper every mutation uses ---
export { useKiloChatMutation } from './use-kilo-chat-mutation.js';
export type {
  KiloChatMutateAsyncFunction,
  KiloChatMutateFunction,
  KiloChatMutationOptions,
  UseKiloChatMutationResult,
} from './use-kilo-chat-mutation.js';

// --- messages (message pages, live events, reactions, message mutations) ---

// --- conversations (list pages, list events, conversation mutations, mark-read, bot status, badges) ---

// --- attachments, presence, typing, connection state ---
