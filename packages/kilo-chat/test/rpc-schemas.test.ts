import { describe, expect, it } from 'vitest';
import {
  destroySandboxDataResultSchema,
  postMessageAsUserParamsSchema,
  postMessageAsUserResultSchema,
} from '@kilocode/kilo-chat/schemas';

const params = { userId: 'user-1', sandboxId: 'sandbox-1', message: 'Build finished', source: 'webhook' };

describe('postMessageAsUserParamsSchema', () => {
  it('accepts the minimal call and correlation metadata', () => {
    expect(postMessageAsUserParamsSchema.parse(params)).toEqual(params);
    const correlated = {
      ...params,
      autoCreateConversation: false,
      correlation: { triggerId: 't1', webhookRequestId: 'w1', reason: 'deploy' },
    };
    expect(postMessageAsUserParamsSchema.parse(correlated)).toEqual(correlated);
  });

  it('trims the message and rejects whitespace-only or 9000-character text', () => {
    expect(postMessageAsUserParamsSchema.parse({ ...params, message: '  hi  ' }).message).toBe('hi');
    expect(postMessageAsUserParamsSchema.safeParse({ ...params, message: ' \n ' }).success).toBe(false);
    expect(postMessageAsUserParamsSchema.safeParse({ ...params, message: 'x'.repeat(9000) }).success).toBe(false);
  });

  it('bounds ids, source and correlation fields', () => {
    expect(postMessageAsUserParamsSchema.safeParse({ ...params, userId: '' }).success).toBe(false);
    expect(postMessageAsUserParamsSchema.safeParse({ ...params, sandboxId: 's'.repeat(201) }).success).toBe(false);
    expect(postMessageAsUserParamsSchema.safeParse({ ...params, source: 's'.repeat(65) }).success).toBe(false);
    expect(
      postMessageAsUserParamsSchema.safeParse({ ...params, correlation: { reason: 'r'.repeat(201) } }).success,
    ).toBe(false);
  });
});

describe('postMessageAsUserResultSchema', () => {
  it('is discriminated on ok', () => {
    const ok = { ok: true, conversationId: 'c1', messageId: 'm1', conversationCreated: true };
    expect(postMessageAsUserResultSchema.parse(ok)).toEqual(ok);
    const err = { ok: false, code: 'no_conversation', error: 'No conversation' };
    expect(postMessageAsUserResultSchema.parse(err)).toEqual(err);
    expect(postMessageAsUserResultSchema.safeParse({ ...err, code: 'teapot' }).success).toBe(false);
    expect(postMessageAsUserResultSchema.safeParse({ ok: true }).success).toBe(false);
  });
});

describe('destroySandboxDataResultSchema', () => {
  it('reports counts and failures', () => {
    const result = { ok: false, conversationsDeleted: 3, failedConversations: ['c4'] };
    expect(destroySandboxDataResultSchema.parse(result)).toEqual(result);
    expect(destroySandboxDataResultSchema.safeParse({ ...result, conversationsDeleted: -1 }).success).toBe(false);
  });
});
