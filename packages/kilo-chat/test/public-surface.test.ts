// An app moving from the reference package imports these names; they must
// all exist on the schemas entry (and so on the package root).
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import * as schemasEntry from '@kilocode/kilo-chat/schemas';
import type {
  ActionItem,
  ActionsBlock,
  AttachmentBlock,
  AttachmentGetUrlRequest,
  AttachmentGetUrlResponse,
  AttachmentInitRequest,
  AttachmentInitResponse,
  AttachmentMetadata,
  BotConversationSummary,
  BotGetMembersResponse,
  BotListConversationsResponse,
  BotListMessagesResponse,
  BotStatusEvent,
  BotStatusRecord,
  BotStatusRequest,
  ContentBlock,
  ConversationDetail,
  ConversationDetailResponse,
  ConversationListItem,
  ConversationListResponse,
  ConversationMember,
  ConversationStatusRecord,
  ConversationStatusRequest,
  CreateConversationRequest,
  CreateConversationResponse,
  CreateMessageRequest,
  CreateMessageResponse,
  DeleteMessageRequest,
  EditMessageRequest,
  EditMessageResponse,
  EnrichedConversationMember,
  ExecApprovalDecision,
  ExecuteActionRequest,
  ExecuteActionResponse,
  GetBotStatusResponse,
  GetConversationStatusResponse,
  InputContentBlock,
  MarkConversationReadRequest,
  MarkConversationReadResponse,
  Message,
  MessageCreatedEvent,
  MessageListResponse,
  OkResponse,
  ReactionSummary,
  RemoveReactionResponse,
  AddReactionResponse,
  RenameConversationRequest,
  ReplyToMessageSnapshot,
  RequestBotStatusResponse,
  TextBlock,
  TypingRequest,
} from '@kilocode/kilo-chat/types';
import { generate } from '../../../scripts/spec/kilo-chat-json-schema';

const referenceNames = {
  utilities: [
    'ulidToTimestamp',
    'formatFileSize',
    'remainingEditableAttachments',
    'buildMessageEditContent',
    'encodeConversationCursor',
    'decodeConversationCursor',
    'contentBlocksToText',
    'contentBlocksAttachmentPreviewLabels',
    'contentBlocksPreviewText',
    'buildReplyToMessageSnapshot',
    'buildMessageActionAvailability',
    'conversationSandboxIdFromMembers',
  ],
  schemas: [
    'MESSAGE_TEXT_MAX_CHARS',
    'CONVERSATION_TITLE_MAX_CHARS',
    'ACTION_LABEL_MAX_CHARS',
    'ATTACHMENT_MAX_BYTES',
    'ulidSchema',
    'nonNegativeIntegerSchema',
    'nonEmptyStringSchema',
    'sandboxIdSchema',
    'execApprovalDecisionSchema',
    'actionGroupIdSchema',
    'conversationTitleSchema',
    'messageTextSchema',
    'emojiSchema',
    'actionItemSchema',
    'actionResolutionSchema',
    'inputActionsBlockSchema',
    'actionsBlockSchema',
    'textBlockSchema',
    'attachmentMetadataSchema',
    'attachmentBlockSchema',
    'contentBlockSchema',
    'inputContentBlockSchema',
    'reactionSummarySchema',
    'replyToMessageSnapshotSchema',
    'messageSchema',
    'memberKindSchema',
    'capabilitySchema',
    'capabilityListSchema',
    'conversationMemberSchema',
    'conversationDetailMemberSchema',
    'enrichedConversationMemberSchema',
    'conversationListItemSchema',
    'conversationCursorSchema',
    'conversationDetailSchema',
    'createConversationRequestSchema',
    'createConversationResponseSchema',
    'okResponseSchema',
    'createMessageRequestSchema',
    'createMessageResponseSchema',
    'editMessageRequestSchema',
    'editMessageResponseSchema',
    'deleteMessageRequestSchema',
    'deleteMessageQuerySchema',
    'renameConversationRequestSchema',
    'markConversationReadRequestSchema',
    'badgeClearResponseSchema',
    'markConversationReadResponseSchema',
    'executeActionRequestSchema',
    'executeActionResponseSchema',
    'reactionRequestBodySchema',
    'addReactionResponseSchema',
    'removeReactionResponseSchema',
    'conversationListResponseSchema',
    'messageListResponseSchema',
    'conversationDetailResponseSchema',
    'paginationQuerySchema',
    'cursorPaginationQuerySchema',
    'listConversationsQuerySchema',
    'listMessagesQuerySchema',
    'botStatusRequestSchema',
    'conversationStatusRequestSchema',
    'botStatusRecordSchema',
    'conversationStatusRecordSchema',
    'getBotStatusResponseSchema',
    'requestBotStatusResponseSchema',
    'getConversationStatusResponseSchema',
    'messageDeliveryFailedRequestSchema',
    'actionDeliveryFailedRequestSchema',
    'typingRequestSchema',
    'createBotConversationRequestSchema',
    'botGetMembersResponseSchema',
    'botConversationSummarySchema',
    'botListConversationsResponseSchema',
    'botListMessagesResponseSchema',
    'attachmentInitRequestSchema',
    'attachmentInitResponseSchema',
    'attachmentGetUrlRequestSchema',
    'attachmentGetUrlResponseSchema',
  ],
  events: [
    'messageCreatedEventSchema',
    'messageUpdatedEventSchema',
    'messageDeletedEventSchema',
    'messageDeliveryFailedEventSchema',
    'messageRedeliveredEventSchema',
    'typingEventSchema',
    'reactionAddedEventSchema',
    'reactionRemovedEventSchema',
    'conversationCreatedEventSchema',
    'conversationRenamedEventSchema',
    'conversationLeftEventSchema',
    'conversationReadEventSchema',
    'conversationActivityEventSchema',
    'actionExecutedEventSchema',
    'actionDeliveryFailedEventSchema',
    'botStatusEventSchema',
    'conversationStatusEventSchema',
    'kiloChatEventSchema',
    'getKiloChatEventPayloadSchema',
  ],
  webhooksAndRpc: [
    'messageCreatedWebhookSchema',
    'actionExecutedWebhookSchema',
    'botStatusRequestWebhookSchema',
    'chatWebhookSchema',
    'chatWebhookRpcSchema',
    'postMessageAsUserCorrelationSchema',
    'postMessageAsUserParamsSchema',
    'postMessageAsUserOkSchema',
    'postMessageAsUserErrSchema',
    'postMessageAsUserResultSchema',
  ],
};

describe('public surface', () => {
  it.each(Object.entries(referenceNames))('exports every reference name (%s)', (_group, names) => {
    const missing = names.filter((name) => !(name in schemasEntry));
    expect(missing).toEqual([]);
  });
});

describe('JSON Schema generation', () => {
  it('produces one deterministic draft 2020-12 document per exported schema', () => {
    const first = generate();
    expect(JSON.stringify(generate())).toBe(JSON.stringify(first));
    for (const name of [...referenceNames.schemas, ...referenceNames.events, ...referenceNames.webhooksAndRpc]) {
      if (!name.endsWith('Schema') || name === 'getKiloChatEventPayloadSchema') continue;
      expect(first[`kilo-chat/${name}.json`], name).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: name,
      });
    }
  });

  it('keeps the limits a non-TypeScript client needs', () => {
    const documents = generate();
    expect(documents['kilo-chat/emojiSchema.json']).toMatchObject({ minLength: 1, maxLength: 64 });
    expect(documents['kilo-chat/messageTextSchema.json']).toMatchObject({ maxLength: 8000 });
    expect(documents['kilo-chat/sandboxIdSchema.json']).toMatchObject({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
  });
});

describe('the ./types subpath', () => {
  it('infers each type from the schema of the same name', () => {
    const s = schemasEntry;
    expectTypeOf<TextBlock>().toEqualTypeOf<z.infer<typeof s.textBlockSchema>>();
    expectTypeOf<ActionItem>().toEqualTypeOf<z.infer<typeof s.actionItemSchema>>();
    expectTypeOf<ActionsBlock>().toEqualTypeOf<z.infer<typeof s.actionsBlockSchema>>();
    expectTypeOf<ContentBlock>().toEqualTypeOf<z.infer<typeof s.contentBlockSchema>>();
    expectTypeOf<InputContentBlock>().toEqualTypeOf<z.infer<typeof s.inputContentBlockSchema>>();
    expectTypeOf<AttachmentBlock>().toEqualTypeOf<z.infer<typeof s.attachmentBlockSchema>>();
    expectTypeOf<AttachmentMetadata>().toEqualTypeOf<z.infer<typeof s.attachmentMetadataSchema>>();
    expectTypeOf<ReactionSummary>().toEqualTypeOf<z.infer<typeof s.reactionSummarySchema>>();
    expectTypeOf<ReplyToMessageSnapshot>().toEqualTypeOf<z.infer<typeof s.replyToMessageSnapshotSchema>>();
    expectTypeOf<Message>().toEqualTypeOf<z.infer<typeof s.messageSchema>>();
    expectTypeOf<ConversationListItem>().toEqualTypeOf<z.infer<typeof s.conversationListItemSchema>>();
    expectTypeOf<ConversationDetail>().toEqualTypeOf<z.infer<typeof s.conversationDetailSchema>>();
    expectTypeOf<ConversationMember>().toEqualTypeOf<z.infer<typeof s.conversationMemberSchema>>();
    expectTypeOf<EnrichedConversationMember>().toEqualTypeOf<z.infer<typeof s.enrichedConversationMemberSchema>>();
    expectTypeOf<BotConversationSummary>().toEqualTypeOf<z.infer<typeof s.botConversationSummarySchema>>();
    expectTypeOf<CreateConversationRequest>().toEqualTypeOf<z.infer<typeof s.createConversationRequestSchema>>();
    expectTypeOf<CreateConversationResponse>().toEqualTypeOf<z.infer<typeof s.createConversationResponseSchema>>();
    expectTypeOf<CreateMessageRequest>().toEqualTypeOf<z.infer<typeof s.createMessageRequestSchema>>();
    expectTypeOf<CreateMessageResponse>().toEqualTypeOf<z.infer<typeof s.createMessageResponseSchema>>();
    expectTypeOf<EditMessageRequest>().toEqualTypeOf<z.infer<typeof s.editMessageRequestSchema>>();
    expectTypeOf<EditMessageResponse>().toEqualTypeOf<z.infer<typeof s.editMessageResponseSchema>>();
    expectTypeOf<DeleteMessageRequest>().toEqualTypeOf<z.infer<typeof s.deleteMessageRequestSchema>>();
    expectTypeOf<MarkConversationReadRequest>().toEqualTypeOf<z.infer<typeof s.markConversationReadRequestSchema>>();
    expectTypeOf<MarkConversationReadResponse>().toEqualTypeOf<z.infer<typeof s.markConversationReadResponseSchema>>();
    expectTypeOf<RenameConversationRequest>().toEqualTypeOf<z.infer<typeof s.renameConversationRequestSchema>>();
    expectTypeOf<OkResponse>().toEqualTypeOf<{ ok: true }>();
    expectTypeOf<TypingRequest>().toEqualTypeOf<z.infer<typeof s.typingRequestSchema>>();
    expectTypeOf<AddReactionResponse>().toEqualTypeOf<z.infer<typeof s.addReactionResponseSchema>>();
    expectTypeOf<RemoveReactionResponse>().toEqualTypeOf<z.infer<typeof s.removeReactionResponseSchema>>();
    expectTypeOf<ExecuteActionRequest>().toEqualTypeOf<z.infer<typeof s.executeActionRequestSchema>>();
    expectTypeOf<ExecuteActionResponse>().toEqualTypeOf<z.infer<typeof s.executeActionResponseSchema>>();
    expectTypeOf<ExecApprovalDecision>().toEqualTypeOf<'allow-once' | 'allow-always' | 'deny'>();
    expectTypeOf<ConversationListResponse>().toEqualTypeOf<z.infer<typeof s.conversationListResponseSchema>>();
    expectTypeOf<MessageListResponse>().toEqualTypeOf<z.infer<typeof s.messageListResponseSchema>>();
    expectTypeOf<ConversationDetailResponse>().toEqualTypeOf<z.infer<typeof s.conversationDetailResponseSchema>>();
    expectTypeOf<BotListConversationsResponse>().toEqualTypeOf<z.infer<typeof s.botListConversationsResponseSchema>>();
    expectTypeOf<BotListMessagesResponse>().toEqualTypeOf<z.infer<typeof s.botListMessagesResponseSchema>>();
    expectTypeOf<BotGetMembersResponse>().toEqualTypeOf<z.infer<typeof s.botGetMembersResponseSchema>>();
    expectTypeOf<BotStatusRequest>().toEqualTypeOf<z.infer<typeof s.botStatusRequestSchema>>();
    expectTypeOf<ConversationStatusRequest>().toEqualTypeOf<z.infer<typeof s.conversationStatusRequestSchema>>();
    expectTypeOf<BotStatusRecord>().toEqualTypeOf<z.infer<typeof s.botStatusRecordSchema>>();
    expectTypeOf<ConversationStatusRecord>().toEqualTypeOf<z.infer<typeof s.conversationStatusRecordSchema>>();
    expectTypeOf<GetBotStatusResponse>().toEqualTypeOf<z.infer<typeof s.getBotStatusResponseSchema>>();
    expectTypeOf<GetConversationStatusResponse>().toEqualTypeOf<z.infer<typeof s.getConversationStatusResponseSchema>>();
    expectTypeOf<RequestBotStatusResponse>().toEqualTypeOf<z.infer<typeof s.requestBotStatusResponseSchema>>();
    expectTypeOf<AttachmentInitRequest>().toEqualTypeOf<z.infer<typeof s.attachmentInitRequestSchema>>();
    expectTypeOf<AttachmentInitResponse>().toEqualTypeOf<z.infer<typeof s.attachmentInitResponseSchema>>();
    expectTypeOf<AttachmentGetUrlRequest>().toEqualTypeOf<z.infer<typeof s.attachmentGetUrlRequestSchema>>();
    expectTypeOf<AttachmentGetUrlResponse>().toEqualTypeOf<z.infer<typeof s.attachmentGetUrlResponseSchema>>();
    expectTypeOf<MessageCreatedEvent>().toEqualTypeOf<z.infer<typeof s.messageCreatedEventSchema>>();
    expectTypeOf<BotStatusEvent['capabilities']>().toEqualTypeOf<Array<'attachments'> | undefined>();
  });
});
