// Public entry of @kilocode/notifications. Explicit named exports only,
// grouped by source file; types are exported separately from values.

// --- errors ---
export { NotificationsError } from './notifications-error.js';
export type { NotificationsErrorCode, NotificationsIssue } from './notifications-error.js';
export { NotificationsApiError } from './notifications-api-error.js';
export type { NotificationsApiErrorCode } from './notifications-api-error.js';

// --- identifiers, badge buckets, presence suppression, idempotency keys ---
export { CONVERSATION_ID_PATTERN, MESSAGE_ID_PATTERN, isValidConversationId, isValidSandboxId } from './identifiers.js';
export {
  BADGE_BUCKET_PATTERN,
  KILOCLAW_BADGE_NAMESPACE,
  badgeBucketForConversation,
  badgeBucketForInstance,
  parentBadgeBucketFor,
  parseBadgeBucket,
} from './badge-buckets.js';
export type { ConversationBadgeBucket, InstanceBadgeBucket, ParsedBadgeBucket } from './badge-buckets.js';
export { pushSuppressionContextForConversation, pushSuppressionContextForPushData } from './push-suppression.js';
export { chatIdempotencyKey, parseIdempotencyKey } from './idempotency-keys.js';
export type { ChatIdempotencyKey, ParsedIdempotencyKey } from './idempotency-keys.js';

// --- push payloads ---
export {
  instanceLifecycleEventSchema,
  scheduledActionEventSchema,
  securityLifecycleEventSchema,
  spendAlertScopeSchema,
} from './notification-events.js';
export type {
  InstanceLifecycleEvent,
  ScheduledActionEvent,
  SecurityLifecycleEvent,
  SpendAlertScope,
} from './notification-events.js';
export { PUSH_DATA_TYPES, cloudAgentSessionCategorySchema, pushDataSchema } from './push-data.js';
export type { CloudAgentSessionCategory, PushData, PushDataOfType, PushDataType } from './push-data.js';
export { parsePushData } from './parse-push-data.js';
export type { ParsePushDataResult } from './parse-push-data.js';

// --- presentation and localisation ---
export { PUSH_MESSAGES_EN } from './push-messages.js';
export type { PushMessageKey, PushPresentationOptions, PushTranslate } from './push-messages.js';
export { DEFAULT_PUSH_LOCALE, resolvePushLocale, translatePush } from './push-locale.js';
export type { PushLocaleTranslator } from './push-locale.js';
export { PUSH_ELLIPSIS, truncateOnGraphemes } from './push-text.js';
export { conversationPushTitle, presentConversationPush, pushBodyPreview } from './conversation-push.js';
export type {
  ConversationPushInput,
  ConversationPushOptions,
  ConversationPushPresentation,
  PushContentBlock,
} from './conversation-push.js';
export { genericPushContentForPushData, localizePushContent, pushContentForPreviewMode } from './generic-push-content.js';
export type { LocalizablePushContent, PushContent, PushPreviewMode } from './generic-push-content.js';
export { INSTANCE_ERROR_EXCERPT_MAX_LENGTH, presentInstanceLifecyclePush } from './instance-lifecycle-push.js';
export type { InstanceLifecyclePushInput } from './instance-lifecycle-push.js';
export {
  ANDROID_NOTIFICATION_CHANNELS,
  androidChannelIdForPushData,
  androidChannelIdForRegisteredClient,
} from './android-channels.js';
export type { AndroidNotificationChannelId } from './android-channels.js';
export {
  AGENT_NOTIFICATION_KINDS,
  agentNotificationKindForGlanceableSnapshot,
  agentNotificationKindForPushData,
  iosInterruptionLevelForPushData,
  iosMutableContentForPushData,
} from './agent-notification-kinds.js';
export type { AgentNotificationKind, IosInterruptionLevel } from './agent-notification-kinds.js';
export {
  NEEDS_INPUT_ACTION_IDS,
  NEEDS_INPUT_KINDS,
  needsInputCategoryDescriptors,
  needsInputCategoryId,
} from './needs-input-actions.js';
export type { NeedsInputActionId, NeedsInputCategoryDescriptor, NeedsInputKind } from './needs-input-actions.js';

// --- RPC and HTTP contracts ---
export {
  PUSH_BODY_PREVIEW_MAX_LENGTH,
  PUSH_TITLE_MAX_LENGTH,
  perRecipientOutcomeSchema,
  perRecipientResultSchema,
  pushRecipientsForConversation,
  sendPushForConversationInputSchema,
  sendPushForConversationOutputSchema,
} from './contracts/send-push-for-conversation.js';
export type {
  PerRecipientOutcome,
  PerRecipientResult,
  SendPushForConversationInput,
  SendPushForConversationOutput,
} from './contracts/send-push-for-conversation.js';
export {
  badgeBucketSchema,
  badgeCountRowSchema,
  clearBadgeBucketForUserInputSchema,
  clearBadgeBucketForUserOutputSchema,
  listBadgesResponseSchema,
  markBadgeReadInputSchema,
  markBadgeReadResponseSchema,
} from './contracts/badges.js';
export type {
  BadgeBucket,
  BadgeCountRow,
  ClearBadgeBucketForUserInput,
  ClearBadgeBucketForUserOutput,
  ListBadgesResponse,
  MarkBadgeReadInput,
  MarkBadgeReadResponse,
} from './contracts/badges.js';
export {
  sendInstanceLifecycleNotificationInputSchema,
  sendInstanceLifecycleNotificationOutputSchema,
  sendScheduledActionNoticeInputSchema,
  sendScheduledActionNoticeOutputSchema,
  ticketErrorCountsSchema,
} from './contracts/instance-notices.js';
export type {
  SendInstanceLifecycleNotificationParams,
  SendInstanceLifecycleNotificationResult,
  SendScheduledActionNoticeParams,
  SendScheduledActionNoticeResult,
  TicketErrorCounts,
} from './contracts/instance-notices.js';
export {
  cloudAgentSessionPushStatusSchema,
  refreshGlanceableSessionsInputSchema,
  sendAgentSessionNotificationInputSchema,
  sendAgentSessionNotificationOutputSchema,
  sendAgentSessionNotificationReasonSchema,
  sendCloudAgentSessionNotificationInputSchema,
  sendCloudAgentSessionNotificationOutputSchema,
  sendSessionAttentionNotificationInputSchema,
  sendSessionAttentionNotificationOutputSchema,
  sendSessionReadyNotificationInputSchema,
  sendSessionReadyNotificationOutputSchema,
  sessionAttentionReasonSchema,
} from './contracts/agent-sessions.js';
export type {
  CloudAgentSessionPushStatus,
  RefreshGlanceableSessionsInput,
  SendAgentSessionNotificationParams,
  SendAgentSessionNotificationReason,
  SendAgentSessionNotificationResult,
  SendCloudAgentSessionNotificationParams,
  SendCloudAgentSessionNotificationResult,
  SendSessionAttentionNotificationParams,
  SendSessionAttentionNotificationResult,
  SendSessionReadyNotificationParams,
  SendSessionReadyNotificationResult,
  SessionAttentionReason,
} from './contracts/agent-sessions.js';
export { dispatchPushInputSchema, dispatchPushOutcomeSchema } from './contracts/dispatch-push.js';
export type { DispatchPushInput, DispatchPushOutcome } from './contracts/dispatch-push.js';
export {
  internalDispatchLowBalanceRequestSchema,
  internalDispatchRequestSchema,
  internalDispatchResponseSchema,
  internalDispatchSecurityFindingRequestSchema,
  internalDispatchSecurityLifecycleRequestSchema,
  internalDispatchSpendAlertRequestSchema,
} from './contracts/internal-dispatch.js';
export type {
  InternalDispatchLowBalanceRequest,
  InternalDispatchRequest,
  InternalDispatchResponse,
  InternalDispatchSecurityFindingRequest,
  InternalDispatchSecurityLifecycleRequest,
  InternalDispatchSpendAlertRequest,
} from './contracts/internal-dispatch.js';
export {
  assertClearBadgeBucketForUserInput,
  assertClearBadgeBucketForUserOutput,
  assertDispatchPushInput,
  assertDispatchPushOutcome,
  assertInternalDispatchRequest,
  assertInternalDispatchResponse,
  assertListBadgesResponse,
  assertMarkBadgeReadInput,
  assertMarkBadgeReadResponse,
  assertRefreshGlanceableSessionsInput,
  assertSendAgentSessionNotificationInput,
  assertSendAgentSessionNotificationOutput,
  assertSendCloudAgentSessionNotificationInput,
  assertSendCloudAgentSessionNotificationOutput,
  assertSendInstanceLifecycleNotificationInput,
  assertSendInstanceLifecycleNotificationOutput,
  assertSendPushForConversationInput,
  assertSendPushForConversationOutput,
  assertSendScheduledActionNoticeInput,
  assertSendScheduledActionNoticeOutput,
  assertSendSessionAttentionNotificationInput,
  assertSendSessionAttentionNotificationOutput,
  assertSendSessionReadyNotificationInput,
  assertSendSessionReadyNotificationOutput,
  validateClearBadgeBucketForUserInput,
  validateClearBadgeBucketForUserOutput,
  validateDispatchPushInput,
  validateDispatchPushOutcome,
  validateInternalDispatchRequest,
  validateInternalDispatchResponse,
  validateListBadgesResponse,
  validateMarkBadgeReadInput,
  validateMarkBadgeReadResponse,
  validateRefreshGlanceableSessionsInput,
  validateSendAgentSessionNotificationInput,
  validateSendAgentSessionNotificationOutput,
  validateSendCloudAgentSessionNotificationInput,
  validateSendCloudAgentSessionNotificationOutput,
  validateSendInstanceLifecycleNotificationInput,
  validateSendInstanceLifecycleNotificationOutput,
  validateSendPushForConversationInput,
  validateSendPushForConversationOutput,
  validateSendScheduledActionNoticeInput,
  validateSendScheduledActionNoticeOutput,
  validateSendSessionAttentionNotificationInput,
  validateSendSessionAttentionNotificationOutput,
  validateSendSessionReadyNotificationInput,
  validateSendSessionReadyNotificationOutput,
} from './contracts/validators.js';
export type { ContractValidation } from './validation.js';

// --- badge HTTP client ---
export { BadgeClient } from './badge-client.js';
export type { BadgeClientConfig, BadgeClientFetch, BadgeRequestOptions } from './badge-client.js';
