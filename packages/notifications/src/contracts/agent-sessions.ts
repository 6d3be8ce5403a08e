import * as z from 'zod';
import { cloudAgentSessionCategorySchema } from '../push-data.js';
import { maxCodeUnits } from './max-code-units.js';
import { i18nKeySchema, i18nParamsSchema } from './send-push-for-conversation.js';

/** How a cloud agent execution ended. */
export const cloudAgentSessionPushStatusSchema = z.enum(['completed', 'failed', 'interrupted']);
/** A cloud agent execution end state. */
export type CloudAgentSessionPushStatus = z.infer<typeof cloudAgentSessionPushStatusSchema>;

/** Why an agent session notice was not dispatched. */
const sessionNoticeReasonSchema = z.enum(['missing_session', 'dispatch_failed', 'suppressed_preference']);

/**
 * RPC `sendCloudAgentSessionNotification`. `attentionKind` says what the agent
 * waits for (`question` or `permission`; `unknown` is rejected) and `prUrl`
 * links a pull request the session opened.
 */
export const sendCloudAgentSessionNotificationInputSchema = z.object({
  userId: z.string().min(1),
  cliSessionId: z.string().min(1),
  executionId: z.string().min(1),
  status: cloudAgentSessionPushStatusSchema,
  body: z.string(),
  suppressIfViewingSession: z.boolean().optional(),
  category: cloudAgentSessionCategorySchema.optional(),
  i18nKey: i18nKeySchema.optional(),
  i18nParams: i18nParamsSchema.optional(),
  attentionKind: z.enum(['question', 'permission']).optional(),
  prUrl: z.string().optional(),
});
/** Input of `sendCloudAgentSessionNotification`. */
export type SendCloudAgentSessionNotificationParams = z.infer<typeof sendCloudAgentSessionNotificationInputSchema>;

/** Result of `sendCloudAgentSessionNotification`: `dispatched`, and a `reason` when it was not. */
export const sendCloudAgentSessionNotificationOutputSchema = z.object({
  dispatched: z.boolean(),
  reason: sessionNoticeReasonSchema.optional(),
});
/** Result of `sendCloudAgentSessionNotification`. */
export type SendCloudAgentSessionNotificationResult = z.infer<typeof sendCloudAgentSessionNotificationOutputSchema>;

/** RPC `sendSessionReadyNotification`: a session the user started is ready. */
export const sendSessionReadyNotificationInputSchema = z.object({
  userId: z.string().min(1),
  cliSessionId: z.string().min(1),
  title: z.string().optional(),
});
/** Input of `sendSessionReadyNotification`. */
export type SendSessionReadyNotificationParams = z.infer<typeof sendSessionReadyNotificationInputSchema>;

/** Result of `sendSessionReadyNotification` (same shape as the cloud agent result). */
export const sendSessionReadyNotificationOutputSchema = sendCloudAgentSessionNotificationOutputSchema;
/** Result of `sendSessionReadyNotification`. */
export type SendSessionReadyNotificationResult = z.infer<typeof sendSessionReadyNotificationOutputSchema>;

/** RPC `sendAgentSessionNotification`: the agent's own notify-the-user tool. */
export const sendAgentSessionNotificationInputSchema = z.object({
  userId: z.string().min(1),
  cliSessionId: z.string().min(1),
  notificationId: maxCodeUnits(z.string().min(1), 64),
  message: maxCodeUnits(z.string().min(1), 500),
});
/** Input of `sendAgentSessionNotification`. */
export type SendAgentSessionNotificationParams = z.infer<typeof sendAgentSessionNotificationInputSchema>;

/** Why an agent notification was not dispatched. Returned results are final; a thrown error means "try again". */
export const sendAgentSessionNotificationReasonSchema = z.enum([
  'not_found',
  'suppressed_presence',
  'suppressed_preference',
  'suppressed_rate_limit',
  'no_tokens',
  'duplicate',
  'failed',
]);
/** A reason an agent notification was not dispatched. */
export type SendAgentSessionNotificationReason = z.infer<typeof sendAgentSessionNotificationReasonSchema>;

/** Result of `sendAgentSessionNotification`. */
export const sendAgentSessionNotificationOutputSchema = z.object({
  dispatched: z.boolean(),
  reason: sendAgentSessionNotificationReasonSchema.optional(),
});
/** Result of `sendAgentSessionNotification`. */
export type SendAgentSessionNotificationResult = z.infer<typeof sendAgentSessionNotificationOutputSchema>;

/** What a session waits for when it asks for attention. */
export const sessionAttentionReasonSchema = z.enum(['question', 'permission', 'blocking_suggestion', 'action_required']);
/** A session attention reason. */
export type SessionAttentionReason = z.infer<typeof sessionAttentionReasonSchema>;

/** RPC `sendSessionAttentionNotification`: a session needs the user for `reason`. */
export const sendSessionAttentionNotificationInputSchema = z.object({
  userId: z.string().min(1),
  cliSessionId: z.string().min(1),
  requestId: z.string().min(1),
  reason: sessionAttentionReasonSchema,
});
/** Input of `sendSessionAttentionNotification`. */
export type SendSessionAttentionNotificationParams = z.infer<typeof sendSessionAttentionNotificationInputSchema>;

/** Result of `sendSessionAttentionNotification`. */
export const sendSessionAttentionNotificationOutputSchema = z.object({ dispatched: z.boolean() });
/** Result of `sendSessionAttentionNotification`. */
export type SendSessionAttentionNotificationResult = z.infer<typeof sendSessionAttentionNotificationOutputSchema>;

/**
 * RPC `refreshGlanceableSessions`: recompute the glanceable agent snapshot for
 * these sessions. Unknown keys (caller counts, organization scope) are
 * stripped, never forwarded.
 */
export const refreshGlanceableSessionsInputSchema = z.object({
  userId: z.string().min(1),
  cliSessionIds: z.array(z.string().min(1)).min(1),
});
/** Input of `refreshGlanceableSessions`. */
export type RefreshGlanceableSessionsInput = z.infer<typeof refreshGlanceableSessionsInputSchema>;
