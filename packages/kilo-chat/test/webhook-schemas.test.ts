import { describe, expect, it } from 'vitest';
import {
  KiloChatWebhookParseError,
  actionExecutedWebhookSchema,
  botStatusRequestWebhookSchema,
  chatWebhookRpcSchema,
  chatWebhookSchema,
  messageCreatedWebhookSchema,
  parseWebhook,
} from '@kilocode/kilo-chat/schemas';

const ULID = '01HZY8J3K4M5N6P7Q8R9S0T1V2';
const messageWebhook = {
  type: 'message.created',
  conversationId: ULID,
  messageId: ULID,
  from: 'user-1',
  text: 'Hello world',
  sentAt: '2026-07-01T12:00:00.000Z',
};
const file = { attachmentId: ULID, mimeType: 'application/pdf', size: 1234, filename: 'report.pdf' };

describe('message.created webhook', () => {
  it('accepts a payload without attachments', () => {
    expect(messageCreatedWebhookSchema.parse(messageWebhook)).toEqual(messageWebhook);
  });

  it('accepts a reply with the parent text and sender', () => {
    const reply = { ...messageWebhook, inReplyToMessageId: ULID, inReplyToBody: 'Earlier', inReplyToSender: 'bot:kiloclaw:s' };
    expect(messageCreatedWebhookSchema.parse(reply)).toEqual(reply);
  });

  it('accepts an empty file: an attachment of size 0, as the wire allows for every attachment', () => {
    const empty = { ...file, size: 0, filename: 'empty.txt', mimeType: 'text/plain' };
    const webhook = { ...messageWebhook, text: '', attachments: [empty] };
    expect(parseWebhook(webhook)).toEqual({ success: true, webhook });
    expect(parseWebhook(JSON.stringify(webhook))).toEqual({ success: true, webhook });
    expect(chatWebhookRpcSchema.safeParse({ ...webhook, targetBotId: 'bot:kiloclaw:sb1' }).success).toBe(true);
  });

  it('accepts empty text when attachments exist', () => {
    expect(messageCreatedWebhookSchema.safeParse({ ...messageWebhook, text: '', attachments: [file] }).success).toBe(true);
  });

  it('rejects empty text without attachments, at path ["text"]', () => {
    for (const attachments of [undefined, []]) {
      const result = messageCreatedWebhookSchema.safeParse({ ...messageWebhook, text: '', attachments });
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['text']]);
    }
  });

  it('accepts 10 attachments and rejects 11', () => {
    expect(messageCreatedWebhookSchema.safeParse({ ...messageWebhook, attachments: Array(10).fill(file) }).success).toBe(
      true,
    );
    expect(messageCreatedWebhookSchema.safeParse({ ...messageWebhook, attachments: Array(11).fill(file) }).success).toBe(
      false,
    );
  });

  it.each([
    ['an empty filename', { filename: '' }],
    ['a 513-character filename', { filename: 'f'.repeat(513) }],
    ['a negative size', { size: -1 }],
    ['a fractional size', { size: 1.5 }],
    ['a non-ULID id', { attachmentId: 'a1' }],
    ['an empty mimeType', { mimeType: '' }],
  ])('rejects an attachment with %s', (_label, patch) => {
    expect(messageCreatedWebhookSchema.safeParse({ ...messageWebhook, attachments: [{ ...file, ...patch }] }).success).toBe(
      false,
    );
  });

  it('needs an ISO-8601 sentAt and non-empty ids', () => {
    expect(messageCreatedWebhookSchema.safeParse({ ...messageWebhook, sentAt: '2026-07-01T14:00:00+02:00' }).success).toBe(
      true,
    );
    expect(messageCreatedWebhookSchema.safeParse({ ...messageWebhook, sentAt: 'yesterday' }).success).toBe(false);
    expect(messageCreatedWebhookSchema.safeParse({ ...messageWebhook, from: '' }).success).toBe(false);
    expect(messageCreatedWebhookSchema.safeParse({ ...messageWebhook, inReplyToBody: '' }).success).toBe(false);
  });
});

describe('other webhooks', () => {
  it('action.executed carries the decision and who made it', () => {
    const webhook = {
      type: 'action.executed',
      conversationId: ULID,
      messageId: ULID,
      groupId: 'g1',
      value: 'allow-always',
      executedBy: 'user-1',
      executedAt: '2026-07-01T12:00:00.000Z',
    };
    expect(actionExecutedWebhookSchema.parse(webhook)).toEqual(webhook);
    expect(actionExecutedWebhookSchema.safeParse({ ...webhook, value: 'maybe' }).success).toBe(false);
    expect(actionExecutedWebhookSchema.safeParse({ ...webhook, executedAt: '' }).success).toBe(false);
  });

  it('bot.status_request has no fields', () => {
    expect(botStatusRequestWebhookSchema.parse({ type: 'bot.status_request' })).toEqual({ type: 'bot.status_request' });
  });

  it('the union dispatches on type', () => {
    expect(chatWebhookSchema.parse({ type: 'bot.status_request' }).type).toBe('bot.status_request');
    expect(chatWebhookSchema.safeParse({ type: 'message.deleted' }).success).toBe(false);
  });

  it('the RPC form requires targetBotId and keeps the text rule', () => {
    const rpc = { ...messageWebhook, targetBotId: 'bot:kiloclaw:sandbox-1' };
    expect(chatWebhookRpcSchema.parse(rpc)).toEqual(rpc);
    expect(chatWebhookRpcSchema.safeParse(messageWebhook).success).toBe(false);
    expect(chatWebhookRpcSchema.safeParse({ ...rpc, targetBotId: '' }).success).toBe(false);
    expect(chatWebhookRpcSchema.safeParse({ ...rpc, text: '' }).success).toBe(false);
    expect(chatWebhookRpcSchema.safeParse({ type: 'bot.status_request', targetBotId: 'bot:kiloclaw:s' }).success).toBe(true);
  });
});

describe('parseWebhook', () => {
  it('accepts a parsed body and a raw JSON string', () => {
    expect(parseWebhook(messageWebhook)).toEqual({ success: true, webhook: messageWebhook });
    expect(parseWebhook(JSON.stringify(messageWebhook))).toEqual({ success: true, webhook: messageWebhook });
  });

  it('drops the routing field of an RPC envelope', () => {
    const result = parseWebhook({ type: 'bot.status_request', targetBotId: 'bot:kiloclaw:s' });
    expect(result).toEqual({ success: true, webhook: { type: 'bot.status_request' } });
  });

  it('reports text that is not JSON as invalid_json', () => {
    const result = parseWebhook('{"type": ');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toBeInstanceOf(KiloChatWebhookParseError);
    expect(result.error.code).toBe('invalid_json');
    expect(result.error.issues).toEqual([{ path: [], code: 'invalid_json', message: expect.any(String) }]);
  });

  it('reports a body that fits no webhook as invalid_webhook, with issue paths', () => {
    const result = parseWebhook({ ...messageWebhook, text: '', attachments: [{ ...file, size: -1 }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('invalid_webhook');
    expect(result.error.name).toBe('KiloChatWebhookParseError');
    expect(result.error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([['attachments', 0, 'size']]),
    );
  });

  it.each([null, undefined, 42, [], 'null', '"text"', { type: 'nope' }])('reports %j as a failure', (input) => {
    const result = parseWebhook(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.code).toBe('invalid_webhook');
  });
});
