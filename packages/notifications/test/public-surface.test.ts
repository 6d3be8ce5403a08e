import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as notifications from '../src/index';
// Every type name of the reference package must exist; tsc fails otherwise.
import type {
  AgentNotificationKind,
  AndroidNotificationChannelId,
  BadgeBucket,
  BadgeCountRow,
  ClearBadgeBucketForUserInput,
  ClearBadgeBucketForUserOutput,
  CloudAgentSessionCategory,
  CloudAgentSessionPushStatus,
  DispatchPushInput,
  DispatchPushOutcome,
  InstanceLifecycleEvent,
  InternalDispatchLowBalanceRequest,
  InternalDispatchRequest,
  InternalDispatchSecurityFindingRequest,
  InternalDispatchSecurityLifecycleRequest,
  InternalDispatchSpendAlertRequest,
  ListBadgesResponse,
  MarkBadgeReadInput,
  MarkBadgeReadResponse,
  NeedsInputActionId,
  NeedsInputCategoryDescriptor,
  NeedsInputKind,
  ParsedBadgeBucket,
  PerRecipientOutcome,
  PerRecipientResult,
  PushData,
  ScheduledActionEvent,
  SecurityLifecycleEvent,
  SendAgentSessionNotificationParams,
  SendAgentSessionNotificationReason,
  SendAgentSessionNotificationResult,
  SendCloudAgentSessionNotificationParams,
  SendCloudAgentSessionNotificationResult,
  SendInstanceLifecycleNotificationParams,
  SendInstanceLifecycleNotificationResult,
  SendPushForConversationInput,
  SendPushForConversationOutput,
  SendScheduledActionNoticeParams,
  SendScheduledActionNoticeResult,
  SendSessionAttentionNotificationParams,
  SendSessionAttentionNotificationResult,
  SendSessionReadyNotificationParams,
  SendSessionReadyNotificationResult,
  SessionAttentionReason,
} from '../src/index';

/** Value names the reference package exports (api-surface §4), which ours must match exactly. */
const REFERENCE_VALUES = [
  'badgeBucketForConversation',
  'badgeBucketForInstance',
  'parseBadgeBucket',
  'parentBadgeBucketFor',
  'resolvePushLocale',
  'translatePush',
  'cloudAgentSessionCategorySchema',
  'pushDataSchema',
  'ANDROID_NOTIFICATION_CHANNELS',
  'androidChannelIdForPushData',
  'androidChannelIdForRegisteredClient',
  'genericPushContentForPushData',
  'AGENT_NOTIFICATION_KINDS',
  'agentNotificationKindForGlanceableSnapshot',
  'agentNotificationKindForPushData',
  'iosInterruptionLevelForPushData',
  'iosMutableContentForPushData',
  'instanceLifecycleEventSchema',
  'scheduledActionEventSchema',
  'sendPushForConversationInputSchema',
  'perRecipientOutcomeSchema',
  'perRecipientResultSchema',
  'sendPushForConversationOutputSchema',
  'badgeBucketSchema',
  'badgeCountRowSchema',
  'listBadgesResponseSchema',
  'markBadgeReadInputSchema',
  'markBadgeReadResponseSchema',
  'clearBadgeBucketForUserInputSchema',
  'clearBadgeBucketForUserOutputSchema',
  'sendInstanceLifecycleNotificationInputSchema',
  'sendInstanceLifecycleNotificationOutputSchema',
  'sendScheduledActionNoticeInputSchema',
  'sendScheduledActionNoticeOutputSchema',
  'cloudAgentSessionPushStatusSchema',
  'sendCloudAgentSessionNotificationInputSchema',
  'sendCloudAgentSessionNotificationOutputSchema',
  'sendSessionReadyNotificationInputSchema',
  'sendSessionReadyNotificationOutputSchema',
  'sendAgentSessionNotificationInputSchema',
  'sendAgentSessionNotificationReasonSchema',
  'sendAgentSessionNotificationOutputSchema',
  'dispatchPushInputSchema',
  'dispatchPushOutcomeSchema',
  'internalDispatchLowBalanceRequestSchema',
  'internalDispatchSecurityFindingRequestSchema',
  'securityLifecycleEventSchema',
  'internalDispatchSecurityLifecycleRequestSchema',
  'internalDispatchSpendAlertRequestSchema',
  'internalDispatchRequestSchema',
  'refreshGlanceableSessionsInputSchema',
  'NEEDS_INPUT_ACTION_IDS',
  'NEEDS_INPUT_KINDS',
  'needsInputCategoryId',
  'needsInputCategoryDescriptors',
];

type ReferenceTypes = [
  AgentNotificationKind, AndroidNotificationChannelId, BadgeBucket, BadgeCountRow, ClearBadgeBucketForUserInput,
  ClearBadgeBucketForUserOutput, CloudAgentSessionCategory, CloudAgentSessionPushStatus, DispatchPushInput,
  DispatchPushOutcome, InstanceLifecycleEvent, InternalDispatchLowBalanceRequest, InternalDispatchRequest,
  InternalDispatchSecurityFindingRequest, InternalDispatchSecurityLifecycleRequest, InternalDispatchSpendAlertRequest,
  ListBadgesResponse, MarkBadgeReadInput, MarkBadgeReadResponse, NeedsInputActionId, NeedsInputCategoryDescriptor,
  NeedsInputKind, ParsedBadgeBucket, PerRecipientOutcome, PerRecipientResult, PushData, ScheduledActionEvent,
  SecurityLifecycleEvent, SendAgentSessionNotificationParams, SendAgentSessionNotificationReason,
  SendAgentSessionNotificationResult, SendCloudAgentSessionNotificationParams, SendCloudAgentSessionNotificationResult,
  SendInstanceLifecycleNotificationParams, SendInstanceLifecycleNotificationResult, SendPushForConversationInput,
  SendPushForConversationOutput, SendScheduledActionNoticeParams, SendScheduledActionNoticeResult,
  SendSessionAttentionNotificationParams, SendSessionAttentionNotificationResult, SendSessionReadyNotificationParams,
  SendSessionReadyNotificationResult, SessionAttentionReason,
];

describe('public surface', () => {
  it('exports every value name of the reference package', () => {
    const missing = REFERENCE_VALUES.filter((name) => !(name in notifications));
    expect(missing).toEqual([]);
    const typeCount: ReferenceTypes['length'] = 44;
    expect(typeCount).toBe(44);
  });

  it('lists every runtime export in the package README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const undocumented = Object.keys(notifications).filter((name) => !readme.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
