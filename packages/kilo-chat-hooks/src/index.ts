// Public entry of @kilocode/kilo-chat-hooks. Explicit named exports only,
// grouped by concept; types are exported separately from values.

// --- provider and clients ---
export { KiloChatHooksProvider, useEventServiceClient, useKiloChatClient, useOptionalEventServiceClient } from './kilo-chat-hooks-context.js';
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
export {
  PAGE_SIZE,
  PENDING_MESSAGE_ID_PREFIX,
  createEmptyMessageInfiniteData,
  getNextMessagesPageParam,
  isPendingMessageId,
  messagesFromListPage,
  orderNewestPageMessages,
  pendingMessageId,
  replaceMessageAndOrderNewestPage,
  updateMessageInPages,
} from './message-pages.js';
export type { MessageInfiniteData, MessagePage } from './message-pages.js';
export { locateMessage } from './message-page-index.js';
export type { MessageLocation } from './message-page-index.js';
export { shareMessageInfiniteData } from './message-structural-sharing.js';
export {
  applyActionDeliveryFailedEventToPages,
  applyCreateMessageResponseToPages,
  applyExecuteActionResponseToPages,
  applyMessageCreatedEventToPages,
  applyMessageDeletedEventToPages,
  applyMessageDeliveryFailedEventToPages,
  applyMessageRedeliveredEventToPages,
  applyMessageUpdatedEventToPages,
  applyOptimisticMessageToPages,
  deletedMessage,
  mergeIncomingMessage,
  messageFromCreatedEvent,
} from './message-events.js';
export type { MessageUpdatedEventInput } from './message-events.js';
export { applyReactionAdded, applyReactionRemoved } from './message-reactions.js';
export {
  admitReactionOperation,
  createReactionOperationTracker,
  getReactionOperationTracker,
  reactionOperationKey,
  reactionTrackerFor,
} from './reaction-operation-tracker.js';
export type { ReactionOperationTracker } from './reaction-operation-tracker.js';
export {
  applyReactionAddedEventToPages,
  applyReactionAddedMutationToPages,
  applyReactionRemovedEventToPages,
  applyReactionRemovedMutationToPages,
  applyReactionRemovedResponseToPages,
} from './message-reaction-events.js';
export type { ReactionOperation, ReactionRemovedResponseInput } from './message-reaction-events.js';
export {
  applyOptimisticSendMessageToCache,
  discardFailedSend,
  findMessageInCache,
  latestMarkReadMessageId,
  removeMessageFromCache,
  restoreMessageInCache,
  rollbackEditMessageError,
  settleSendMessageFailure,
  settleSendMessageSuccess,
  updateMessagesCache,
} from './message-cache.js';
export type { SendMessageContext } from './message-cache.js';
export {
  applyOptimisticRowUpdate,
  isActionAlreadyResolvedError,
  rollbackExecuteActionError,
  rollbackOptimisticRowUpdate,
} from './message-row-optimism.js';
export type { MessageRowMutationContext } from './message-row-optimism.js';
export { SendOutbox, clientIdOfPendingMessage, sendOutboxFor, sendStateOf } from './send-outbox.js';
export type { SendMessageVariables, SendOutboxEntry, SendState, SendStatus } from './send-outbox.js';
export { clearPendingAction, pendingActionGroupIdForMessage, tryStartPendingAction } from './action-pending-state.js';
export type { PendingAction, PendingActionStore } from './action-pending-state.js';
export { MESSAGES_STALE_TIME_MS, messagesInfiniteQueryOptions, useMessages } from './use-messages.js';
export type { MessagesData, MessagesInfiniteQueryOptions, MessagesQueryKey, MessagesQueryOverrides } from './use-messages.js';
export { useMessageCacheUpdater } from './use-message-cache-updater.js';
export { OPTIMISTIC_SENDER_ID, optimisticMessageFromVariables, useSendMessage } from './use-send-message.js';
export type { UseSendMessageOptions, UseSendMessageResult } from './use-send-message.js';
export { useSendStates } from './use-send-states.js';
export { useEditMessage } from './use-edit-message.js';
export type { EditMessageVariables } from './use-edit-message.js';
export { useDeleteMessage } from './use-delete-message.js';
export type { DeleteMessageVariables } from './use-delete-message.js';
export { useRedeliverMessage } from './use-redeliver-message.js';
export type { RedeliverMessageVariables } from './use-redeliver-message.js';
export { useAddReaction } from './use-add-reaction.js';
export type { ReactionVariables } from './use-add-reaction.js';
export { useRemoveReaction } from './use-remove-reaction.js';
export { useExecuteAction } from './use-execute-action.js';
export type { ExecuteActionVariables } from './use-execute-action.js';

// --- conversations (list pages, list events, conversation mutations, mark-read, bot status, badges) ---
export {
  applyConversationActivityToPages,
  applyConversationCreatedToPages,
  applyConversationReadToPages,
  compareConversationListItems,
  conversationSortValue,
  filterConversationPages,
  findConversationInPages,
  shouldApplyConversationRead,
  updateConversationPages,
} from './conversation-pages.js';
export type { ConversationListInfiniteData, ConversationPagesPatch } from './conversation-pages.js';
export { registerConversationListCacheHandlers } from './conversation-list-cache-handlers.js';
export type {
  ConversationListCacheHandlersOptions,
  ConversationListEventSource,
  ValueOrGetter,
} from './conversation-list-cache-handlers.js';
export { useConversationListCache } from './use-conversation-list-cache.js';
export type { UseConversationListCacheOptions } from './use-conversation-list-cache.js';
export {
  CONVERSATIONS_PAGE_SIZE,
  DEFAULT_CONVERSATIONS_STALE_TIME_MS,
  conversationsInfiniteQueryOptions,
  useConversations,
} from './use-conversations.js';
export type { ConversationsQueryData, UseConversationsOptions } from './use-conversations.js';
export {
  DEFAULT_CONVERSATION_DETAIL_STALE_TIME_MS,
  conversationDetailQueryOptions,
  useConversationDetail,
} from './use-conversation-detail.js';
export type { UseConversationDetailOptions } from './use-conversation-detail.js';
export type { ConversationMutationOptions } from './conversation-mutation-options.js';
export { settleCreateConversation } from './create-conversation-cache.js';
export type { CreateConversationVariables } from './create-conversation-cache.js';
export { useCreateConversation } from './use-create-conversation.js';
export { settleRenameConversation } from './rename-conversation-cache.js';
export type { RenameConversationVariables } from './rename-conversation-cache.js';
export { useRenameConversation } from './use-rename-conversation.js';
export {
  applyOptimisticLeaveConversation,
  forgetLeftConversation,
  rollbackOptimisticLeaveConversation,
  settleLeaveConversation,
} from './leave-conversation-cache.js';
export type { LeaveConversationContext, LeaveConversationVariables } from './leave-conversation-cache.js';
export { useLeaveConversation } from './use-leave-conversation.js';
export type { LeaveConversationMutationContext } from './use-leave-conversation.js';
export {
  applyMarkConversationReadRollbackToPages,
  applyOptimisticMarkConversationRead,
  rollbackOptimisticMarkConversationRead,
  settleMarkConversationRead,
} from './mark-conversation-read-cache.js';
export type { MarkConversationReadContext, MarkConversationReadVariables } from './mark-conversation-read-cache.js';
export { useMarkConversationRead } from './use-mark-conversation-read.js';
export type { MarkConversationReadMutationContext } from './use-mark-conversation-read.js';
export {
  MARK_READ_RETRY_DELAY_MS,
  MARK_READ_RETRY_LIMIT,
  attemptMarkCurrentConversationRead,
  clearMarkReadRetry,
  createMarkReadRetryState,
  createMarkReadState,
  finishMarkReadAttempt,
  scheduleMarkReadRetry,
  shouldStartMarkReadAttempt,
  startMarkReadAttempt,
  succeedMarkReadAttempt,
} from './mark-read-state.js';
export type {
  AttemptMarkCurrentConversationReadOptions,
  MarkReadRetryState,
  MarkReadState,
  ScheduleMarkReadRetryOptions,
} from './mark-read-state.js';
export { useMarkConversationReadWhenSeen } from './use-mark-read.js';
export type { UseMarkConversationReadWhenSeenOptions, UseMarkConversationReadWhenSeenResult } from './use-mark-read.js';
export { mergeBotStatusRecords, reduceBotStatusOnEvent } from './bot-status.js';
export { BOT_STATUS_POLL_INTERVAL_MS, botStatusQueryOptions, useBotStatus } from './use-bot-status.js';
export type { BotStatusQueryOptions } from './use-bot-status.js';
export {
  applyBadgeClearToBadges,
  badgeCountForBucket,
  badgeTotal,
  incrementBadgeBucket,
  settleBadgeClear,
} from './unread-badge-cache.js';
export type { BadgeClearPatch, UnreadBadgesData } from './unread-badge-cache.js';
export {
  DEFAULT_UNREAD_BADGES_STALE_TIME_MS,
  UNREAD_BADGES_ACTIVITY_REFETCH_DELAY_MS,
  unreadBadgesQueryOptions,
  useUnreadBadges,
} from './use-unread-badges.js';
export type { UnreadBadges, UnreadBadgesQueryOptions, UseUnreadBadgesOptions } from './use-unread-badges.js';

// --- attachments, presence, typing, connection state ---
export {
  ATTACHMENT_URL_REFRESH_BUFFER_MS,
  attachmentUrlQueryOptions,
  computeAttachmentUrlStaleMs,
  isAttachmentUrlValid,
} from './attachment-url.js';
export type { AttachmentUrlQueryConfig, AttachmentUrlQueryKey, AttachmentUrlQueryOptions } from './attachment-url.js';
export { useAttachmentUrl } from './use-attachment-url.js';
export { attachmentQueueReducer, selectHasFailed, selectIsUploading, selectReadyBlocks } from './attachment-queue-reducer.js';
export type { AttachmentQueueAction, AttachmentQueueState, QueuedAttachment, QueuedAttachmentStatus } from './attachment-queue-reducer.js';
export { AttachmentUploadError, isTransientAttachmentUploadError } from './attachment-upload-error.js';
export type { AttachmentUploadErrorCode } from './attachment-upload-error.js';
export { ATTACHMENT_UPLOAD_QUEUE_DEFAULTS, AttachmentUploadQueue } from './attachment-upload-queue.js';
export type { AttachmentUploadQueueOptions, PerformUploadOptions } from './attachment-upload-queue.js';
export { useAttachmentQueue } from './use-attachment-queue.js';
export type { AddFileInput, PerformUpload, UseAttachmentQueueOptions, UseAttachmentQueueResult } from './use-attachment-queue.js';
export { createXhrPerformUpload } from './xhr-perform-upload.js';
export type { XhrLike, XhrPerformUploadOptions } from './xhr-perform-upload.js';
export { usePresenceSubscription } from './use-presence-subscription.js';
export { TYPING_EXPIRY_MS, TypingState, typingLabel } from './typing-state.js';
export type { TypingStateOptions } from './typing-state.js';
export { TYPING_THROTTLE_MS, TypingSender } from './typing-sender.js';
export type { TypingSenderOptions } from './typing-sender.js';
export { useTyping } from './use-typing.js';
export type { UseTypingOptions, UseTypingResult } from './use-typing.js';
export { connectionStateStore } from './connection-state-store.js';
export type { ConnectionStateSnapshot, ConnectionStateStore } from './connection-state-store.js';
export { useConnectionState } from './use-connection-state.js';
