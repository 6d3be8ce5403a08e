import * as z from 'zod';
import { securityLifecycleEventSchema, spendAlertScopeSchema } from '../notification-events.js';
import { perRecipientResultSchema } from './send-push-for-conversation.js';

const recipients = z.array(z.string().min(1)).min(1);

/** `POST /internal/v1/dispatch` with `kind: 'low_balance'`: an organization's balance fell below its minimum. */
export const internalDispatchLowBalanceRequestSchema = z.object({
  kind: z.literal('low_balance'),
  recipientUserIds: recipients,
  organizationId: z.string().min(1),
  organizationName: z.string(),
  minimumBalanceUsd: z.number().nonnegative(),
});
/** A low-balance dispatch request. */
export type InternalDispatchLowBalanceRequest = z.infer<typeof internalDispatchLowBalanceRequestSchema>;

/** `kind: 'security_finding'`: a new finding, or one approaching or past its SLA. */
export const internalDispatchSecurityFindingRequestSchema = z.object({
  kind: z.literal('security_finding'),
  recipientUserId: z.string().min(1),
  notificationId: z.string().min(1),
  findingId: z.string().min(1),
  scope: z.string().min(1),
  notificationKind: z.enum(['new_finding', 'sla_warning', 'sla_breach']),
  severity: z.string().min(1),
  repoFullName: z.string().min(1),
  title: z.string(),
  ghsaId: z.string().nullable().optional(),
});
/** A security finding dispatch request. */
export type InternalDispatchSecurityFindingRequest = z.infer<typeof internalDispatchSecurityFindingRequestSchema>;

/** `kind: 'security_lifecycle'`: a step of a finding's analysis or remediation. */
export const internalDispatchSecurityLifecycleRequestSchema = z.object({
  kind: z.literal('security_lifecycle'),
  event: securityLifecycleEventSchema,
  findingId: z.string().min(1),
  scope: z.string().min(1),
  remediationId: z.string().min(1).optional(),
  prUrl: z.string().min(1).optional(),
  recipientUserIds: recipients,
});
/** A security lifecycle dispatch request. */
export type InternalDispatchSecurityLifecycleRequest = z.infer<typeof internalDispatchSecurityLifecycleRequestSchema>;

/**
 * `kind: 'spend_alert'`: spending crossed a threshold. `dedupeKey` names the
 * alert episode, so a second genuine alert is not swallowed by the first.
 */
export const internalDispatchSpendAlertRequestSchema = z.object({
  kind: z.literal('spend_alert'),
  recipientUserIds: recipients,
  scope: spendAlertScopeSchema,
  organizationId: z.string().min(1).optional(),
  alertKind: z.enum(['threshold']),
  scopeName: z.string(),
  amountUsd: z.number(),
  thresholdUsd: z.number(),
  dedupeKey: z.string().min(1),
});
/** A spend alert dispatch request. */
export type InternalDispatchSpendAlertRequest = z.infer<typeof internalDispatchSpendAlertRequestSchema>;

/** Body of `POST /internal/v1/dispatch`, discriminated on `kind`. */
export const internalDispatchRequestSchema = z.discriminatedUnion('kind', [
  internalDispatchLowBalanceRequestSchema,
  internalDispatchSecurityFindingRequestSchema,
  internalDispatchSecurityLifecycleRequestSchema,
  internalDispatchSpendAlertRequestSchema,
]);
/** Any internal dispatch request. */
export type InternalDispatchRequest = z.infer<typeof internalDispatchRequestSchema>;

/** Response of `POST /internal/v1/dispatch`: one outcome per recipient. */
export const internalDispatchResponseSchema = z.object({ perRecipient: z.array(perRecipientResultSchema) });
/** Response of `POST /internal/v1/dispatch`. */
export type InternalDispatchResponse = z.infer<typeof internalDispatchResponseSchema>;
