/**
 * The Kilo Chat HTTP routes as data: one entry per human route (`H1`–`H21`,
 * JWT on `/v1`) and per bot route (`B1`–`B18`, gateway token on
 * `/bot/v1/sandboxes/{sandboxId}`).
 *
 * The clients dispatch through this table, the OpenAPI generator
 * (`scripts/spec/kilo-chat-openapi.ts`) publishes it, and the mock server and
 * conformance suite read it, so the four can never disagree about a method,
 * a path or a schema.
 */
import * as z from 'zod';
import type { ZodType } from 'zod';
import {
  actionDeliveryFailedRequestSchema,
  actionGroupIdSchema,
  addReactionResponseSchema,
  attachmentGetUrlQuerySchema,
  attachmentGetUrlResponseSchema,
  attachmentInitRequestSchema,
  attachmentInitResponseSchema,
  botGetMembersResponseSchema,
  botListConversationsQuerySchema,
  botListConversationsResponseSchema,
  botListMessagesResponseSchema,
  botStatusRequestSchema,
  conversationDetailResponseSchema,
  conversationListResponseSchema,
  conversationStatusRequestSchema,
  createBotConversationRequestSchema,
  createBotConversationResponseSchema,
  createConversationRequestSchema,
  createConversationResponseSchema,
  createMessageRequestSchema,
  createMessageResponseSchema,
  deleteMessageQuerySchema,
  editMessageRequestSchema,
  editMessageResponseSchema,
  executeActionRequestSchema,
  executeActionResponseSchema,
  getBotStatusResponseSchema,
  getConversationStatusResponseSchema,
  listConversationsQuerySchema,
  listMessagesQuerySchema,
  markConversationReadRequestSchema,
  markConversationReadResponseSchema,
  messageDeliveryFailedRequestSchema,
  messageListResponseSchema,
  okResponseSchema,
  reactionRequestBodySchema,
  removeReactionQuerySchema,
  removeReactionResponseSchema,
  renameConversationRequestSchema,
  requestBotStatusResponseSchema,
  sandboxIdSchema,
  ulidSchema,
} from './schemas';

/** Ids of the human routes, numbered as in `spec/kilo-chat.md §13`. */
export type KiloChatHumanRouteId =
  | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'H7' | 'H8' | 'H9' | 'H10' | 'H11'
  | 'H12' | 'H13' | 'H14' | 'H15' | 'H16' | 'H17' | 'H18' | 'H19' | 'H20' | 'H21';

/** Ids of the bot routes, numbered as in `spec/kilo-chat.md §13`. */
export type KiloChatBotRouteId =
  | 'B1' | 'B2' | 'B3' | 'B4' | 'B5' | 'B6' | 'B7' | 'B8' | 'B9'
  | 'B10' | 'B11' | 'B12' | 'B13' | 'B14' | 'B15' | 'B16' | 'B17' | 'B18';

/** The id of any route. */
export type KiloChatRouteId = KiloChatHumanRouteId | KiloChatBotRouteId;

/** HTTP methods the Kilo Chat API uses. */
export type KiloChatHttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One documented failure of a route: the status and the server's `error` text. */
export interface KiloChatRouteError {
  /** HTTP status. */
  readonly status: number;
  /** The `error` string of the body, or a description in parentheses when it varies. */
  readonly error: string;
  /** When the server answers this way. */
  readonly when: string;
}

/** One row of the route table. */
export interface KiloChatRoute {
  /** `H1`–`H21` (human) or `B1`–`B18` (bot). */
  readonly id: KiloChatRouteId;
  /** OpenAPI `operationId`; for human routes, the `KiloChatClient` method name. */
  readonly operationId: string;
  /** One-line description. */
  readonly summary: string;
  /** HTTP method. */
  readonly method: KiloChatHttpMethod;
  /** Path template with `{name}` placeholders, e.g. `/v1/conversations/{conversationId}`. */
  readonly path: string;
  /** `user`: Kilo JWT bearer. `bot`: gateway-token bearer (HMAC of the sandbox id). */
  readonly auth: 'user' | 'bot';
  /** Schema of the path placeholders, keyed by placeholder name. */
  readonly params?: z.ZodObject;
  /** Schema of the JSON body; absent when the route takes no body. */
  readonly body?: ZodType;
  /** True when the body may be omitted entirely (B15). */
  readonly bodyOptional?: boolean;
  /** Schema of the query string; absent when the route takes no query. */
  readonly query?: z.ZodObject;
  /** Schema of the success body. */
  readonly response: ZodType;
  /** The status of a success, per the newest server. */
  readonly successStatus: number;
  /** Other success statuses with the same body (H13/B6: 200 for an already-live reaction). */
  readonly otherSuccessStatuses?: readonly number[];
  /** Which client deadline applies: `send` (30 s) or `controlPlane` (15 s). */
  readonly deadline: 'send' | 'controlPlane';
  /**
   * How `KiloChatClient` gates the call. `admitted`: a mutation that captures
   * an operation (see `KiloChatClient.captureOperation`). `ownerOnly`: checks
   * ownership but captures no operation. `read`: a GET. The bot client has no
   * ownership model; for bot routes this only tells mutations from reads.
   */
  readonly admission: 'admitted' | 'ownerOnly' | 'read';
  /** Route-specific failures, besides 401 (bad token) and 400 `Invalid JSON`. */
  readonly errors: readonly KiloChatRouteError[];
}

const conversationParams = z.object({ conversationId: ulidSchema });
const messageParams = z.object({ messageId: ulidSchema });
const conversationMessageParams = z.object({ conversationId: ulidSchema, messageId: ulidSchema });
const attachmentParams = z.object({ attachmentId: ulidSchema });
const sandboxParams = z.object({ sandboxId: sandboxIdSchema });
const botConversationParams = sandboxParams.extend({ conversationId: ulidSchema });
const botConversationMessageParams = sandboxParams.extend({ conversationId: ulidSchema, messageId: ulidSchema });
const botActionGroupParams = sandboxParams.extend({ conversationId: ulidSchema, groupId: actionGroupIdSchema });

const e = (status: number, error: string, when: string): KiloChatRouteError => ({ status, error, when });
const invalidRequest = e(400, 'Invalid request', 'the body fails its schema; `issues` holds the zod issues');
const invalidQuery = e(400, 'Invalid query parameters', 'the query fails its schema; `issues` holds the zod issues');
const invalidConversationId = e(400, 'Invalid conversation ID', 'the path conversation id is not a ULID');
const invalidMessageId = e(400, 'Invalid message ID', 'the path message id is not a ULID');
const invalidReactionQuery = e(400, 'Invalid request', 'the query fails its schema; `issues` holds the zod issues');
const notMember = e(403, 'Forbidden', 'the caller is not an active member of the conversation');
const badGateway = e(502, 'Bad Gateway', 'pushing the status event failed');
// Errors a human route shares with a bot twin that overrides its error list.
const conversationNotInitialized = e(500, 'Conversation not initialized', 'the conversation id is unknown');
const notSender = e(403, 'Forbidden', 'not the sender, or no longer a member');
const messageGone = e(404, 'Not found', 'the message is missing or deleted');
const messageUnknown = e(404, 'Not found', 'the message does not exist');
const messageNotFound = e(404, 'Message not found', 'the message is missing or deleted');
const cannotAddAttachments = e(409, 'Cannot add attachments', 'the edit adds an attachment block');
const invalidDeleteQuery = e(400, 'Invalid or missing conversationId query parameter', 'conversationId is missing or not a ULID');
const invalidAttachmentId = e(400, 'Invalid attachment ID', 'the path id is not a ULID');
const missingConversationQuery = e(400, 'Missing conversationId query parameter', 'conversationId is absent');
const attachmentNotFound = e(404, 'Attachment not found', 'unknown, or not linked to a message yet');

/** The human routes, H1–H21; the bot twins below are derived from them. */
const humanRoutes = {
  H1: {
    id: 'H1',
    operationId: 'createConversation',
    summary: 'Create a conversation between the caller and the bot of a sandbox they own.',
    method: 'POST',
    path: '/v1/conversations',
    auth: 'user',
    body: createConversationRequestSchema,
    response: createConversationResponseSchema,
    successStatus: 201,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      invalidRequest,
      e(403, 'Only users can create conversations', 'the caller is not a user'),
      e(403, 'You do not have access to this sandbox', 'the caller does not own the sandbox'),
      e(500, 'Failed to initialize conversation', 'the conversation could not be created'),
    ],
  },
  H2: {
    id: 'H2',
    operationId: 'listConversations',
    summary: "List the caller's conversations, most recently active first (cursor pagination).",
    method: 'GET',
    path: '/v1/conversations',
    auth: 'user',
    query: listConversationsQuerySchema,
    response: conversationListResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
    errors: [invalidQuery, e(400, 'Invalid cursor', 'the cursor does not decode')],
  },
  H3: {
    id: 'H3',
    operationId: 'getConversation',
    summary: 'Get a conversation with its active members.',
    method: 'GET',
    path: '/v1/conversations/{conversationId}',
    auth: 'user',
    params: conversationParams,
    response: conversationDetailResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
    errors: [invalidConversationId, e(403, 'Forbidden', 'the caller is not an active member, or the conversation does not exist')],
  },
  H4: {
    id: 'H4',
    operationId: 'renameConversation',
    summary: 'Rename a conversation.',
    method: 'PATCH',
    path: '/v1/conversations/{conversationId}',
    auth: 'user',
    params: conversationParams,
    body: renameConversationRequestSchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [invalidConversationId, invalidRequest, notMember],
  },
  H5: {
    id: 'H5',
    operationId: 'leaveConversation',
    summary: 'Leave a conversation (users only).',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/leave',
    auth: 'user',
    params: conversationParams,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [invalidConversationId, e(403, 'Only users can leave conversations', 'the caller is a bot'), notMember],
  },
  H6: {
    id: 'H6',
    operationId: 'markConversationRead',
    summary: 'Advance the read marker (monotonic) and clear the badge when the marker reaches the newest message.',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/mark-read',
    auth: 'user',
    params: conversationParams,
    body: markConversationReadRequestSchema,
    response: markConversationReadResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      invalidConversationId,
      invalidRequest,
      e(400, 'Message does not belong to conversation', 'lastSeenMessageId is not in this conversation'),
      notMember,
      e(503, 'Failed to clear notification badge', 'retryable; the read marker is already stored'),
    ],
  },
  H7: {
    id: 'H7',
    operationId: 'sendMessage',
    summary: 'Send a message.',
    method: 'POST',
    path: '/v1/messages',
    auth: 'user',
    body: createMessageRequestSchema,
    response: createMessageResponseSchema,
    successStatus: 201,
    deadline: 'send',
    admission: 'admitted',
    errors: [
      invalidRequest,
      e(400, 'Attachment not found', 'an attachment block names an unknown attachment'),
      e(400, 'At most 10 attachments per message', 'more than 10 attachment blocks'),
      e(403, 'Forbidden', 'not a member, or the attachment was uploaded by someone else'),
      e(409, 'Attachment is already linked', 'the attachment belongs to another message'),
      e(409, 'Attachment upload is missing', 'the attachment bytes were never uploaded'),
      e(409, '(size mismatch)', 'the uploaded size differs from the declared size'),
      conversationNotInitialized,
    ],
  },
  H8: {
    id: 'H8',
    operationId: 'listMessagesPage',
    summary: 'List messages newest first; pass `nextCursor` back as `before` for the next page.',
    method: 'GET',
    path: '/v1/conversations/{conversationId}/messages',
    auth: 'user',
    params: conversationParams,
    query: listMessagesQuerySchema,
    response: messageListResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
    errors: [invalidConversationId, invalidQuery, notMember],
  },
  H9: {
    id: 'H9',
    operationId: 'editMessage',
    summary: 'Replace the content of an own message (timestamp last-writer-wins).',
    method: 'PATCH',
    path: '/v1/messages/{messageId}',
    auth: 'user',
    params: messageParams,
    body: editMessageRequestSchema,
    response: editMessageResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      invalidMessageId,
      invalidRequest,
      notSender,
      messageGone,
      e(409, 'Edit conflict', 'the timestamp is not newer than the last accepted edit; the body adds `messageId`'),
      cannotAddAttachments,
    ],
  },
  H10: {
    id: 'H10',
    operationId: 'deleteMessage',
    summary: 'Soft-delete an own message.',
    method: 'DELETE',
    path: '/v1/messages/{messageId}',
    auth: 'user',
    params: messageParams,
    query: deleteMessageQuerySchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      invalidMessageId,
      invalidDeleteQuery,
      notSender,
      messageUnknown,
    ],
  },
  H11: {
    id: 'H11',
    operationId: 'executeAction',
    summary: 'Resolve an action group of a message with one of its offered values.',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/messages/{messageId}/execute-action',
    auth: 'user',
    params: conversationMessageParams,
    body: executeActionRequestSchema,
    response: executeActionResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      invalidRequest,
      e(400, 'Value does not match any offered action', 'the value is not among the offered actions'),
      e(403, 'Not a member', 'the caller is not an active member'),
      messageNotFound,
      e(404, 'Action group not found', 'the message has no such action group'),
      e(409, 'Action already resolved', 'the group was resolved before'),
    ],
  },
  H12: {
    id: 'H12',
    operationId: 'redeliverMessage',
    summary: 'Queue a failed message for delivery to the bot again.',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/messages/{messageId}/redeliver',
    auth: 'user',
    params: conversationMessageParams,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      e(403, 'Forbidden', 'not the sender, or not an active member'),
      messageGone,
      e(409, '(no single bot)', 'no active bot, or more than one'),
    ],
  },
  H13: {
    id: 'H13',
    operationId: 'addReaction',
    summary: 'Add a reaction; 201 when added or re-activated, 200 with the same id when already live.',
    method: 'POST',
    path: '/v1/messages/{messageId}/reactions',
    auth: 'user',
    params: messageParams,
    body: reactionRequestBodySchema,
    response: addReactionResponseSchema,
    successStatus: 201,
    otherSuccessStatuses: [200],
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      invalidMessageId,
      invalidRequest,
      e(403, 'Not a member', 'the caller is not an active member'),
      messageNotFound,
    ],
  },
  H14: {
    id: 'H14',
    operationId: 'removeReaction',
    summary: 'Remove a reaction (query parameters, no body); idempotent.',
    method: 'DELETE',
    path: '/v1/messages/{messageId}/reactions',
    auth: 'user',
    params: messageParams,
    query: removeReactionQuerySchema,
    response: removeReactionResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [invalidMessageId, invalidReactionQuery, notMember, messageNotFound],
  },
  H15: {
    id: 'H15',
    operationId: 'sendTyping',
    summary: 'Tell the other members the caller is typing.',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/typing',
    auth: 'user',
    params: conversationParams,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [invalidConversationId, notMember],
  },
  H16: {
    id: 'H16',
    operationId: 'sendTypingStop',
    summary: 'Tell the other members the caller stopped typing.',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/typing/stop',
    auth: 'user',
    params: conversationParams,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'ownerOnly',
    errors: [invalidConversationId, notMember],
  },
  H17: {
    id: 'H17',
    operationId: 'initAttachment',
    summary: 'Reserve an attachment and get a presigned PUT URL (15 minutes).',
    method: 'POST',
    path: '/v1/attachments/init',
    auth: 'user',
    body: attachmentInitRequestSchema,
    response: attachmentInitResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [invalidRequest, notMember, e(503, 'R2 credentials unavailable', 'storage credentials are missing')],
  },
  H18: {
    id: 'H18',
    operationId: 'getAttachmentUrl',
    summary: 'Get a presigned GET URL (60 minutes) for a linked attachment.',
    method: 'GET',
    path: '/v1/attachments/{attachmentId}/url',
    auth: 'user',
    params: attachmentParams,
    query: attachmentGetUrlQuerySchema,
    response: attachmentGetUrlResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
    errors: [
      invalidAttachmentId,
      missingConversationQuery,
      e(400, 'Invalid conversationId', 'conversationId is not a ULID'),
      notMember,
      attachmentNotFound,
      e(503, 'R2 credentials unavailable', 'storage credentials are missing'),
    ],
  },
  H19: {
    id: 'H19',
    operationId: 'getBotStatus',
    summary: "Read the stored status of a sandbox's bot (owner only).",
    method: 'GET',
    path: '/v1/sandboxes/{sandboxId}/bot-status',
    auth: 'user',
    params: sandboxParams,
    response: getBotStatusResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
    errors: [
      e(400, 'Invalid sandboxId', 'the sandbox id does not match the grammar'),
      e(403, 'forbidden', 'the caller does not own the sandbox'),
      e(404, 'sandbox_not_found', 'the sandbox has no owner'),
    ],
  },
  H20: {
    id: 'H20',
    operationId: 'requestBotStatus',
    summary: 'Ask the bot to report its status, unless a status younger than 10 s is stored (owner only).',
    method: 'POST',
    path: '/v1/sandboxes/{sandboxId}/request-bot-status',
    auth: 'user',
    params: sandboxParams,
    response: requestBotStatusResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'ownerOnly',
    errors: [
      e(400, 'Invalid sandboxId', 'the sandbox id does not match the grammar'),
      e(403, 'forbidden', 'the caller does not own the sandbox'),
    ],
  },
  H21: {
    id: 'H21',
    operationId: 'getConversationStatus',
    summary: "Read the bot's stored context-window status for a conversation.",
    method: 'GET',
    path: '/v1/conversations/{conversationId}/conversation-status',
    auth: 'user',
    params: conversationParams,
    response: getConversationStatusResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
    errors: [
      e(400, 'Invalid conversationId', 'the path id is not a ULID'),
      e(403, 'forbidden', 'the caller is not a user member'),
      e(404, 'conversation_not_found', 'no such conversation, or it has no bot member'),
    ],
  },
} as const satisfies { readonly [K in KiloChatHumanRouteId]: KiloChatRoute & { readonly id: K } };

/** What a bot twin states itself: its identity, and whatever really differs from its human route. */
type BotTwinOwn = Pick<KiloChatRoute, 'id' | 'operationId' | 'summary'> &
  Partial<Pick<KiloChatRoute, 'response' | 'admission' | 'errors'>>;

/** `/v1/…` → `/bot/v1/sandboxes/{sandboxId}/…`. */
type BotPath<P extends string> = P extends `/v1/${infer Rest}` ? `/bot/v1/sandboxes/{sandboxId}/${Rest}` : never;

/** The human path params with `sandboxId` in front. */
type BotParams<H extends KiloChatRoute> = H extends { readonly params: z.ZodObject<infer Shape> }
  ? ReturnType<typeof sandboxParams.extend<Shape>>
  : typeof sandboxParams;

/** The route `botTwin(human, own)` returns, with the precise types of both. */
type BotTwin<H extends KiloChatRoute, O extends BotTwinOwn> = Flat<
  Omit<H, keyof O | 'path' | 'auth' | 'params'> &
    O & { readonly path: BotPath<H['path']>; readonly auth: 'bot'; readonly params: BotParams<H> }
>;

/** Spells an intersection out as one object type. */
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * The bot route that shares the handler of `human` (`spec/kilo-chat.md §13.4`,
 * "Same as"): the same method, body, query, response, statuses, deadline,
 * admission and errors, under `/bot/v1/sandboxes/{sandboxId}` with gateway
 * auth and `sandboxId` added in front of the path params. `own` names the bot
 * route and overrides what really differs. The bot auth errors are not added
 * here: they are `kiloChatBotAuthErrors`, common to every bot route.
 */
function botTwin<const H extends KiloChatRoute, const O extends BotTwinOwn>(human: H, own: O): BotTwin<H, O> {
  const { id, operationId, summary, ...differences } = own;
  // Written in table order (id, operationId, summary, method, path, auth, params, …) so a twin reads like a written-out row.
  const { id: _id, operationId: _operationId, summary: _summary, method, path, auth: _auth, params, ...contract } = human;
  return {
    id,
    operationId,
    summary,
    method,
    path: `/bot/v1/sandboxes/{sandboxId}${path.slice('/v1'.length)}`,
    auth: 'bot',
    params: params === undefined ? sandboxParams : sandboxParams.extend(params.shape),
    ...contract,
    ...differences,
  } as unknown as BotTwin<H, O>; // TS cannot follow `path` and `params` into BotPath and BotParams
}

/**
 * Every route, keyed by id. Each entry keeps its precise schema types, so
 * `z.output<typeof kiloChatRoutes.H7.response>` is the create-message response.
 */
export const kiloChatRoutes = {
  ...humanRoutes,

  B1: botTwin(humanRoutes.H7, {
    id: 'B1',
    operationId: 'botSendMessage',
    summary: 'Send a message as the bot (as H7).',
    errors: [
      invalidRequest,
      e(403, 'Forbidden', 'the bot is not a member, or the attachment was uploaded by someone else'),
      e(409, '(attachment state)', 'as H7'),
      conversationNotInitialized,
    ],
  }),
  B2: botTwin(humanRoutes.H9, {
    id: 'B2',
    operationId: 'botEditMessage',
    summary: 'Edit a message the bot sent (as H9).',
    errors: [
      invalidMessageId,
      invalidRequest,
      notSender,
      messageGone,
      e(409, 'Edit conflict', 'stale timestamp; the body adds `messageId`'),
      cannotAddAttachments,
    ],
  }),
  B3: botTwin(humanRoutes.H10, {
    id: 'B3',
    operationId: 'botDeleteMessage',
    summary: 'Delete a message the bot sent (as H10).',
    errors: [invalidDeleteQuery, notSender, messageUnknown],
  }),
  B4: botTwin(humanRoutes.H15, {
    id: 'B4',
    operationId: 'botSendTyping',
    summary: 'Show the bot as typing (as H15).',
  }),
  B5: botTwin(humanRoutes.H16, {
    id: 'B5',
    operationId: 'botSendTypingStop',
    summary: 'Stop the typing indicator; also releases a pending push notification (as H16).',
    admission: 'admitted',
  }),
  B6: botTwin(humanRoutes.H13, {
    id: 'B6',
    operationId: 'botAddReaction',
    summary: 'Add a reaction as the bot (as H13).',
    errors: [invalidMessageId, invalidRequest, notMember, messageNotFound],
  }),
  B7: botTwin(humanRoutes.H14, {
    id: 'B7',
    operationId: 'botRemoveReaction',
    summary: 'Remove a reaction of the bot (as H14).',
  }),
  B8: botTwin(humanRoutes.H8, {
    id: 'B8',
    operationId: 'botListMessagesPage',
    summary: 'List messages newest first (as H8).',
    response: botListMessagesResponseSchema,
  }),
  B9: {
    id: 'B9',
    operationId: 'botGetMembers',
    summary: 'List the active members of a conversation with display names.',
    method: 'GET',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations/{conversationId}/members',
    auth: 'bot',
    params: botConversationParams,
    response: botGetMembersResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
    errors: [invalidConversationId, notMember],
  },
  B10: botTwin(humanRoutes.H4, {
    id: 'B10',
    operationId: 'botRenameConversation',
    summary: 'Rename a conversation as the bot (as H4).',
  }),
  B11: {
    id: 'B11',
    operationId: 'botListConversations',
    summary: "List the bot's conversations in this sandbox, with members (cursor pagination as H2).",
    method: 'GET',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations',
    auth: 'bot',
    params: sandboxParams,
    query: botListConversationsQuerySchema,
    response: botListConversationsResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
    errors: [invalidQuery, e(400, 'Invalid cursor', 'the cursor does not decode')],
  },
  B12: {
    id: 'B12',
    operationId: 'botCreateConversation',
    summary: 'Create a conversation between the sandbox owner and the bot.',
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations',
    auth: 'bot',
    params: sandboxParams,
    body: createBotConversationRequestSchema,
    response: createBotConversationResponseSchema,
    successStatus: 201,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      invalidRequest,
      e(400, 'Bot-created conversations do not support additionalMembers', 'additionalMembers is non-empty; the body adds `invalidMembers`'),
      e(404, 'Sandbox owner not found', 'the sandbox has no owner'),
      e(500, '(internal)', 'the conversation could not be created'),
    ],
  },
  B13: {
    id: 'B13',
    operationId: 'botSetBotStatus',
    summary: "Store and push the bot's online status (monotonic on `at`).",
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/bot-status',
    auth: 'bot',
    params: sandboxParams,
    body: botStatusRequestSchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [invalidRequest, badGateway],
  },
  B14: {
    id: 'B14',
    operationId: 'botSetConversationStatus',
    summary: "Store and push the bot's context-window status for a conversation (monotonic on `at`).",
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations/{conversationId}/conversation-status',
    auth: 'bot',
    params: botConversationParams,
    body: conversationStatusRequestSchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      e(400, 'Invalid conversationId', 'the path id is not a ULID'),
      invalidRequest,
      e(403, 'Conversation does not belong to this sandbox', 'the conversation is in another sandbox'),
      e(404, 'Unknown conversation', 'no such conversation'),
      badGateway,
    ],
  },
  B15: {
    id: 'B15',
    operationId: 'botReportMessageDeliveryFailed',
    summary: 'Report that the bot could not process a delivered message; idempotent.',
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations/{conversationId}/messages/{messageId}/delivery-failed',
    auth: 'bot',
    params: botConversationMessageParams,
    body: messageDeliveryFailedRequestSchema,
    bodyOptional: true,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [invalidRequest, notMember, messageGone],
  },
  B16: {
    id: 'B16',
    operationId: 'botReportActionDeliveryFailed',
    summary: 'Report that the bot could not act on an approval; reverts the resolution; idempotent.',
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations/{conversationId}/actions/{groupId}/delivery-failed',
    auth: 'bot',
    params: botActionGroupParams,
    body: actionDeliveryFailedRequestSchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
    errors: [
      e(400, 'Invalid groupId', 'the group id is empty or longer than 200 characters'),
      invalidRequest,
      notMember,
      e(404, 'Message not found', 'the message is missing'),
      e(404, 'Action group not found', 'the message has no such action group'),
    ],
  },
  B17: botTwin(humanRoutes.H17, {
    id: 'B17',
    operationId: 'botInitAttachment',
    summary: 'Reserve an attachment as the bot (as H17).',
  }),
  B18: botTwin(humanRoutes.H18, {
    id: 'B18',
    operationId: 'botGetAttachmentUrl',
    summary: 'Get a presigned GET URL for a linked attachment (as H18).',
    errors: [invalidAttachmentId, missingConversationQuery, notMember, attachmentNotFound],
  }),
} as const satisfies { readonly [K in KiloChatRouteId]: KiloChatRoute & { readonly id: K } };

/** Every route in id order: H1–H21, then B1–B18. */
export const kiloChatRouteList: readonly KiloChatRoute[] = Object.values(kiloChatRoutes);

/** Errors every route may return besides its own: a bad token and a body that is not JSON. */
export const kiloChatCommonErrors: readonly KiloChatRouteError[] = [
  e(400, 'Invalid JSON', 'a body was expected and is not JSON'),
  e(401, 'Unauthorized', 'the bearer token is missing or rejected; the body never says why'),
];

/** Errors every bot route may return before authentication. */
export const kiloChatBotAuthErrors: readonly KiloChatRouteError[] = [
  e(400, 'Invalid sandboxId', 'the path sandbox id does not match ^[A-Za-z0-9_-]{1,64}$ (checked before auth)'),
  e(503, 'Configuration error', 'the server cannot derive gateway tokens'),
];
