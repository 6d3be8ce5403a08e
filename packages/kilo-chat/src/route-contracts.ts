/**
 * The runtime half of the Kilo Chat route table: for each human route
 * (`H1`–`H21`, JWT on `/v1`) what a request and its answer are — method,
 * path, auth, params/body/query/response schemas, success status, deadline
 * and admission. The bot routes (`B1`–`B18`) are in `bot-route-contracts.ts`.
 *
 * `KiloChatClient` dispatches through this table and imports nothing else of
 * the route table, so an app bundle carries no route documentation. The
 * documentation (operation ids, summaries, error lists) is in `routes.ts`,
 * which joins it to these contracts into the public `kiloChatRoutes` that
 * the OpenAPI generator, the mock server and the conformance suite read.
 *
 * This module also declares the route types that `routes.ts` re-exports.
 */
import * as z from 'zod';
import type { ZodType } from 'zod';
import {
  addReactionResponseSchema,
  attachmentGetUrlQuerySchema,
  attachmentGetUrlResponseSchema,
  attachmentInitRequestSchema,
  attachmentInitResponseSchema,
  conversationDetailResponseSchema,
  conversationListResponseSchema,
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
  messageListResponseSchema,
  okResponseSchema,
  reactionRequestBodySchema,
  removeReactionQuerySchema,
  removeReactionResponseSchema,
  renameConversationRequestSchema,
  requestBotStatusResponseSchema,
  sandboxIdSchema,
  ulidSchema,
} from './schemas/index.js';

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

/** Route documentation, kept out of the runtime table: see `routes.ts`. */
type KiloChatRouteDocField = 'operationId' | 'summary' | 'errors';

/** @internal One row of the runtime table: a {@link KiloChatRoute} without its documentation. */
export type KiloChatRouteContract = Omit<KiloChatRoute, KiloChatRouteDocField>;

/** @internal The documentation of one route: what `routes.ts` adds to its contract. */
export type KiloChatRouteDocs = Pick<KiloChatRoute, KiloChatRouteDocField>;

const conversationParams = z.object({ conversationId: ulidSchema });
const messageParams = z.object({ messageId: ulidSchema });
const conversationMessageParams = z.object({ conversationId: ulidSchema, messageId: ulidSchema });
const attachmentParams = z.object({ attachmentId: ulidSchema });
/** @internal Path params of the sandbox-scoped routes; every bot route's params start with these. */
export const sandboxParams = z.object({ sandboxId: sandboxIdSchema });

/** @internal The human routes, H1–H21, without documentation; the bot twins are derived from them. */
export const humanRouteContracts = {
  H1: {
    id: 'H1',
    method: 'POST',
    path: '/v1/conversations',
    auth: 'user',
    body: createConversationRequestSchema,
    response: createConversationResponseSchema,
    successStatus: 201,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H2: {
    id: 'H2',
    method: 'GET',
    path: '/v1/conversations',
    auth: 'user',
    query: listConversationsQuerySchema,
    response: conversationListResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
  },
  H3: {
    id: 'H3',
    method: 'GET',
    path: '/v1/conversations/{conversationId}',
    auth: 'user',
    params: conversationParams,
    response: conversationDetailResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
  },
  H4: {
    id: 'H4',
    method: 'PATCH',
    path: '/v1/conversations/{conversationId}',
    auth: 'user',
    params: conversationParams,
    body: renameConversationRequestSchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H5: {
    id: 'H5',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/leave',
    auth: 'user',
    params: conversationParams,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H6: {
    id: 'H6',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/mark-read',
    auth: 'user',
    params: conversationParams,
    body: markConversationReadRequestSchema,
    response: markConversationReadResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H7: {
    id: 'H7',
    method: 'POST',
    path: '/v1/messages',
    auth: 'user',
    body: createMessageRequestSchema,
    response: createMessageResponseSchema,
    successStatus: 201,
    deadline: 'send',
    admission: 'admitted',
  },
  H8: {
    id: 'H8',
    method: 'GET',
    path: '/v1/conversations/{conversationId}/messages',
    auth: 'user',
    params: conversationParams,
    query: listMessagesQuerySchema,
    response: messageListResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
  },
  H9: {
    id: 'H9',
    method: 'PATCH',
    path: '/v1/messages/{messageId}',
    auth: 'user',
    params: messageParams,
    body: editMessageRequestSchema,
    response: editMessageResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H10: {
    id: 'H10',
    method: 'DELETE',
    path: '/v1/messages/{messageId}',
    auth: 'user',
    params: messageParams,
    query: deleteMessageQuerySchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H11: {
    id: 'H11',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/messages/{messageId}/execute-action',
    auth: 'user',
    params: conversationMessageParams,
    body: executeActionRequestSchema,
    response: executeActionResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H12: {
    id: 'H12',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/messages/{messageId}/redeliver',
    auth: 'user',
    params: conversationMessageParams,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H13: {
    id: 'H13',
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
  },
  H14: {
    id: 'H14',
    method: 'DELETE',
    path: '/v1/messages/{messageId}/reactions',
    auth: 'user',
    params: messageParams,
    query: removeReactionQuerySchema,
    response: removeReactionResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H15: {
    id: 'H15',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/typing',
    auth: 'user',
    params: conversationParams,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H16: {
    id: 'H16',
    method: 'POST',
    path: '/v1/conversations/{conversationId}/typing/stop',
    auth: 'user',
    params: conversationParams,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'ownerOnly',
  },
  H17: {
    id: 'H17',
    method: 'POST',
    path: '/v1/attachments/init',
    auth: 'user',
    body: attachmentInitRequestSchema,
    response: attachmentInitResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  H18: {
    id: 'H18',
    method: 'GET',
    path: '/v1/attachments/{attachmentId}/url',
    auth: 'user',
    params: attachmentParams,
    query: attachmentGetUrlQuerySchema,
    response: attachmentGetUrlResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
  },
  H19: {
    id: 'H19',
    method: 'GET',
    path: '/v1/sandboxes/{sandboxId}/bot-status',
    auth: 'user',
    params: sandboxParams,
    response: getBotStatusResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
  },
  H20: {
    id: 'H20',
    method: 'POST',
    path: '/v1/sandboxes/{sandboxId}/request-bot-status',
    auth: 'user',
    params: sandboxParams,
    response: requestBotStatusResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'ownerOnly',
  },
  H21: {
    id: 'H21',
    method: 'GET',
    path: '/v1/conversations/{conversationId}/conversation-status',
    auth: 'user',
    params: conversationParams,
    response: getConversationStatusResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
  },
} as const satisfies { readonly [K in KiloChatHumanRouteId]: KiloChatRouteContract & { readonly id: K } };
