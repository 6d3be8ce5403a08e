// fast-check arbitraries that draw from the valid space of the wire schemas,
// built from the documented constraints (not from the schemas themselves).
import fc from 'fast-check';
import type {
  ActionItem,
  ActionsBlock,
  AttachmentBlock,
  ChatWebhook,
  ChatWebhookRpc,
  ContentBlock,
  ConversationCursor,
  ConversationDetail,
  ConversationListItem,
  InputActionsBlock,
  InputContentBlock,
  KiloChatEvent,
  Message,
  ReactionSummary,
  ReplyToMessageSnapshot,
  TextBlock,
  WebhookAttachment,
} from '@kilocode/kilo-chat/schemas';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID as the server emits it (uppercase; the first character is 0–7). */
export const ulidArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...'01234567'),
    fc.string({ unit: fc.constantFrom(...CROCKFORD), minLength: 25, maxLength: 25 }),
  )
  .map(([head, tail]) => head + tail);

export const timestampArb = fc.maxSafeNat();
export const idArb = fc.string({ minLength: 1, maxLength: 40 });
export const memberIdArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/).map((sandbox) => `bot:kiloclaw:${sandbox}`),
);
export const sandboxIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

/** Text that is already trimmed, non-empty and at most `max` code units. */
function trimmedTextArb(max: number): fc.Arbitrary<string> {
  const small = fc
    .oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
      fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', '\u0001'), minLength: 1, maxLength: 60 }),
    )
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= max);
  const atLimit = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }).map((c) => {
    const core = c.trim() === '' ? 'x' : c;
    return core.repeat(max).slice(0, max);
  });
  return fc.oneof({ arbitrary: small, weight: 9 }, { arbitrary: atLimit, weight: 1 });
}

export const messageTextArb = trimmedTextArb(8000);
export const titleArb = trimmedTextArb(200);

function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export const emojiArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('👍', '❤️', '👨‍👩‍👧‍👦', '🇺🇦', ':+1:', 'ok'),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
    .filter((s) => !CONTROL.test(s) && utf8Length(s) <= 64),
);

export const decisionArb = fc.constantFrom('allow-once' as const, 'allow-always' as const, 'deny' as const);
export const groupIdArb = fc.string({ minLength: 1, maxLength: 200 });

export const actionItemArb: fc.Arbitrary<ActionItem> = fc.record({
  label: fc.string({ minLength: 1, maxLength: 200 }),
  style: fc.constantFrom('primary' as const, 'danger' as const, 'secondary' as const),
  value: decisionArb,
});

export const textBlockArb: fc.Arbitrary<TextBlock> = fc.record({
  type: fc.constant('text' as const),
  text: messageTextArb,
});

export const inputActionsBlockArb: fc.Arbitrary<InputActionsBlock> = fc.record({
  type: fc.constant('actions' as const),
  groupId: groupIdArb,
  actions: fc.array(actionItemArb, { minLength: 1, maxLength: 10 }),
});

export const actionsBlockArb: fc.Arbitrary<ActionsBlock> = fc.oneof(
  inputActionsBlockArb,
  fc.record({
    type: fc.constant('actions' as const),
    groupId: groupIdArb,
    actions: fc.array(actionItemArb, { maxLength: 10 }),
    resolved: fc.record({ value: decisionArb, resolvedBy: memberIdArb, resolvedAt: timestampArb }),
  }),
);

const attachmentFields = {
  attachmentId: ulidArb,
  mimeType: fc.oneof(
    fc.constantFrom('image/png', 'application/pdf', 'text/plain'),
    fc.string({ minLength: 1, maxLength: 255 }),
  ),
  filename: fc.string({ minLength: 1, maxLength: 512 }),
};

export const attachmentBlockArb: fc.Arbitrary<AttachmentBlock> = fc.record({
  type: fc.constant('attachment' as const),
  ...attachmentFields,
  size: fc.integer({ min: 0, max: 104_857_600 }),
});

export const contentBlockArb: fc.Arbitrary<ContentBlock> = fc.oneof(textBlockArb, actionsBlockArb, attachmentBlockArb);
export const inputContentBlockArb: fc.Arbitrary<InputContentBlock> = fc.oneof(
  textBlockArb,
  inputActionsBlockArb,
  attachmentBlockArb,
);

export const replySnapshotArb: fc.Arbitrary<ReplyToMessageSnapshot> = fc.oneof(
  fc.record({
    messageId: ulidArb,
    senderId: fc.constant(null),
    deleted: fc.constant(true),
    previewText: fc.constant(null),
  }),
  fc.record({
    messageId: ulidArb,
    senderId: memberIdArb,
    deleted: fc.boolean(),
    previewText: fc.option(fc.string({ maxLength: 160 })),
  }),
);

export const reactionSummaryArb: fc.Arbitrary<ReactionSummary> = fc
  .uniqueArray(memberIdArb, { minLength: 1, maxLength: 5 })
  .chain((memberIds) =>
    fc.record({ emoji: emojiArb, count: fc.constant(memberIds.length), memberIds: fc.constant(memberIds) }),
  );

export const messageArb: fc.Arbitrary<Message> = fc
  .tuple(ulidArb, fc.option(ulidArb), fc.boolean())
  .chain(([id, parentId, deleted]) =>
    fc.record({
      id: fc.constant(id),
      senderId: memberIdArb,
      content: deleted ? fc.constant([]) : fc.array(contentBlockArb, { minLength: 1, maxLength: 5 }),
      inReplyToMessageId: fc.constant(parentId),
      replyTo: parentId === null ? fc.constant(null) : replySnapshotArb.map((s) => ({ ...s, messageId: parentId })),
      updatedAt: fc.option(timestampArb),
      clientUpdatedAt: fc.option(timestampArb),
      deleted: fc.constant(deleted),
      deliveryFailed: fc.boolean(),
      reactions: fc.array(reactionSummaryArb, { maxLength: 3 }),
    }),
  );

export const conversationListItemArb: fc.Arbitrary<ConversationListItem> = fc.record({
  conversationId: ulidArb,
  title: fc.option(titleArb),
  lastActivityAt: fc.option(timestampArb),
  lastReadAt: fc.option(timestampArb),
  joinedAt: timestampArb,
});

export const conversationDetailArb: fc.Arbitrary<ConversationDetail> = fc.record({
  id: ulidArb,
  title: fc.option(titleArb),
  createdBy: memberIdArb,
  createdAt: timestampArb,
  members: fc.array(
    fc.record(
      {
        id: memberIdArb,
        kind: fc.constantFrom('user' as const, 'bot' as const),
        displayName: fc.option(fc.string()),
        avatarUrl: fc.option(fc.webUrl()),
      },
      { requiredKeys: ['id', 'kind'] },
    ),
    { maxLength: 4 },
  ),
});

export const conversationCursorArb: fc.Arbitrary<ConversationCursor> = fc.record({ t: timestampArb, c: ulidArb });

const capabilitiesArb = fc.constantFrom<Array<'attachments'>>([], ['attachments']);
const statusFields = {
  contextTokens: timestampArb,
  contextWindow: timestampArb,
  model: fc.option(fc.string()),
  provider: fc.option(fc.string()),
  at: timestampArb,
};

/** One arbitrary per event, each producing a valid `{ event, payload }`. */
export const kiloChatEventArbs: { [N in KiloChatEvent['event']]: fc.Arbitrary<Extract<KiloChatEvent, { event: N }>> } = {
  'message.created': fc
    .record({
      messageId: ulidArb,
      senderId: memberIdArb,
      content: fc.array(contentBlockArb, { maxLength: 4 }),
      inReplyToMessageId: fc.option(ulidArb),
      replyTo: fc.option(replySnapshotArb),
      clientId: fc.option(ulidArb),
    })
    .map((payload) => ({ event: 'message.created' as const, payload })),
  'message.updated': fc
    .record({
      messageId: ulidArb,
      content: fc.array(contentBlockArb, { maxLength: 4 }),
      clientUpdatedAt: fc.option(timestampArb),
    })
    .map((payload) => ({ event: 'message.updated' as const, payload })),
  'message.deleted': fc
    .record({ messageId: ulidArb })
    .map((payload) => ({ event: 'message.deleted' as const, payload })),
  'message.delivery_failed': fc
    .record({ messageId: ulidArb })
    .map((payload) => ({ event: 'message.delivery_failed' as const, payload })),
  'message.redelivered': fc
    .record({ messageId: ulidArb })
    .map((payload) => ({ event: 'message.redelivered' as const, payload })),
  typing: fc.record({ memberId: memberIdArb }).map((payload) => ({ event: 'typing' as const, payload })),
  'typing.stop': fc.record({ memberId: memberIdArb }).map((payload) => ({ event: 'typing.stop' as const, payload })),
  'reaction.added': fc
    .record({ messageId: ulidArb, operationId: ulidArb, memberId: memberIdArb, emoji: emojiArb })
    .map((payload) => ({ event: 'reaction.added' as const, payload })),
  'reaction.removed': fc
    .record({ messageId: ulidArb, operationId: ulidArb, memberId: memberIdArb, emoji: emojiArb })
    .map((payload) => ({ event: 'reaction.removed' as const, payload })),
  'conversation.created': conversationListItemArb.map((conversation) => ({
    event: 'conversation.created' as const,
    payload: { conversationId: conversation.conversationId, conversation },
  })),
  'conversation.renamed': fc
    .record({ conversationId: ulidArb, title: titleArb })
    .map((payload) => ({ event: 'conversation.renamed' as const, payload })),
  'conversation.left': fc
    .record({ conversationId: ulidArb })
    .map((payload) => ({ event: 'conversation.left' as const, payload })),
  'conversation.read': fc
    .record({ conversationId: ulidArb, memberId: memberIdArb, lastReadAt: timestampArb })
    .map((payload) => ({ event: 'conversation.read' as const, payload })),
  'conversation.activity': fc
    .record({ conversationId: ulidArb, lastActivityAt: timestampArb })
    .map((payload) => ({ event: 'conversation.activity' as const, payload })),
  'action.executed': fc
    .record({
      conversationId: ulidArb,
      messageId: ulidArb,
      groupId: groupIdArb,
      value: decisionArb,
      executedBy: memberIdArb,
    })
    .map((payload) => ({ event: 'action.executed' as const, payload })),
  'action.delivery_failed': fc
    .record({ conversationId: ulidArb, messageId: ulidArb, groupId: groupIdArb })
    .map((payload) => ({ event: 'action.delivery_failed' as const, payload })),
  'bot.status': fc
    .record(
      { sandboxId: sandboxIdArb, online: fc.boolean(), at: timestampArb, capabilities: capabilitiesArb },
      { requiredKeys: ['sandboxId', 'online', 'at'] },
    )
    .map((payload) => ({ event: 'bot.status' as const, payload })),
  'conversation.status': fc
    .record({ conversationId: ulidArb, ...statusFields })
    .map((payload) => ({ event: 'conversation.status' as const, payload })),
};

export const kiloChatEventArb: fc.Arbitrary<KiloChatEvent> = fc.oneof(
  ...(Object.values(kiloChatEventArbs) as fc.Arbitrary<KiloChatEvent>[]),
);

const isoDateArb = fc
  .date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

export const webhookAttachmentArb: fc.Arbitrary<WebhookAttachment> = fc.record({
  ...attachmentFields,
  size: fc.integer({ min: 0, max: 104_857_600 }),
});

const messageCreatedWebhookArb = fc
  .record(
    {
      type: fc.constant('message.created' as const),
      conversationId: idArb,
      messageId: idArb,
      from: memberIdArb,
      text: fc.string({ maxLength: 200 }),
      sentAt: isoDateArb,
      inReplyToMessageId: idArb,
      inReplyToBody: fc.string({ minLength: 1 }),
      inReplyToSender: memberIdArb,
      attachments: fc.array(webhookAttachmentArb, { maxLength: 10 }),
    },
    { requiredKeys: ['type', 'conversationId', 'messageId', 'from', 'text', 'sentAt'] },
  )
  // A message with neither text nor attachments is never delivered.
  .map((webhook) =>
    webhook.text === '' && (webhook.attachments?.length ?? 0) === 0 ? { ...webhook, text: 'hello' } : webhook,
  );

export const chatWebhookArb: fc.Arbitrary<ChatWebhook> = fc.oneof(
  messageCreatedWebhookArb,
  fc.record({
    type: fc.constant('action.executed' as const),
    conversationId: idArb,
    messageId: idArb,
    groupId: groupIdArb,
    value: decisionArb,
    executedBy: memberIdArb,
    executedAt: isoDateArb,
  }),
  fc.constant({ type: 'bot.status_request' as const }),
);

export const chatWebhookRpcArb: fc.Arbitrary<ChatWebhookRpc> = fc
  .tuple(chatWebhookArb, sandboxIdArb)
  .map(([webhook, sandbox]) => ({ ...webhook, targetBotId: `bot:kiloclaw:${sandbox}` }));
