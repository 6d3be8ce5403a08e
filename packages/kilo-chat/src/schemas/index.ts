// Wire schemas of the Kilo Chat HTTP API (this folder), with their
// inferred types. Events, webhooks and RPC contracts have their own modules.

export {
  ACTION_LABEL_MAX_CHARS,
  ATTACHMENT_FILENAME_MAX_CHARS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MIME_TYPE_MAX_CHARS,
  CONVERSATION_TITLE_MAX_CHARS,
  DELIVERY_FAILURE_REASON_MAX_CHARS,
  EMOJI_MAX_BYTES,
  MAX_ACTIONS_PER_GROUP,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_CONTENT_BLOCKS_PER_MESSAGE,
  MESSAGE_TEXT_MAX_CHARS,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  actionGroupIdSchema,
  conversationTitleSchema,
  emojiSchema,
  execApprovalDecisionSchema,
  messageTextSchema,
  nonEmptyStringSchema,
  nonNegativeIntegerSchema,
  sandboxIdSchema,
  ulidSchema,
} from './primitives.js';
export type { Emoji, ExecApprovalDecision, SandboxId, Ulid } from './primitives.js';

export {
  actionItemSchema,
  actionResolutionSchema,
  actionStyleSchema,
  actionsBlockSchema,
  attachmentBlockSchema,
  contentBlockSchema,
  inputActionsBlockSchema,
  inputContentBlockSchema,
  textBlockSchema,
} from './content.js';
export type {
  ActionItem,
  ActionResolution,
  ActionStyle,
  ActionsBlock,
  AttachmentBlock,
  ContentBlock,
  InputActionsBlock,
  InputContentBlock,
  TextBlock,
} from './content.js';

export {
  ATTACHMENT_IDEMPOTENCY_KEY_MAX_CHARS,
  attachmentGetUrlQuerySchema,
  attachmentGetUrlRequestSchema,
  attachmentGetUrlResponseSchema,
  attachmentInitRequestSchema,
  attachmentInitResponseSchema,
  attachmentMetadataSchema,
} from './attachments.js';
export type {
  AttachmentGetUrlQuery,
  AttachmentGetUrlRequest,
  AttachmentGetUrlResponse,
  AttachmentInitRequest,
  AttachmentInitResponse,
  AttachmentMetadata,
} from './attachments.js';

export { messageSchema, reactionSummarySchema, replyToMessageSnapshotSchema } from './message.js';
export type { Message, ReactionSummary, ReplyToMessageSnapshot } from './message.js';

export {
  BOT_MEMBER_ID_PREFIX,
  conversationCursorSchema,
  conversationDetailMemberSchema,
  conversationDetailSchema,
  conversationListItemSchema,
  conversationMemberSchema,
  enrichedConversationMemberSchema,
  memberKindSchema,
} from './conversation.js';
export type {
  ConversationCursor,
  ConversationDetail,
  ConversationDetailMember,
  ConversationListItem,
  ConversationMember,
  EnrichedConversationMember,
  MemberKind,
} from './conversation.js';

export {
  KNOWN_CAPABILITIES,
  botStatusRecordSchema,
  botStatusRequestSchema,
  capabilityListSchema,
  capabilitySchema,
  conversationStatusRecordSchema,
  conversationStatusRequestSchema,
  getBotStatusResponseSchema,
  getConversationStatusResponseSchema,
  requestBotStatusResponseSchema,
} from './status.js';
export type {
  BotStatusRecord,
  BotStatusRequest,
  Capability,
  ConversationStatusRecord,
  ConversationStatusRequest,
  GetBotStatusResponse,
  GetConversationStatusResponse,
  RequestBotStatusResponse,
} from './status.js';

export { okResponseSchema } from './ok-response.js';
export type { OkResponse } from './ok-response.js';

export {
  cursorPaginationQuerySchema,
  listConversationsQuerySchema,
  listMessagesQuerySchema,
  paginationQuerySchema,
} from './pagination.js';
export type {
  CursorPaginationQuery,
  ListConversationsQuery,
  ListMessagesQuery,
  PaginationQuery,
} from './pagination.js';

export {
  badgeClearResponseSchema,
  conversationDetailResponseSchema,
  conversationListResponseSchema,
  createConversationRequestSchema,
  createConversationResponseSchema,
  leaveConversationResponseSchema,
  markConversationReadRequestSchema,
  markConversationReadResponseSchema,
  renameConversationRequestSchema,
  typingRequestSchema,
  typingResponseSchema,
} from './conversation-requests.js';
export type {
  BadgeClearResponse,
  ConversationDetailResponse,
  ConversationListResponse,
  CreateConversationRequest,
  CreateConversationResponse,
  LeaveConversationResponse,
  MarkConversationReadRequest,
  MarkConversationReadResponse,
  RenameConversationRequest,
  TypingRequest,
  TypingResponse,
} from './conversation-requests.js';

export {
  addReactionResponseSchema,
  createMessageRequestSchema,
  createMessageResponseSchema,
  deleteMessageQuerySchema,
  deleteMessageRequestSchema,
  deleteMessageResponseSchema,
  editMessageRequestSchema,
  editMessageResponseSchema,
  executeActionRequestSchema,
  executeActionResponseSchema,
  messageListResponseSchema,
  reactionRequestBodySchema,
  removeReactionQuerySchema,
  removeReactionResponseSchema,
} from './message-requests.js';
export type {
  AddReactionResponse,
  CreateMessageRequest,
  CreateMessageResponse,
  DeleteMessageQuery,
  DeleteMessageRequest,
  DeleteMessageResponse,
  EditMessageRequest,
  EditMessageResponse,
  ExecuteActionRequest,
  ExecuteActionResponse,
  MessageListResponse,
  ReactionRequestBody,
  RemoveReactionQuery,
  RemoveReactionResponse,
} from './message-requests.js';

export {
  BOT_ADDITIONAL_MEMBERS_MAX,
  actionDeliveryFailedRequestSchema,
  botConversationSummarySchema,
  botGetMembersResponseSchema,
  botListConversationsQuerySchema,
  botListConversationsResponseSchema,
  botListMessagesResponseSchema,
  createBotConversationRequestSchema,
  createBotConversationResponseSchema,
  deliveryFailedResponseSchema,
  messageDeliveryFailedRequestSchema,
} from './bot.js';
export type {
  ActionDeliveryFailedRequest,
  BotConversationSummary,
  BotGetMembersResponse,
  BotListConversationsQuery,
  BotListConversationsResponse,
  BotListMessagesResponse,
  CreateBotConversationRequest,
  CreateBotConversationResponse,
  DeliveryFailedResponse,
  MessageDeliveryFailedRequest,
} from './bot.js';
