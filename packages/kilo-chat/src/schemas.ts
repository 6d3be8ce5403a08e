// Wire schemas of the Kilo Chat HTTP API (the `schemas/` folder), with their
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
} from './schemas/primitives';
export type { Emoji, ExecApprovalDecision, SandboxId, Ulid } from './schemas/primitives';

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
} from './schemas/content';
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
} from './schemas/content';

export {
  ATTACHMENT_IDEMPOTENCY_KEY_MAX_CHARS,
  attachmentGetUrlQuerySchema,
  attachmentGetUrlRequestSchema,
  attachmentGetUrlResponseSchema,
  attachmentInitRequestSchema,
  attachmentInitResponseSchema,
  attachmentMetadataSchema,
} from './schemas/attachments';
export type {
  AttachmentGetUrlQuery,
  AttachmentGetUrlRequest,
  AttachmentGetUrlResponse,
  AttachmentInitRequest,
  AttachmentInitResponse,
  AttachmentMetadata,
} from './schemas/attachments';

export { messageSchema, reactionSummarySchema, replyToMessageSnapshotSchema } from './schemas/message';
export type { Message, ReactionSummary, ReplyToMessageSnapshot } from './schemas/message';

export {
  BOT_MEMBER_ID_PREFIX,
  conversationCursorSchema,
  conversationDetailMemberSchema,
  conversationDetailSchema,
  conversationListItemSchema,
  conversationMemberSchema,
  enrichedConversationMemberSchema,
  memberKindSchema,
} from './schemas/conversation';
export type {
  ConversationCursor,
  ConversationDetail,
  ConversationDetailMember,
  ConversationListItem,
  ConversationMember,
  EnrichedConversationMember,
  MemberKind,
} from './schemas/conversation';

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
} from './schemas/status';
export type {
  BotStatusRecord,
  BotStatusRequest,
  Capability,
  ConversationStatusRecord,
  ConversationStatusRequest,
  GetBotStatusResponse,
  GetConversationStatusResponse,
  RequestBotStatusResponse,
} from './schemas/status';

export { okResponseSchema } from './schemas/ok-response';
export type { OkResponse } from './schemas/ok-response';

export {
  cursorPaginationQuerySchema,
  listConversationsQuerySchema,
  listMessagesQuerySchema,
  paginationQuerySchema,
} from './schemas/pagination';
export type {
  CursorPaginationQuery,
  ListConversationsQuery,
  ListMessagesQuery,
  PaginationQuery,
} from './schemas/pagination';

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
} from './schemas/conversation-requests';
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
} from './schemas/conversation-requests';

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
} from './schemas/message-requests';
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
} from './schemas/message-requests';

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
} from './schemas/bot';
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
} from './schemas/bot';
