import * as z from 'zod';
import {
  instanceLifecycleEventSchema,
  scheduledActionEventSchema,
  securityLifecycleEventSchema,
  spendAlertScopeSchema,
} from './notification-events.js';

const id = z.string().min(1);
const count = z.number().int().nonnegative();

/**
 * Why a cloud agent session push was sent: it needs the user (`attention`) or
 * it reports progress (`status`). Producers treat a missing category as `status`.
 */
export const cloudAgentSessionCategorySchema = z.enum(['attention', 'status']);
/** A cloud agent session push category. */
export type CloudAgentSessionCategory = z.infer<typeof cloudAgentSessionCategorySchema>;

/**
 * The `data` object of every push, discriminated on `type`. It travels through
 * the OS untyped, so apps must parse it (see `parsePushData`). Ids are
 * non-empty strings; unknown keys are dropped.
 *
 * - `chat.message` — `sandboxId`, `conversationId`, `messageId`.
 * - `instance-lifecycle` — `event` (`ready` | `start_failed`), `sandboxId`.
 * - `scheduled-action` — `event` (four scheduled events), `sandboxId`.
 * - `cloud_agent_session` — `cliSessionId`, `category?`.
 * - `low_balance` — `organizationId`.
 * - `security_finding` — `findingId`, `scope`.
 * - `security_lifecycle` — `event` (eight events), `findingId`, `scope`, `remediationId?`, `prUrl?`.
 * - `spend_alert` — `scope` (`personal` | `organization`), `organizationId?`.
 * - `active_agents_glanceable` — a data-only counts snapshot with `needsInput`;
 *   other counts are kept as they arrive.
 */
export const pushDataSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('chat.message'), sandboxId: id, conversationId: id, messageId: id }),
  z.object({ type: z.literal('instance-lifecycle'), event: instanceLifecycleEventSchema, sandboxId: id }),
  z.object({ type: z.literal('scheduled-action'), event: scheduledActionEventSchema, sandboxId: id }),
  z.object({
    type: z.literal('cloud_agent_session'),
    cliSessionId: id,
    category: cloudAgentSessionCategorySchema.optional(),
  }),
  z.object({ type: z.literal('low_balance'), organizationId: id }),
  z.object({ type: z.literal('security_finding'), findingId: id, scope: id }),
  z.object({
    type: z.literal('security_lifecycle'),
    event: securityLifecycleEventSchema,
    findingId: id,
    scope: id,
    remediationId: id.optional(),
    prUrl: id.optional(),
  }),
  z.object({ type: z.literal('spend_alert'), scope: spendAlertScopeSchema, organizationId: id.optional() }),
  z.looseObject({ type: z.literal('active_agents_glanceable'), needsInput: count }),
]);

/** The parsed `data` of a push. */
export type PushData = z.infer<typeof pushDataSchema>;

/** The `type` of a push. */
export type PushDataType = PushData['type'];

/** The variant of {@link PushData} with the given `type`. */
export type PushDataOfType<T extends PushDataType> = Extract<PushData, { type: T }>;

/** Every `type` this version of the package understands, in schema order. */
export const PUSH_DATA_TYPES = [
  'chat.message',
  'instance-lifecycle',
  'scheduled-action',
  'cloud_agent_session',
  'low_balance',
  'security_finding',
  'security_lifecycle',
  'spend_alert',
  'active_agents_glanceable',
] as const satisfies readonly PushDataType[];
