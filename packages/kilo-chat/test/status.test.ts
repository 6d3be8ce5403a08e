import { describe, expect, it } from 'vitest';
import {
  botStatusEventSchema,
  botStatusRecordSchema,
  botStatusRequestSchema,
  capabilityListSchema,
  capabilitySchema,
  conversationStatusRecordSchema,
  conversationStatusRequestSchema,
  getBotStatusResponseSchema,
  getConversationStatusResponseSchema,
  requestBotStatusResponseSchema,
} from '@kilocode/kilo-chat/schemas';

describe('capabilities', () => {
  it('the strict schema knows only "attachments"', () => {
    expect(capabilitySchema.safeParse('attachments').success).toBe(true);
    expect(capabilitySchema.safeParse('foo').success).toBe(false);
  });

  it('lists drop unknown values instead of failing', () => {
    expect(capabilityListSchema.parse(['attachments', 'foo'])).toEqual(['attachments']);
    expect(capabilityListSchema.parse(['foo'])).toEqual([]);
    expect(capabilityListSchema.parse([])).toEqual([]);
  });

  it('lists still reject values that are not strings', () => {
    expect(capabilityListSchema.safeParse(['attachments', 1]).success).toBe(false);
    expect(capabilityListSchema.safeParse('attachments').success).toBe(false);
  });

  it('are filtered in bot-status requests, records and the bot.status event', () => {
    const body = { online: true, at: 1, capabilities: ['attachments', 'voice'] };
    expect(botStatusRequestSchema.parse(body).capabilities).toEqual(['attachments']);
    expect(botStatusRecordSchema.parse({ ...body, updatedAt: 2 }).capabilities).toEqual(['attachments']);
    expect(botStatusEventSchema.parse({ ...body, sandboxId: 'sandbox-1' }).capabilities).toEqual(['attachments']);
  });

  it('are optional: a legacy status without them parses with capabilities undefined', () => {
    expect(botStatusRequestSchema.parse({ online: false, at: 5 }).capabilities).toBeUndefined();
    expect(botStatusRecordSchema.parse({ online: false, at: 5, updatedAt: 6 })).toEqual({
      online: false,
      at: 5,
      updatedAt: 6,
    });
  });
});

describe('bot status', () => {
  it('accepts zero times', () => {
    expect(botStatusRecordSchema.safeParse({ online: true, at: 0, updatedAt: 0 }).success).toBe(true);
  });

  it.each([
    ['negative at', { at: -1 }],
    ['fractional at', { at: 1.5 }],
    ['negative updatedAt', { updatedAt: -1 }],
    ['fractional updatedAt', { updatedAt: 2.5 }],
    ['a non-boolean online', { online: 'yes' }],
  ])('rejects %s', (_label, patch) => {
    expect(botStatusRecordSchema.safeParse({ online: true, at: 1, updatedAt: 2, ...patch }).success).toBe(false);
  });

  it('get and request responses carry the record or null', () => {
    expect(getBotStatusResponseSchema.parse({ status: null })).toEqual({ status: null });
    const record = { online: true, at: 10, updatedAt: 11, capabilities: ['attachments'] };
    expect(getBotStatusResponseSchema.parse({ status: record })).toEqual({ status: record });
    expect(requestBotStatusResponseSchema.parse({ ok: true, cached: null })).toEqual({ ok: true, cached: null });
    expect(requestBotStatusResponseSchema.parse({ ok: true, cached: record })).toEqual({ ok: true, cached: record });
  });
});

describe('conversation status', () => {
  const request = { contextTokens: 1200, contextWindow: 200_000, model: 'claude', provider: 'anthropic', at: 1 };

  it('accepts zeros and null model and provider', () => {
    const zeros = { contextTokens: 0, contextWindow: 0, model: null, provider: null, at: 0 };
    expect(conversationStatusRequestSchema.parse(zeros)).toEqual(zeros);
  });

  it.each([
    ['negative contextTokens', { contextTokens: -1 }],
    ['fractional contextWindow', { contextWindow: 1.5 }],
    ['negative at', { at: -5 }],
    ['a missing model', { model: undefined }],
  ])('rejects %s', (_label, patch) => {
    expect(conversationStatusRequestSchema.safeParse({ ...request, ...patch }).success).toBe(false);
  });

  it('records add the conversation id and update time', () => {
    const record = { conversationId: '01HZY8J3K4M5N6P7Q8R9S0T1V2', ...request, updatedAt: 2 };
    expect(conversationStatusRecordSchema.parse(record)).toEqual(record);
    expect(conversationStatusRecordSchema.safeParse({ ...record, updatedAt: -1 }).success).toBe(false);
    expect(getConversationStatusResponseSchema.parse({ status: null })).toEqual({ status: null });
    expect(getConversationStatusResponseSchema.parse({ status: record })).toEqual({ status: record });
  });
});
