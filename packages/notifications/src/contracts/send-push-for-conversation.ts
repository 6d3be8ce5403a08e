import * as z from 'zod';
import { SANDBOX_ID_PATTERN } from '@kilocode/event-service';
import { CONVERSATION_ID_PATTERN, MESSAGE_ID_PATTERN } from '../identifiers.js';
import { maxCodeUnits } from './max-code-units.js';

/** Longest push title the contracts accept, in UTF-16 code units (what `String.length` counts). */
export const PUSH_TITLE_MAX_LENGTH = 200;

/** Longest body preview the contracts accept, in UTF-16 code units. */
export const PUSH_BODY_PREVIEW_MAX_LENGTH = 200;

/** @internal Shared by the contracts that carry an optional localisation key. */
export const i18nKeySchema = z.string().min(1);
/** @internal Interpolation values for {@link i18nKeySchema}. */
export const i18nParamsSchema = z.record(z.string(), z.string());

/**
 * RPC `sendPushForConversation`: the chat service asks for a push to every
 * recipient of a new message. The ids must fit the badge bucket and presence
 * context grammars (so a bucket or context built from them cannot collide
 * with another), the title and preview fit the push limits.
 */
export const sendPushForConversationInputSchema = z.object({
  conversationId: z.string().regex(CONVERSATION_ID_PATTERN),
  sandboxId: z.string().regex(SANDBOX_ID_PATTERN),
  senderUserId: z.string().min(1).nullable(),
  recipientUserIds: z.array(z.string().min(1)).min(1),
  title: maxCodeUnits(z.string(), PUSH_TITLE_MAX_LENGTH),
  bodyPreview: maxCodeUnits(z.string(), PUSH_BODY_PREVIEW_MAX_LENGTH),
  messageId: z.string().regex(MESSAGE_ID_PATTERN),
  i18nKey: i18nKeySchema.optional(),
  i18nParams: i18nParamsSchema.optional(),
});
/** Input of `sendPushForConversation`. */
export type SendPushForConversationInput = z.infer<typeof sendPushForConversationInputSchema>;

/**
 * What happened for one recipient. Rate limiting is reported as `failed` with
 * `reason: 'rate_limited'` so readers of the original enum keep working.
 */
export const perRecipientOutcomeSchema = z.enum([
  'delivered',
  'suppressed_presence',
  'suppressed_preference',
  'no_tokens',
  'duplicate',
  'failed',
]);
/** A per-recipient outcome. */
export type PerRecipientOutcome = z.infer<typeof perRecipientOutcomeSchema>;

/**
 * One recipient's outcome, with an optional machine-readable `reason` for a
 * `failed` one (e.g. `preference_read_failed`, `dispatch_rejected`,
 * `rate_limited`, `send_failed`). The reason set is open: read unknown
 * values as plain failures.
 */
export const perRecipientResultSchema = z.object({
  userId: z.string().min(1),
  outcome: perRecipientOutcomeSchema,
  reason: z.string().min(1).optional(),
});
/** One recipient's outcome. */
export type PerRecipientResult = z.infer<typeof perRecipientResultSchema>;

/** Result of `sendPushForConversation`: one entry per deduplicated recipient, in input order. */
export const sendPushForConversationOutputSchema = z.object({ perRecipient: z.array(perRecipientResultSchema) });
/** Result of `sendPushForConversation`. */
export type SendPushForConversationOutput = z.infer<typeof sendPushForConversationOutputSchema>;

/**
 * The recipients a `sendPushForConversation` call fans out to: the input
 * order, without the sender and without repeats (the first occurrence wins).
 * `perRecipient` of the result follows exactly this order, and each entry is
 * one per-user dispatch — never one per conversation.
 */
export function pushRecipientsForConversation(
  input: Pick<SendPushForConversationInput, 'senderUserId' | 'recipientUserIds'>,
): string[] {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const userId of input.recipientUserIds) {
    if (userId === input.senderUserId || seen.has(userId)) continue;
    seen.add(userId);
    recipients.push(userId);
  }
  return recipients;
}
