/**
 * The runtime half of the bot routes (`B1`–`B18`, gateway token on
 * `/bot/v1/sandboxes/{sandboxId}`): method, path, schemas, statuses, deadline
 * and admission, as `route-contracts.ts` has them for the human routes.
 * `KiloChatBotClient` dispatches through this table; the documentation is in
 * `routes.ts`.
 */
import * as z from 'zod';
import type { KiloChatBotRouteId, KiloChatRoute, KiloChatRouteContract } from './route-contracts.js';
import { humanRouteContracts, sandboxParams } from './route-contracts.js';
import {
  actionDeliveryFailedRequestSchema,
  actionGroupIdSchema,
  botGetMembersResponseSchema,
  botListConversationsQuerySchema,
  botListConversationsResponseSchema,
  botListMessagesResponseSchema,
  botStatusRequestSchema,
  conversationStatusRequestSchema,
  createBotConversationRequestSchema,
  createBotConversationResponseSchema,
  messageDeliveryFailedRequestSchema,
  okResponseSchema,
  ulidSchema,
} from './schemas/index.js';

const botConversationParams = sandboxParams.extend({ conversationId: ulidSchema });
const botConversationMessageParams = sandboxParams.extend({ conversationId: ulidSchema, messageId: ulidSchema });
const botActionGroupParams = sandboxParams.extend({ conversationId: ulidSchema, groupId: actionGroupIdSchema });

/** What a bot twin states itself: its id, and whatever really differs from its human route. */
type BotTwinOwn = Pick<KiloChatRoute, 'id'> & Partial<Pick<KiloChatRoute, 'response' | 'admission'>>;

/** `/v1/…` → `/bot/v1/sandboxes/{sandboxId}/…`. */
type BotPath<P extends string> = P extends `/v1/${infer Rest}` ? `/bot/v1/sandboxes/{sandboxId}/${Rest}` : never;

/** The human path params with `sandboxId` in front. */
type BotParams<H extends KiloChatRouteContract> = H extends { readonly params: z.ZodObject<infer Shape> }
  ? ReturnType<typeof sandboxParams.extend<Shape>>
  : typeof sandboxParams;

/** The contract `botTwin(human, own)` returns, with the precise types of both. */
type BotTwin<H extends KiloChatRouteContract, O extends BotTwinOwn> = Flat<
  Omit<H, keyof O | 'path' | 'auth' | 'params'> &
    O & { readonly path: BotPath<H['path']>; readonly auth: 'bot'; readonly params: BotParams<H> }
>;

/** Spells an intersection out as one object type. */
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * The bot route that shares the handler of `human` (`spec/kilo-chat.md §13.4`,
 * "Same as"): the same method, body, query, response, statuses, deadline and
 * admission, under `/bot/v1/sandboxes/{sandboxId}` with gateway auth and
 * `sandboxId` added in front of the path params. `own` names the bot route
 * and overrides what really differs. Its documentation (and its errors, which
 * default to the human route's) is in `routes.ts`.
 */
function botTwin<const H extends KiloChatRouteContract, const O extends BotTwinOwn>(human: H, own: O): BotTwin<H, O> {
  const { id, ...differences } = own;
  // Written in table order (id, method, path, auth, params, …) so a twin reads like a written-out row.
  const { id: _id, method, path, auth: _auth, params, ...contract } = human;
  return {
    id,
    method,
    path: `/bot/v1/sandboxes/{sandboxId}${path.slice('/v1'.length)}`,
    auth: 'bot',
    params: params === undefined ? sandboxParams : sandboxParams.extend(params.shape),
    ...contract,
    ...differences,
  } as unknown as BotTwin<H, O>; // TS cannot follow `path` and `params` into BotPath and BotParams
}

/** @internal The bot routes, B1–B18, without documentation. */
export const botRouteContracts = {
  B1: botTwin(humanRouteContracts.H7, { id: 'B1' }),
  B2: botTwin(humanRouteContracts.H9, { id: 'B2' }),
  B3: botTwin(humanRouteContracts.H10, { id: 'B3' }),
  B4: botTwin(humanRouteContracts.H15, { id: 'B4' }),
  B5: botTwin(humanRouteContracts.H16, { id: 'B5', admission: 'admitted' }),
  B6: botTwin(humanRouteContracts.H13, { id: 'B6' }),
  B7: botTwin(humanRouteContracts.H14, { id: 'B7' }),
  B8: botTwin(humanRouteContracts.H8, { id: 'B8', response: botListMessagesResponseSchema }),
  B9: {
    id: 'B9',
    method: 'GET',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations/{conversationId}/members',
    auth: 'bot',
    params: botConversationParams,
    response: botGetMembersResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
  },
  B10: botTwin(humanRouteContracts.H4, { id: 'B10' }),
  B11: {
    id: 'B11',
    method: 'GET',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations',
    auth: 'bot',
    params: sandboxParams,
    query: botListConversationsQuerySchema,
    response: botListConversationsResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'read',
  },
  B12: {
    id: 'B12',
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations',
    auth: 'bot',
    params: sandboxParams,
    body: createBotConversationRequestSchema,
    response: createBotConversationResponseSchema,
    successStatus: 201,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  B13: {
    id: 'B13',
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/bot-status',
    auth: 'bot',
    params: sandboxParams,
    body: botStatusRequestSchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  B14: {
    id: 'B14',
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations/{conversationId}/conversation-status',
    auth: 'bot',
    params: botConversationParams,
    body: conversationStatusRequestSchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  B15: {
    id: 'B15',
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
  },
  B16: {
    id: 'B16',
    method: 'POST',
    path: '/bot/v1/sandboxes/{sandboxId}/conversations/{conversationId}/actions/{groupId}/delivery-failed',
    auth: 'bot',
    params: botActionGroupParams,
    body: actionDeliveryFailedRequestSchema,
    response: okResponseSchema,
    successStatus: 200,
    deadline: 'controlPlane',
    admission: 'admitted',
  },
  B17: botTwin(humanRouteContracts.H17, { id: 'B17' }),
  B18: botTwin(humanRouteContracts.H18, { id: 'B18' }),
} as const satisfies { readonly [K in KiloChatBotRouteId]: KiloChatRouteContract & { readonly id: K } };
