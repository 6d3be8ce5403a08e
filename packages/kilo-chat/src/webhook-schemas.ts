// Bot webhooks: the payloads Kilo Chat sends to a sandbox's bot, the RPC
// envelope that routes them, and a never-throwing parser for plugin authors.
import * as z from 'zod';
import { summarizeIssues, toSchemaIssues } from './schema-issue.js';
import type { KiloChatSchemaIssue } from './schema-issue.js';
import {
  ATTACHMENT_FILENAME_MAX_CHARS,
  ATTACHMENT_MIME_TYPE_MAX_CHARS,
  MAX_ATTACHMENTS_PER_MESSAGE,
  actionGroupIdSchema,
  execApprovalDecisionSchema,
  maxCodeUnits,
  nonEmptyStringSchema,
  nonNegativeIntegerSchema,
  ulidSchema,
} from './schemas/primitives.js';

// ---------------------------------------------------------------------------
// Payload schemas
// ---------------------------------------------------------------------------

/**
 * An attachment as a webhook describes it: ULID id, MIME type (1–255
 * characters), size in bytes (integer ≥ 0) and filename (1–512 characters).
 * An empty file is a file: `size` 0 is accepted here as everywhere else on the
 * wire (upload init, stored attachment blocks, the download URL response).
 */
export const webhookAttachmentSchema = z.object({
  attachmentId: ulidSchema,
  mimeType: maxCodeUnits(z.string().min(1), ATTACHMENT_MIME_TYPE_MAX_CHARS),
  size: nonNegativeIntegerSchema,
  filename: maxCodeUnits(z.string().min(1), ATTACHMENT_FILENAME_MAX_CHARS),
});

const messageCreatedWebhookShape = {
  type: z.literal('message.created'),
  conversationId: nonEmptyStringSchema,
  messageId: nonEmptyStringSchema,
  from: nonEmptyStringSchema,
  text: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
  inReplyToMessageId: nonEmptyStringSchema.optional(),
  inReplyToBody: nonEmptyStringSchema.optional(),
  inReplyToSender: nonEmptyStringSchema.optional(),
  attachments: z.array(webhookAttachmentSchema).max(MAX_ATTACHMENTS_PER_MESSAGE).optional(),
};

function requireTextOrAttachments(
  webhook: { text: string; attachments?: readonly unknown[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if (webhook.text.length === 0 && (webhook.attachments?.length ?? 0) === 0) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'text must not be empty when there are no attachments' });
  }
}

/**
 * `message.created`: a member other than this bot posted a message.
 *
 * - `text` is every text block joined with no separator; `actions` blocks are
 *   not sent. It may be `""` only when `attachments` is non-empty.
 * - `attachments` (at most 10) is omitted when the message has none.
 * - `sentAt` is the ISO-8601 time of delivery, not of the message.
 * - `inReplyToMessageId` is set for replies; `inReplyToBody` (the parent's
 *   text) and `inReplyToSender` are omitted when the parent is gone or deleted.
 */
export const messageCreatedWebhookSchema = z.object(messageCreatedWebhookShape).superRefine(requireTextOrAttachments);

const actionExecutedWebhookShape = {
  type: z.literal('action.executed'),
  conversationId: nonEmptyStringSchema,
  messageId: nonEmptyStringSchema,
  groupId: actionGroupIdSchema,
  value: execApprovalDecisionSchema,
  executedBy: nonEmptyStringSchema,
  executedAt: nonEmptyStringSchema,
};

/**
 * `action.executed`: a member answered one of this bot's action groups. Sent
 * only to the bot that wrote the message, and only while it is a member.
 * `executedAt` is an ISO-8601 time.
 */
export const actionExecutedWebhookSchema = z.object(actionExecutedWebhookShape);

const botStatusRequestWebhookShape = {
  type: z.literal('bot.status_request'),
};

/**
 * `bot.status_request`: the sandbox owner wants a fresh status. Answer by
 * posting to the bot-status route.
 */
export const botStatusRequestWebhookSchema = z.object(botStatusRequestWebhookShape);

/** Any webhook body a bot receives, discriminated on `type`. */
export const chatWebhookSchema = z.discriminatedUnion('type', [
  messageCreatedWebhookSchema,
  actionExecutedWebhookSchema,
  botStatusRequestWebhookSchema,
]);

const targetBotIdShape = { targetBotId: nonEmptyStringSchema };

/**
 * The webhook as Kilo Chat hands it to the routing service: any
 * {@link chatWebhookSchema} body plus `targetBotId` (`bot:kiloclaw:<sandboxId>`),
 * which the router removes before forwarding to the bot.
 */
export const chatWebhookRpcSchema = z.discriminatedUnion('type', [
  z.object({ ...messageCreatedWebhookShape, ...targetBotIdShape }).superRefine(requireTextOrAttachments),
  z.object({ ...actionExecutedWebhookShape, ...targetBotIdShape }),
  z.object({ ...botStatusRequestWebhookShape, ...targetBotIdShape }),
]);

/** An attachment in a webhook; see {@link webhookAttachmentSchema}. */
export type WebhookAttachment = z.infer<typeof webhookAttachmentSchema>;
/** A `message.created` webhook; see {@link messageCreatedWebhookSchema}. */
export type MessageCreatedWebhook = z.infer<typeof messageCreatedWebhookSchema>;
/** An `action.executed` webhook; see {@link actionExecutedWebhookSchema}. */
export type ActionExecutedWebhook = z.infer<typeof actionExecutedWebhookSchema>;
/** A `bot.status_request` webhook; see {@link botStatusRequestWebhookSchema}. */
export type BotStatusRequestWebhook = z.infer<typeof botStatusRequestWebhookSchema>;
/** Any webhook body; see {@link chatWebhookSchema}. */
export type ChatWebhook = z.infer<typeof chatWebhookSchema>;
/** A webhook with its routing field; see {@link chatWebhookRpcSchema}. */
export type ChatWebhookRpc = z.infer<typeof chatWebhookRpcSchema>;

// ---------------------------------------------------------------------------
// Safe parsing
// ---------------------------------------------------------------------------

/**
 * Why a webhook could not be parsed: `invalid_json` (a string input that is
 * not JSON) or `invalid_webhook` (the value does not match any webhook shape).
 */
export type KiloChatWebhookParseErrorCode = 'invalid_json' | 'invalid_webhook';

/**
 * Returned (never thrown) by {@link parseWebhook}. Switch on `code`; `issues`
 * says where the body was wrong (paths start at the body root). A good HTTP
 * answer is 400.
 */
export class KiloChatWebhookParseError extends Error {
  /** Machine-readable reason. */
  readonly code: KiloChatWebhookParseErrorCode;
  /** What was wrong; for `invalid_json` a single issue with code `invalid_json`. */
  readonly issues: KiloChatSchemaIssue[];

  /**
   * @param code - machine-readable reason.
   * @param message - human-readable description; never includes body values.
   * @param issues - where the body was wrong.
   */
  constructor(code: KiloChatWebhookParseErrorCode, message: string, issues: KiloChatSchemaIssue[]) {
    super(message);
    this.name = 'KiloChatWebhookParseError';
    this.code = code;
    this.issues = issues;
  }
}

/** Result of {@link parseWebhook}, discriminated on `success`. */
export type ParseWebhookResult =
  | { success: true; webhook: ChatWebhook }
  | { success: false; error: KiloChatWebhookParseError };

function invalidJson(): ParseWebhookResult {
  const message = 'webhook body is not valid JSON';
  return {
    success: false,
    error: new KiloChatWebhookParseError('invalid_json', `Invalid webhook: ${message}`, [
      { path: [], code: 'invalid_json', message },
    ]),
  };
}

/**
 * Validates a webhook body without ever throwing. Pass the parsed JSON value,
 * or the raw body text (it is parsed as JSON first). A `targetBotId`, if
 * present, is dropped like any unknown key.
 *
 * @example
 * const result = parseWebhook(await request.text());
 * if (!result.success) return new Response(result.error.message, { status: 400 });
 * if (result.webhook.type === 'message.created') reply(result.webhook.text);
 */
export function parseWebhook(input: unknown): ParseWebhookResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return invalidJson();
    }
  }
  try {
    const parsed = chatWebhookSchema.safeParse(value);
    if (parsed.success) return { success: true, webhook: parsed.data };
    const issues = toSchemaIssues(parsed.error);
    return {
      success: false,
      error: new KiloChatWebhookParseError('invalid_webhook', `Invalid webhook: ${summarizeIssues(issues)}`, issues),
    };
  } catch {
    // Only exotic inputs get here (e.g. a proxy whose traps throw).
    const message = 'the webhook body could not be read';
    return {
      success: false,
      error: new KiloChatWebhookParseError('invalid_webhook', `Invalid webhook: ${message}`, [
        { path: [], code: 'unreadable', message },
      ]),
    };
  }
}
