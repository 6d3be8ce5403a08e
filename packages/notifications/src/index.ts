// Public entry of @kilocode/notifications. Explicit named exports only,
// grouped by source file; types are exported separately from values.

// --- errors ---
export { NotificationsError } from './notifications-error';
export type { NotificationsErrorCode, NotificationsIssue } from './notifications-error';
export { NotificationsApiError } from './notifications-api-error';
export type { NotificationsApiErrorCode } from './notifications-api-error';

// --- identifiers, badge buckets, presence suppression, idempotency keys ---
export { CONVERSATION_ID_PATTERN, MESSAGE_ID_PATTERN, isValidConversationId, isValidSandboxId } from './identifiers';
export {
  BADGE_BUCKET_PATTERN,
  KILOCLAW_BADGE_NAMESPACE,
  badgeBucketForConversation,
  badgeBucketForInstance,
  parentBadgeBucketFor,
  parseBadgeBucket,
} from './badge-buckets';
export type { ConversationBadgeBucket, InstanceBadgeBucket, ParsedBadgeBucket } from './badge-buckets';
export { pushSuppressionContextForConversation, pushSuppressionContextForPushData } from './push-suppression';
export { chatIdempotencyKey, parseIdempotencyKey } from './idempotency-keys';
export type { ChatIdempotencyKey, ParsedIdempotencyKey } from './idempotency-keys';

// --- push payloads ---
export {
  instanceLifecycleEventSchema,
  scheduledActionEventSchema,
  securityLifecycleEventSchema,
  spendAlertScopeSchema,
} from './notification-events';
export type {
  InstanceLifecycleEvent,
  ScheduledActionEvent,
  SecurityLifecycleEvent,
  SpendAlertScope,
} from './notification-events';
export { PUSH_DATA_TYPES, cloudAgentSessionCategorySchema, pushDataSchema } from './push-data';
export type { CloudAgentSessionCategory, PushData, PushDataOfType, PushDataType } from './push-data';
export { parsePushData } from './parse-push-data';
export type { ParsePushDataResult } from './parse-push-data';

// --- presentation and localisation ---
export { PUSH_MESSAGES_EN } from './push-messages';
export type { PushMessageKey, PushPresentationOptions, PushTranslate } from './push-messages';
export { DEFAULT_PUSH_LOCALE, resolvePushLocale, translatePush } from './push-locale';
export type { PushLocaleTranslator } from './push-locale';
export { PUSH_ELLIPSIS, truncateOnGraphemes } from './push-text';
export { conversationPushTitle, presentConversationPush, pushBodyPreview } from './conversation-push';
export type {
  ConversationPushInput,
  ConversationPushOptions,
  ConversationPushPresentation,
  PushContentBlock,
} from './conversation-push';
export { genericPushContentForPushData, localizePushContent, pushContentForPreviewMode } from './generic-push-content';
export type { LocalizablePushContent, PushContent, PushPreviewMode } from './generic-push-content';
export { INSTANCE_ERROR_EXCERPT_MAX_LENGTH, presentInstanceLifecyclePush } from './instance-lifecycle-push';
export type { InstanceLifecyclePushInput } from './instance-lifecycle-push';
export {
  ANDROID_NOTIFICATION_CHANNELS,
  androidChannelIdForPushData,
  androidChannelIdForRegisteredClient,
} from './android-channels';
export type { AndroidNotificationChannelId } from './android-channels';
export {
  AGENT_NOTIFICATION_KINDS,
  agentNotificationKindForGlanceableSnapshot,
  agentNotificationKindForPushData,
  iosInterruptionLevelForPushData,
  iosMutableContentForPushData,
} from './agent-notification-kinds';
export type { AgentNotificationKind, IosInterruptionLevel } from './agent-notification-kinds';
export {
  NEEDS_INPUT_ACTION_IDS,
  NEEDS_INPUT_KINDS,
  needsInputCategoryDescriptors,
  needsInputCategoryId,
} from './needs-input-actions';
export type { NeedsInputActionId, NeedsInputCategoryDescriptor, NeedsInputKind } from './needs-input-actions';

// --- RPC and HTTP contracts ---
export {
  PUSH_BODY_PREVIEW_MAX_LENGTH,
  PUSH_TITLE_MAX_LENGTH,
  perRecipientOutcomeSchema,
  perRecipientResultSchema,
  pushRecipientsForConversation,
  sendPushForConversationInputSchema,
  sendPushForConversationOutputSchema,
} from './contracts/send-push-for-conversation';
export type {
  PerRecipientOutcome,
  PerRecipientResult,
  SendPushForConversationInput,
  SendPushForConversationOutput,
} from './contracts/send-push-for-conversation';
export {
  badgeBucketSchema,
  badgeCountRowSchema,
  clearBadgeBucketForUserInputSchema,
  clearBadgeBucketForUserOutputSchema,
  listBadgesResponseSchema,
  markBadgeReadInputSchema,
  markBadgeReadResponseSchema,
} from './contracts/badges';
export type {
  BadgeBucket,
  BadgeCountRow,
  ClearBadgeBucketForUserInput,
  ClearBadgeBucketForUserOutput,
  ListBadgesResponse,
  MarkBadgeReadInput,
  MarkBadgeReadResponse,
} from './contracts/badges';
export {
  sendInstanceLifecycleNotificationInputSchema,
  sendInstanceLifecycleNotificationOutputSchema,
  sendScheduledActionNoticeInputSchema,
  sendScheduledActionNoticeOutputSchema,
  ticketErrorCountsSchema,
} from './contracts/instance-notices';
export type {
  SendInstanceLifecycleNotificationParams,
  SendInstanceLifecycleNotificationResult,
  SendScheduledActionNoticeParams,
  SendScheduledActionNoticeResult,
  TicketErrorCounts,
} from './contracts/instance-notices';
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
} from './contracts/agent-sessions';
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
} from './contracts/agent-sessions';
export { dispatchPushInputSchema, dispatchPushOutcomeSchema } from './contracts/dispatch-push';
export type { DispatchPushInput, DispatchPushOutcome } from './contracts/dispatch-push';
export {
  internalDispatchLowBalanceRequestSchema,
  internalDispatchRequestSchema,
  internalDispatchResponseSchema,
  internalDispatchSecurityFindingRequestSchema,
  internalDispatchSecurityLifecycleRequestSchema,
  internalDispatchSpendAlertRequestSchema,
} from './contracts/internal-dispatch';
export type {
  InternalDispatchLowBalanceRequest,
  InternalDispatchRequest,
  InternalDispatchResponse,
  InternalDispatchSecurityFindingRequest,
  InternalDispatchSecurityLifecycleRequest,
  InternalDispatchSpendAlertRequest,
} from './contracts/internal-dispatch';
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
} from './contracts/validators';
export type { ContractValidation } from './validation';

// --- badge HTTP client ---
export { BadgeClient } from './badge-client';
export type { BadgeClientConfig, BadgeClientFetch, BadgeRequestOptions } from './badge-client';
