/**
 * The Kilo Chat HTTP routes as data: one entry per human route (`H1`–`H21`,
 * JWT on `/v1`) and per bot route (`B1`–`B18`, gateway token on
 * `/bot/v1/sandboxes/{sandboxId}`).
 *
 * Each public row joins a route's contract (method, path, schemas, statuses,
 * deadline, admission: `route-contracts.ts` and `bot-route-contracts.ts`) to
 * its documentation here (operation id, summary, error list). The clients
 * dispatch through the contracts alone and never import this module, so an
 * app that bundles a client carries none of this text. The OpenAPI generator
 * (`scripts/spec/kilo-chat-openapi.ts`) publishes the joined table, and the
 * mock server and conformance suite read it, so the four can never disagree
 * about a method, a path or a schema.
 */
import { botRouteContracts } from './bot-route-contracts.js';
import { humanRouteContracts } from './route-contracts.js';
import type {
  KiloChatBotRouteId,
  KiloChatHumanRouteId,
  KiloChatRoute,
  KiloChatRouteContract,
  KiloChatRouteDocs,
  KiloChatRouteError,
  KiloChatRouteId,
} from './route-contracts.js';

export type {
  KiloChatBotRouteId,
  KiloChatHttpMethod,
  KiloChatHumanRouteId,
  KiloChatRoute,
  KiloChatRouteError,
  KiloChatRouteId,
} from './route-contracts.js';

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

/** Operation ids, summaries and errors of the human routes, H1–H21. */
const humanRouteDocs = {
  H1: {
    operationId: 'createConversation',
    summary: 'Create a conversation between the caller and the bot of a sandbox they own.',
    errors: [
      invalidRequest,
      e(403, 'Only users can create conversations', 'the caller is not a user'),
      e(403, 'You do not have access to this sandbox', 'the caller does not own the sandbox'),
      e(500, 'Failed to initialize conversation', 'the conversation could not be created'),
    ],
  },
  H2: {
    operationId: 'listConversations',
    summary: "List the caller's conversations, most recently active first (cursor pagination).",
    errors: [invalidQuery, e(400, 'Invalid cursor', 'the cursor does not decode')],
  },
  H3: {
    operationId: 'getConversation',
    summary: 'Get a conversation with its active members.',
    errors: [invalidConversationId, e(403, 'Forbidden', 'the caller is not an active member, or the conversation does not exist')],
  },
  H4: {
    operationId: 'renameConversation',
    summary: 'Rename a conversation.',
    errors: [invalidConversationId, invalidRequest, notMember],
  },
  H5: {
    operationId: 'leaveConversation',
    summary: 'Leave a conversation (users only).',
    errors: [invalidConversationId, e(403, 'Only users can leave conversations', 'the caller is a bot'), notMember],
  },
  H6: {
    operationId: 'markConversationRead',
    summary: 'Advance the read marker (monotonic) and clear the badge when the marker reaches the newest message.',
    errors: [
      invalidConversationId,
      invalidRequest,
      e(400, 'Message does not belong to conversation', 'lastSeenMessageId is not in this conversation'),
      notMember,
      e(503, 'Failed to clear notification badge', 'retryable; the read marker is already stored'),
    ],
  },
  H7: {
    operationId: 'sendMessage',
    summary: 'Send a message.',
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
    operationId: 'listMessagesPage',
    summary: 'List messages newest first; pass `nextCursor` back as `before` for the next page.',
    errors: [invalidConversationId, invalidQuery, notMember],
  },
  H9: {
    operationId: 'editMessage',
    summary: 'Replace the content of an own message (timestamp last-writer-wins).',
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
    operationId: 'deleteMessage',
    summary: 'Soft-delete an own message.',
    errors: [
      invalidMessageId,
      invalidDeleteQuery,
      notSender,
      messageUnknown,
    ],
  },
  H11: {
    operationId: 'executeAction',
    summary: 'Resolve an action group of a message with one of its offered values.',
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
    operationId: 'redeliverMessage',
    summary: 'Queue a failed message for delivery to the bot again.',
    errors: [
      e(403, 'Forbidden', 'not the sender, or not an active member'),
      messageGone,
      e(409, '(no single bot)', 'no active bot, or more than one'),
    ],
  },
  H13: {
    operationId: 'addReaction',
    summary: 'Add a reaction; 201 when added or re-activated, 200 with the same id when already live.',
    errors: [
      invalidMessageId,
      invalidRequest,
      e(403, 'Not a member', 'the caller is not an active member'),
      messageNotFound,
    ],
  },
  H14: {
    operationId: 'removeReaction',
    summary: 'Remove a reaction (query parameters, no body); idempotent.',
    errors: [invalidMessageId, invalidReactionQuery, notMember, messageNotFound],
  },
  H15: {
    operationId: 'sendTyping',
    summary: 'Tell the other members the caller is typing.',
    errors: [invalidConversationId, notMember],
  },
  H16: {
    operationId: 'sendTypingStop',
    summary: 'Tell the other members the caller stopped typing.',
    errors: [invalidConversationId, notMember],
  },
  H17: {
    operationId: 'initAttachment',
    summary: 'Reserve an attachment and get a presigned PUT URL (15 minutes).',
    errors: [invalidRequest, notMember, e(503, 'R2 credentials unavailable', 'storage credentials are missing')],
  },
  H18: {
    operationId: 'getAttachmentUrl',
    summary: 'Get a presigned GET URL (60 minutes) for a linked attachment.',
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
    operationId: 'getBotStatus',
    summary: "Read the stored status of a sandbox's bot (owner only).",
    errors: [
      e(400, 'Invalid sandboxId', 'the sandbox id does not match the grammar'),
      e(403, 'forbidden', 'the caller does not own the sandbox'),
      e(404, 'sandbox_not_found', 'the sandbox has no owner'),
    ],
  },
  H20: {
    operationId: 'requestBotStatus',
    summary: 'Ask the bot to report its status, unless a status younger than 10 s is stored (owner only).',
    errors: [
      e(400, 'Invalid sandboxId', 'the sandbox id does not match the grammar'),
      e(403, 'forbidden', 'the caller does not own the sandbox'),
    ],
  },
  H21: {
    operationId: 'getConversationStatus',
    summary: "Read the bot's stored context-window status for a conversation.",
    errors: [
      e(400, 'Invalid conversationId', 'the path id is not a ULID'),
      e(403, 'forbidden', 'the caller is not a user member'),
      e(404, 'conversation_not_found', 'no such conversation, or it has no bot member'),
    ],
  },
} as const satisfies { readonly [K in KiloChatHumanRouteId]: KiloChatRouteDocs };

/**
 * Operation ids, summaries and errors of the bot routes, B1–B18. A bot twin
 * of a human route (see `botTwin`) that fails the same way reuses its errors.
 */
const botRouteDocs = {
  B1: {
    operationId: 'botSendMessage',
    summary: 'Send a message as the bot (as H7).',
    errors: [
      invalidRequest,
      e(403, 'Forbidden', 'the bot is not a member, or the attachment was uploaded by someone else'),
      e(409, '(attachment state)', 'as H7'),
      conversationNotInitialized,
    ],
  },
  B2: {
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
  },
  B3: {
    operationId: 'botDeleteMessage',
    summary: 'Delete a message the bot sent (as H10).',
    errors: [invalidDeleteQuery, notSender, messageUnknown],
  },
  B4: {
    operationId: 'botSendTyping',
    summary: 'Show the bot as typing (as H15).',
    errors: humanRouteDocs.H15.errors,
  },
  B5: {
    operationId: 'botSendTypingStop',
    summary: 'Stop the typing indicator; also releases a pending push notification (as H16).',
    errors: humanRouteDocs.H16.errors,
  },
  B6: {
    operationId: 'botAddReaction',
    summary: 'Add a reaction as the bot (as H13).',
    errors: [invalidMessageId, invalidRequest, notMember, messageNotFound],
  },
  B7: {
    operationId: 'botRemoveReaction',
    summary: 'Remove a reaction of the bot (as H14).',
    errors: humanRouteDocs.H14.errors,
  },
  B8: {
    operationId: 'botListMessagesPage',
    summary: 'List messages newest first (as H8).',
    errors: humanRouteDocs.H8.errors,
  },
  B9: {
    operationId: 'botGetMembers',
    summary: 'List the active members of a conversation with display names.',
    errors: [invalidConversationId, notMember],
  },
  B10: {
    operationId: 'botRenameConversation',
    summary: 'Rename a conversation as the bot (as H4).',
    errors: humanRouteDocs.H4.errors,
  },
  B11: {
    operationId: 'botListConversations',
    summary: "List the bot's conversations in this sandbox, with members (cursor pagination as H2).",
    errors: [invalidQuery, e(400, 'Invalid cursor', 'the cursor does not decode')],
  },
  B12: {
    operationId: 'botCreateConversation',
    summary: 'Create a conversation between the sandbox owner and the bot.',
    errors: [
      invalidRequest,
      e(400, 'Bot-created conversations do not support additionalMembers', 'additionalMembers is non-empty; the body adds `invalidMembers`'),
      e(404, 'Sandbox owner not found', 'the sandbox has no owner'),
      e(500, '(internal)', 'the conversation could not be created'),
    ],
  },
  B13: {
    operationId: 'botSetBotStatus',
    summary: "Store and push the bot's online status (monotonic on `at`).",
    errors: [invalidRequest, badGateway],
  },
  B14: {
    operationId: 'botSetConversationStatus',
    summary: "Store and push the bot's context-window status for a conversation (monotonic on `at`).",
    errors: [
      e(400, 'Invalid conversationId', 'the path id is not a ULID'),
      invalidRequest,
      e(403, 'Conversation does not belong to this sandbox', 'the conversation is in another sandbox'),
      e(404, 'Unknown conversation', 'no such conversation'),
      badGateway,
    ],
  },
  B15: {
    operationId: 'botReportMessageDeliveryFailed',
    summary: 'Report that the bot could not process a delivered message; idempotent.',
    errors: [invalidRequest, notMember, messageGone],
  },
  B16: {
    operationId: 'botReportActionDeliveryFailed',
    summary: 'Report that the bot could not act on an approval; reverts the resolution; idempotent.',
    errors: [
      e(400, 'Invalid groupId', 'the group id is empty or longer than 200 characters'),
      invalidRequest,
      notMember,
      e(404, 'Message not found', 'the message is missing'),
      e(404, 'Action group not found', 'the message has no such action group'),
    ],
  },
  B17: {
    operationId: 'botInitAttachment',
    summary: 'Reserve an attachment as the bot (as H17).',
    errors: humanRouteDocs.H17.errors,
  },
  B18: {
    operationId: 'botGetAttachmentUrl',
    summary: 'Get a presigned GET URL for a linked attachment (as H18).',
    errors: [invalidAttachmentId, missingConversationQuery, notMember, attachmentNotFound],
  },
} as const satisfies { readonly [K in KiloChatBotRouteId]: KiloChatRouteDocs };

/** Spells an intersection out as one object type. */
type Flat<T> = { [K in keyof T]: T[K] };

/** A contract `C` with its documentation `D`: the public row, with the precise types of both. */
type Documented<C, D> = Flat<Pick<C, 'id' & keyof C> & D & Omit<C, 'id'>>;

/**
 * Joins each contract to its documentation. Rows keep the order of the
 * written-out table: id, operationId, summary, method, path, auth, params, …,
 * admission, errors.
 */
function withDocs<
  C extends { readonly [id: string]: KiloChatRouteContract },
  D extends { readonly [K in keyof C]: KiloChatRouteDocs },
>(contracts: C, docs: D): { readonly [K in keyof C]: Documented<C[K], D[K]> } {
  const table: Record<string, KiloChatRoute> = {};
  for (const [key, { id, ...contract }] of Object.entries(contracts)) {
    const { operationId, summary, errors } = docs[key]!;
    table[key] = { id, operationId, summary, ...contract, errors };
  }
  return table as { readonly [K in keyof C]: Documented<C[K], D[K]> };
}

/** Contracts and documentation of every route, keyed by id. */
type RouteContracts = typeof humanRouteContracts & typeof botRouteContracts;
type RouteDocs = typeof humanRouteDocs & typeof botRouteDocs;

/**
 * The type of {@link kiloChatRoutes}. Named so that declaration files refer to
 * the contract and documentation tables instead of spelling every row out.
 */
type KiloChatRouteTable = { readonly [K in keyof RouteContracts]: Documented<RouteContracts[K], RouteDocs[K]> };

/**
 * Every route, keyed by id. Each entry keeps its precise schema types, so
 * `z.output<typeof kiloChatRoutes.H7.response>` is the create-message response.
 */
export const kiloChatRoutes: KiloChatRouteTable = withDocs(
  { ...humanRouteContracts, ...botRouteContracts },
  { ...humanRouteDocs, ...botRouteDocs },
) satisfies { readonly [K in KiloChatRouteId]: KiloChatRoute & { readonly id: K } };

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
