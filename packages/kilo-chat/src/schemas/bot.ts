import * as z from 'zod';
import { enrichedConversationMemberSchema } from './conversation.js';
import { createConversationResponseSchema } from './conversation-requests.js';
import { messageListResponseSchema } from './message-requests.js';
import { okResponseSchema } from './ok-response.js';
import { cursorPaginationQuerySchema } from './pagination.js';
import {
  DELIVERY_FAILURE_REASON_MAX_CHARS,
  conversationTitleSchema,
  maxCodeUnits,
  nonEmptyStringSchema,
  nonNegativeIntegerSchema,
} from './primitives.js';

/**
 * Most `additionalMembers` a bot-created conversation request may list: 20.
 * The server currently rejects any non-empty list.
 */
export const BOT_ADDITIONAL_MEMBERS_MAX = 20;

/** Response of `GET …/conversations/:id/members` (B9): the conversation's active members. */
export const botGetMembersResponseSchema = z.object({
  members: z.array(enrichedConversationMemberSchema),
});

/**
 * One row of a bot's conversation list (B11): the conversation, its title,
 * its last activity (Unix ms, null before the first message) and its members.
 */
export const botConversationSummarySchema = z.object({
  conversationId: nonEmptyStringSchema,
  title: z.string().nullable(),
  lastActivityAt: nonNegativeIntegerSchema.nullable(),
  members: z.array(enrichedConversationMemberSchema),
});

/** Query of `GET …/conversations` for bots (B11): cursor pagination; see {@link cursorPaginationQuerySchema}. */
export const botListConversationsQuerySchema = cursorPaginationQuerySchema;

/**
 * Response of the bot conversation list (B11): the bot's conversations in this
 * sandbox, ordered and paged like the human list.
 */
export const botListConversationsResponseSchema = z.object({
  conversations: z.array(botConversationSummarySchema),
  hasMore: z.boolean(),
  nextCursor: nonEmptyStringSchema.nullable(),
});

/** Response of the bot message list (B8); the same as {@link messageListResponseSchema}. */
export const botListMessagesResponseSchema = messageListResponseSchema;

/**
 * Body of `POST …/conversations` for bots (B12): an optional title, and
 * `additionalMembers` (at most 20 non-empty ids), which the server currently
 * refuses when non-empty. The members are always the sandbox owner and the bot.
 */
export const createBotConversationRequestSchema = z.object({
  title: conversationTitleSchema.optional(),
  additionalMembers: z.array(nonEmptyStringSchema).max(BOT_ADDITIONAL_MEMBERS_MAX).optional(),
});

/** Response (201) of a bot-created conversation; the same as {@link createConversationResponseSchema}. */
export const createBotConversationResponseSchema = createConversationResponseSchema;

/**
 * Optional body of `POST …/messages/:id/delivery-failed` (B15): a `reason` of
 * at most 1000 characters. Other keys are kept, not rejected.
 */
export const messageDeliveryFailedRequestSchema = z.looseObject({
  reason: maxCodeUnits(z.string(), DELIVERY_FAILURE_REASON_MAX_CHARS).optional(),
});

/**
 * Body of `POST …/actions/:groupId/delivery-failed` (B16): the message holding
 * the group, and an optional `reason` of at most 1000 characters.
 */
export const actionDeliveryFailedRequestSchema = z.object({
  messageId: nonEmptyStringSchema,
  reason: maxCodeUnits(z.string(), DELIVERY_FAILURE_REASON_MAX_CHARS).optional(),
});

/**
 * Response of both delivery-failed routes: `{ ok: true }`. (Older servers
 * answered 202; the HTTP client maps that for you.)
 */
export const deliveryFailedResponseSchema = okResponseSchema;

/** Response of the bot member list; see {@link botGetMembersResponseSchema}. */
export type BotGetMembersResponse = z.infer<typeof botGetMembersResponseSchema>;
/** One row of a bot's conversation list; see {@link botConversationSummarySchema}. */
export type BotConversationSummary = z.infer<typeof botConversationSummarySchema>;
/** Query of the bot conversation list; see {@link botListConversationsQuerySchema}. */
export type BotListConversationsQuery = z.infer<typeof botListConversationsQuerySchema>;
/** Response of the bot conversation list; see {@link botListConversationsResponseSchema}. */
export type BotListConversationsResponse = z.infer<typeof botListConversationsResponseSchema>;
/** Response of the bot message list; see {@link botListMessagesResponseSchema}. */
export type BotListMessagesResponse = z.infer<typeof botListMessagesResponseSchema>;
/** Body of a bot conversation create; see {@link createBotConversationRequestSchema}. */
export type CreateBotConversationRequest = z.infer<typeof createBotConversationRequestSchema>;
/** Response of a bot conversation create; see {@link createBotConversationResponseSchema}. */
export type CreateBotConversationResponse = z.infer<typeof createBotConversationResponseSchema>;
/** Body of message delivery-failed; see {@link messageDeliveryFailedRequestSchema}. */
export type MessageDeliveryFailedRequest = z.infer<typeof messageDeliveryFailedRequestSchema>;
/** Body of action delivery-failed; see {@link actionDeliveryFailedRequestSchema}. */
export type ActionDeliveryFailedRequest = z.infer<typeof actionDeliveryFailedRequestSchema>;
/** Response of the delivery-failed routes; see {@link deliveryFailedResponseSchema}. */
export type DeliveryFailedResponse = z.infer<typeof deliveryFailedResponseSchema>;
