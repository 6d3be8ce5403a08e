import * as z from 'zod';
import { contextSchema } from '@kilocode/event-service';
import { pushDataSchema } from '../push-data.js';
import { badgeBucketSchema } from './badges.js';
import { i18nKeySchema, i18nParamsSchema } from './send-push-for-conversation.js';

/**
 * The per-user dispatch call every push goes through:
 *
 * - `presenceContext` — suppress the push while the user holds this event
 *   service context (a wire context: 1–256 characters), or `null`;
 * - `idempotencyKey` — replays with the same key within the dedupe window are `duplicate`;
 * - `badge` — bucket and integer delta to apply, or `null` for no badge;
 * - `push` — title, body, typed `data`, optional sound, priority and
 *   localisation key (a message pair `<i18nKey>.title` / `<i18nKey>.body`);
 * - `rateLimit` — optional sliding window: at most `limit` pushes per `windowSeconds` for `key`.
 */
export const dispatchPushInputSchema = z.object({
  userId: z.string().min(1),
  presenceContext: contextSchema.nullable(),
  idempotencyKey: z.string().min(1),
  badge: z.object({ badgeBucket: badgeBucketSchema, delta: z.number().int() }).nullable(),
  push: z.object({
    title: z.string(),
    body: z.string(),
    data: pushDataSchema,
    sound: z.literal('default').nullable().optional(),
    priority: z.enum(['default', 'high']).optional(),
    i18nKey: i18nKeySchema.optional(),
    i18nParams: i18nParamsSchema.optional(),
  }),
  rateLimit: z
    .object({
      key: z.string().min(1),
      limit: z.number().int().positive(),
      windowSeconds: z.number().int().positive(),
    })
    .optional(),
});
/** Input of `dispatchPush`. */
export type DispatchPushInput = z.infer<typeof dispatchPushInputSchema>;

/** What `dispatchPush` did, discriminated on `kind`. */
export const dispatchPushOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delivered'), tokenCount: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('suppressed_presence') }),
  z.object({ kind: z.literal('suppressed_rate_limit') }),
  z.object({ kind: z.literal('no_tokens') }),
  z.object({ kind: z.literal('duplicate') }),
  z.object({ kind: z.literal('failed'), error: z.string() }),
]);
/** Outcome of `dispatchPush`. */
export type DispatchPushOutcome = z.infer<typeof dispatchPushOutcomeSchema>;
