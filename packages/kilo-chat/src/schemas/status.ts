import * as z from 'zod';
import { nonEmptyStringSchema, nonNegativeIntegerSchema } from './primitives.js';

/** Every capability a bot may announce. `attachments`: it can receive attachment webhooks. */
export const KNOWN_CAPABILITIES = ['attachments'] as const;

/** One known bot capability (strict: unknown values fail). */
export const capabilitySchema = z.enum(KNOWN_CAPABILITIES);

const knownCapabilities: ReadonlySet<string> = new Set(KNOWN_CAPABILITIES);

/**
 * A list of capabilities, read leniently: it must be an array of strings, and
 * strings this SDK does not know are dropped instead of failing, so a newer
 * bot never breaks an older reader. `['attachments', 'foo']` parses to
 * `['attachments']` and `['foo']` to `[]`.
 */
export const capabilityListSchema = z
  .array(z.string())
  .transform((values) => values.filter((value): value is Capability => knownCapabilities.has(value)));

/**
 * Body of `POST …/bot-status` (B13): whether the bot is online, as of `at`
 * (Unix ms, the bot's clock), and what it can do. Unknown capabilities are
 * filtered out.
 */
export const botStatusRequestSchema = z.object({
  online: z.boolean(),
  at: nonNegativeIntegerSchema,
  capabilities: capabilityListSchema.optional(),
});

/**
 * A stored bot status: the request fields plus `updatedAt`, the server's
 * receive time in Unix ms. An empty capability list is stored as absent, so
 * `capabilities` is either omitted or non-empty when read back.
 */
export const botStatusRecordSchema = botStatusRequestSchema.extend({
  updatedAt: nonNegativeIntegerSchema,
});

/**
 * Body of `POST …/conversations/:id/conversation-status` (B14): the model's
 * context use in one conversation. Every number is an integer ≥ 0 (zero
 * allowed); `at` is Unix ms on the bot's clock.
 */
export const conversationStatusRequestSchema = z.object({
  contextTokens: nonNegativeIntegerSchema,
  contextWindow: nonNegativeIntegerSchema,
  model: z.string().nullable(),
  provider: z.string().nullable(),
  at: nonNegativeIntegerSchema,
});

/** A stored conversation status: `conversationId`, the request fields and `updatedAt` (server Unix ms). */
export const conversationStatusRecordSchema = z.object({
  conversationId: nonEmptyStringSchema,
  ...conversationStatusRequestSchema.shape,
  updatedAt: nonNegativeIntegerSchema,
});

/** Response of `GET /v1/sandboxes/:sandboxId/bot-status` (H19): the stored status, or null. */
export const getBotStatusResponseSchema = z.object({
  status: botStatusRecordSchema.nullable(),
});

/**
 * Response of `POST /v1/sandboxes/:sandboxId/request-bot-status` (H20): the
 * status stored before the request, or null. When it was updated less than
 * 10 s ago the server does not ask the bot again. (Older servers answered 202,
 * `{ ok: true }` or `{ ok: true, dedupe: 'fresh' }`; the HTTP client maps those
 * to `cached: null`.)
 */
export const requestBotStatusResponseSchema = z.object({
  ok: z.literal(true),
  cached: botStatusRecordSchema.nullable(),
});

/** Response of `GET /v1/conversations/:id/conversation-status` (H21): the stored status, or null. */
export const getConversationStatusResponseSchema = z.object({
  status: conversationStatusRecordSchema.nullable(),
});

/** A known capability; see {@link capabilitySchema}. */
export type Capability = z.infer<typeof capabilitySchema>;
/** Body of bot-status; see {@link botStatusRequestSchema}. */
export type BotStatusRequest = z.infer<typeof botStatusRequestSchema>;
/** A stored bot status; see {@link botStatusRecordSchema}. */
export type BotStatusRecord = z.infer<typeof botStatusRecordSchema>;
/** Body of conversation-status; see {@link conversationStatusRequestSchema}. */
export type ConversationStatusRequest = z.infer<typeof conversationStatusRequestSchema>;
/** A stored conversation status; see {@link conversationStatusRecordSchema}. */
export type ConversationStatusRecord = z.infer<typeof conversationStatusRecordSchema>;
/** Response of get-bot-status; see {@link getBotStatusResponseSchema}. */
export type GetBotStatusResponse = z.infer<typeof getBotStatusResponseSchema>;
/** Response of request-bot-status; see {@link requestBotStatusResponseSchema}. */
export type RequestBotStatusResponse = z.infer<typeof requestBotStatusResponseSchema>;
/** Response of get-conversation-status; see {@link getConversationStatusResponseSchema}. */
export type GetConversationStatusResponse = z.infer<typeof getConversationStatusResponseSchema>;
