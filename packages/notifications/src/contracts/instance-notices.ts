import * as z from 'zod';
import { instanceLifecycleEventSchema, scheduledActionEventSchema } from '../notification-events.js';

const count = z.number().int().nonnegative();

/** Delivery counts shared by the instance notice results. */
const deliveryCountsShape = {
  /** Push tokens the user had. */
  tokenCount: count,
  /** Messages handed to the push provider. */
  sent: count,
  /** Tokens the provider reported as no longer registered (deleted). */
  staleTokens: count,
  /** Receipt checks queued for accepted tickets. */
  receiptCount: count,
  /** `true` when the user's preference (or a failure to read it) stopped the notice. */
  suppressedByPreference: z.boolean().optional(),
};

/**
 * Ticket errors the push provider returned, counted without any token
 * detail: `total = retryable + terminal`.
 */
export const ticketErrorCountsSchema = z.object({ total: count, retryable: count, terminal: count });
/** Ticket error counts. */
export type TicketErrorCounts = z.infer<typeof ticketErrorCountsSchema>;

/** RPC `sendInstanceLifecycleNotification`: an instance became ready or failed to start. */
export const sendInstanceLifecycleNotificationInputSchema = z.object({
  userId: z.string().min(1),
  sandboxId: z.string().min(1),
  event: instanceLifecycleEventSchema,
  instanceName: z.string().nullable(),
  errorMessage: z.string().optional(),
});
/** Input of `sendInstanceLifecycleNotification`. */
export type SendInstanceLifecycleNotificationParams = z.infer<typeof sendInstanceLifecycleNotificationInputSchema>;

/** Result of `sendInstanceLifecycleNotification`, including `ticketErrors`. */
export const sendInstanceLifecycleNotificationOutputSchema = z.object({
  ...deliveryCountsShape,
  ticketErrors: ticketErrorCountsSchema,
});
/** Result of `sendInstanceLifecycleNotification`. */
export type SendInstanceLifecycleNotificationResult = z.infer<typeof sendInstanceLifecycleNotificationOutputSchema>;

/** RPC `sendScheduledActionNotice`: a restart or version change was scheduled or cancelled. */
export const sendScheduledActionNoticeInputSchema = z.object({
  userId: z.string().min(1),
  instanceId: z.string().min(1),
  sandboxId: z.string().min(1),
  event: scheduledActionEventSchema,
  instanceName: z.string().nullable(),
  scheduledAt: z.string(),
  targetImageTag: z.string().nullable().optional(),
});
/** Input of `sendScheduledActionNotice`. */
export type SendScheduledActionNoticeParams = z.infer<typeof sendScheduledActionNoticeInputSchema>;

/** Result of `sendScheduledActionNotice` (no ticket error counts). */
export const sendScheduledActionNoticeOutputSchema = z.object(deliveryCountsShape);
/** Result of `sendScheduledActionNotice`. */
export type SendScheduledActionNoticeResult = z.infer<typeof sendScheduledActionNoticeOutputSchema>;
