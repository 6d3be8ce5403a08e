import * as z from 'zod';

/** What happened to an instance start: it is `ready`, or it `start_failed`. */
export const instanceLifecycleEventSchema = z.enum(['ready', 'start_failed']);
/** An instance lifecycle event name. */
export type InstanceLifecycleEvent = z.infer<typeof instanceLifecycleEventSchema>;

/** A scheduled restart or version change was announced, or that announcement was withdrawn. */
export const scheduledActionEventSchema = z.enum([
  'scheduled_restart_notice',
  'scheduled_restart_cancelled',
  'scheduled_version_change_notice',
  'scheduled_version_change_cancelled',
]);
/** A scheduled action event name. */
export type ScheduledActionEvent = z.infer<typeof scheduledActionEventSchema>;

/** The eight steps of a security finding's analysis and remediation. */
export const securityLifecycleEventSchema = z.enum([
  'analysis_completed',
  'analysis_failed',
  'remediation_queued',
  'remediation_pr_opened',
  'remediation_failed',
  'remediation_blocked',
  'remediation_no_changes_needed',
  'remediation_cancelled',
]);
/** A security lifecycle event name. */
export type SecurityLifecycleEvent = z.infer<typeof securityLifecycleEventSchema>;

/** Whether a spend alert is about the user's own spending or an organization's. */
export const spendAlertScopeSchema = z.enum(['personal', 'organization']);
/** A spend alert scope. */
export type SpendAlertScope = z.infer<typeof spendAlertScopeSchema>;
