import * as z from 'zod';
import { contentBlockSchema } from '../schemas/content.js';
import { conversationListItemSchema } from '../schemas/conversation.js';
import { replyToMessageSnapshotSchema } from '../schemas/message.js';
import {
  actionGroupIdSchema,
  conversationTitleSchema,
  emojiSchema,
  execApprovalDecisionSchema,
  nonEmptyStringSchema,
  nonNegativeIntegerSchema,
  sandboxIdSchema,
  ulidSchema,
} from '../schemas/primitives.js';
import { capabilityListSchema, conversationStatusRequestSchema } from '../schemas/status.js';

// Conversation-context events: `/kiloclaw/<sandboxId>/<conversationId>`.

/**
 * `message.created` (conversation context, all human members including the
 * sender): a message was committed. `content` is canonical (trimmed text,
 * server attachment metadata); `clientId` echoes the request or is null.
 */
export const messageCreatedEventSchema = z.object({
  messageId: ulidSchema,
  senderId: nonEmptyStringSchema,
  content: z.array(contentBlockSchema),
  inReplyToMessageId: ulidSchema.nullable(),
  replyTo: replyToMessageSnapshotSchema.nullable(),
  clientId: ulidSchema.nullable(),
});

/**
 * `message.updated` (conversation context, humans): an edit was accepted
 * (`clientUpdatedAt` is its `timestamp`, Unix ms) or an action group was
 * resolved (`clientUpdatedAt` is null). `content` is the whole new content.
 */
export const messageUpdatedEventSchema = z.object({
  messageId: ulidSchema,
  content: z.array(contentBlockSchema),
  clientUpdatedAt: nonNegativeIntegerSchema.nullable(),
});

/** `message.deleted` (conversation context, humans): pushed on every successful delete, repeats included. */
export const messageDeletedEventSchema = z.object({
  messageId: ulidSchema,
});

/**
 * `message.delivery_failed` (conversation context, humans): the bot could not
 * get or process the message; pushed only when the flag turns on.
 */
export const messageDeliveryFailedEventSchema = z.object({
  messageId: ulidSchema,
});

/** `message.redelivered` (conversation context, humans): a redeliver cleared the failure flag. */
export const messageRedeliveredEventSchema = z.object({
  messageId: ulidSchema,
});

/**
 * `typing` (conversation context, humans including the typer): a member (user
 * id or `bot:kiloclaw:<sandboxId>`) is typing. The server has no typing
 * timeout and never sends `typing.stop` by itself, not even on send.
 */
export const typingEventSchema = z.object({
  memberId: nonEmptyStringSchema,
});

/** `typing.stop` (conversation context, humans): the member stopped typing; same payload as {@link typingEventSchema}. */
export const typingStopEventSchema = typingEventSchema;

/**
 * `reaction.added` (conversation context, humans): a reaction was added or
 * re-activated. `operationId` equals the id the add route returned.
 */
export const reactionAddedEventSchema = z.object({
  messageId: ulidSchema,
  operationId: ulidSchema,
  memberId: nonEmptyStringSchema,
  emoji: emojiSchema,
});

/**
 * `reaction.removed` (conversation context, humans): a live reaction was
 * removed. `operationId` equals the id the remove route returned.
 */
export const reactionRemovedEventSchema = z.object({
  messageId: ulidSchema,
  operationId: ulidSchema,
  memberId: nonEmptyStringSchema,
  emoji: emojiSchema,
});

/**
 * `action.executed` (conversation context): defined for completeness; current
 * servers never push it (they push `message.updated`) and send it to the
 * authoring bot as a webhook instead.
 */
export const actionExecutedEventSchema = z.object({
  conversationId: ulidSchema,
  messageId: ulidSchema,
  groupId: actionGroupIdSchema,
  value: execApprovalDecisionSchema,
  executedBy: nonEmptyStringSchema,
});

/**
 * `action.delivery_failed` (conversation context, humans): the bot never got
 * the answer, and the group's resolution was reverted. No `message.updated`
 * follows: clients must clear `resolved` on that group themselves.
 */
export const actionDeliveryFailedEventSchema = z.object({
  conversationId: ulidSchema,
  messageId: ulidSchema,
  groupId: actionGroupIdSchema,
});

/**
 * `conversation.status` (conversation context, only the sandbox owner): the
 * bot reported its context use in this conversation.
 */
export const conversationStatusEventSchema = z.object({
  conversationId: ulidSchema,
  ...conversationStatusRequestSchema.shape,
});

// Instance-context events: `/kiloclaw/<sandboxId>`.

/**
 * `conversation.created` (instance context, the new conversation's human
 * members): carries the recipient's list row, whose `conversationId` must
 * equal the event's.
 */
export const conversationCreatedEventSchema = z
  .object({
    conversationId: ulidSchema,
    conversation: conversationListItemSchema,
  })
  .refine((event) => event.conversation.conversationId === event.conversationId, {
    message: 'conversation.conversationId must equal conversationId',
    path: ['conversation', 'conversationId'],
  });

/**
 * `conversation.renamed` (instance context, humans): a member renamed the
 * conversation, or the server set its auto-title on the first text message.
 */
export const conversationRenamedEventSchema = z.object({
  conversationId: ulidSchema,
  title: conversationTitleSchema,
});

/** `conversation.left` (instance context, **only the user who left**). */
export const conversationLeftEventSchema = z.object({
  conversationId: ulidSchema,
});

/**
 * `conversation.read` (instance context, **only that user**): their read
 * marker moved forward, by mark-read or by sending a message. `lastReadAt` is
 * Unix ms (the ULID time of the message).
 */
export const conversationReadEventSchema = z.object({
  conversationId: ulidSchema,
  memberId: nonEmptyStringSchema,
  lastReadAt: nonNegativeIntegerSchema,
});

/**
 * `conversation.activity` (instance context, humans including the sender): a
 * message was created; `lastActivityAt` is its ULID time in Unix ms.
 */
export const conversationActivityEventSchema = z.object({
  conversationId: ulidSchema,
  lastActivityAt: nonNegativeIntegerSchema,
});

/**
 * `bot.status` (instance context, **only the sandbox owner**): the bot
 * reported its status, or the server found it unreachable (`online: false`).
 * Unknown capabilities are dropped.
 */
export const botStatusEventSchema = z.object({
  sandboxId: sandboxIdSchema,
  online: z.boolean(),
  at: nonNegativeIntegerSchema,
  capabilities: capabilityListSchema.optional(),
});

/** Payload of `message.created`; see {@link messageCreatedEventSchema}. */
export type MessageCreatedEvent = z.infer<typeof messageCreatedEventSchema>;
/** Payload of `message.updated`; see {@link messageUpdatedEventSchema}. */
export type MessageUpdatedEvent = z.infer<typeof messageUpdatedEventSchema>;
/** Payload of `message.deleted`; see {@link messageDeletedEventSchema}. */
export type MessageDeletedEvent = z.infer<typeof messageDeletedEventSchema>;
/** Payload of `message.delivery_failed`; see {@link messageDeliveryFailedEventSchema}. */
export type MessageDeliveryFailedEvent = z.infer<typeof messageDeliveryFailedEventSchema>;
/** Payload of `message.redelivered`; see {@link messageRedeliveredEventSchema}. */
export type MessageRedeliveredEvent = z.infer<typeof messageRedeliveredEventSchema>;
/** Payload of `typing`; see {@link typingEventSchema}. */
export type TypingEvent = z.infer<typeof typingEventSchema>;
/** Payload of `typing.stop`; see {@link typingStopEventSchema}. */
export type TypingStopEvent = z.infer<typeof typingStopEventSchema>;
/** Payload of `reaction.added`; see {@link reactionAddedEventSchema}. */
export type ReactionAddedEvent = z.infer<typeof reactionAddedEventSchema>;
/** Payload of `reaction.removed`; see {@link reactionRemovedEventSchema}. */
export type ReactionRemovedEvent = z.infer<typeof reactionRemovedEventSchema>;
/** Payload of `action.executed`; see {@link actionExecutedEventSchema}. */
export type ActionExecutedEvent = z.infer<typeof actionExecutedEventSchema>;
/** Payload of `action.delivery_failed`; see {@link actionDeliveryFailedEventSchema}. */
export type ActionDeliveryFailedEvent = z.infer<typeof actionDeliveryFailedEventSchema>;
/** Payload of `conversation.status`; see {@link conversationStatusEventSchema}. */
export type ConversationStatusEvent = z.infer<typeof conversationStatusEventSchema>;
/** Payload of `conversation.created`; see {@link conversationCreatedEventSchema}. */
export type ConversationCreatedEvent = z.infer<typeof conversationCreatedEventSchema>;
/** Payload of `conversation.renamed`; see {@link conversationRenamedEventSchema}. */
export type ConversationRenamedEvent = z.infer<typeof conversationRenamedEventSchema>;
/** Payload of `conversation.left`; see {@link conversationLeftEventSchema}. */
export type ConversationLeftEvent = z.infer<typeof conversationLeftEventSchema>;
/** Payload of `conversation.read`; see {@link conversationReadEventSchema}. */
export type ConversationReadEvent = z.infer<typeof conversationReadEventSchema>;
/** Payload of `conversation.activity`; see {@link conversationActivityEventSchema}. */
export type ConversationActivityEvent = z.infer<typeof conversationActivityEventSchema>;
/** Payload of `bot.status`; see {@link botStatusEventSchema}. */
export type BotStatusEvent = z.infer<typeof botStatusEventSchema>;
