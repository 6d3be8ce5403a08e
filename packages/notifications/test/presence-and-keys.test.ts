import { presenceContextForConversation } from '@kilocode/event-service';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NotificationsError,
  chatIdempotencyKey,
  parseIdempotencyKey,
  pushSuppressionContextForConversation,
  pushSuppressionContextForPushData,
} from '../src/index';
import { conversationIdArb, sandboxIdArb, ulidArb } from './arbitraries';

describe('presence suppression', () => {
  it('names the conversation presence context of @kilocode/event-service', () => {
    expect(pushSuppressionContextForConversation('sb', 'c1')).toBe('/presence/kiloclaw/sb/c1');
    fc.assert(
      fc.property(sandboxIdArb, conversationIdArb, (sandboxId, conversationId) => {
        expect(pushSuppressionContextForConversation(sandboxId, conversationId)).toBe(
          presenceContextForConversation(sandboxId, conversationId),
        );
      }),
    );
  });

  it('throws the package error (not the transport one) for ids a badge bucket would reject', () => {
    expect(() => pushSuppressionContextForConversation('sb', 'a:b')).toThrow(NotificationsError);
    expect(() => pushSuppressionContextForConversation('s b', 'c')).toThrow(NotificationsError);
  });

  it('suppresses chat pushes by their conversation and nothing else', () => {
    expect(
      pushSuppressionContextForPushData({ type: 'chat.message', sandboxId: 'sb', conversationId: 'c', messageId: 'm' }),
    ).toBe('/presence/kiloclaw/sb/c');
    expect(pushSuppressionContextForPushData({ type: 'instance-lifecycle', event: 'ready', sandboxId: 'sb' })).toBeNull();
    expect(pushSuppressionContextForPushData({ type: 'low_balance', organizationId: 'o' })).toBeNull();
  });
});

describe('chat idempotency keys', () => {
  it('follows chat:<messageId>:<userId>', () => {
    expect(chatIdempotencyKey('01J8Z3Q2X7H5K9M4N6P8R0T2V4', 'user-1')).toBe('chat:01J8Z3Q2X7H5K9M4N6P8R0T2V4:user-1');
  });

  it('allows colons in the user id and round-trips (property)', () => {
    fc.assert(
      fc.property(ulidArb, fc.string({ minLength: 1 }).filter((s) => !/\p{Cc}/u.test(s)), (messageId, userId) => {
        expect(parseIdempotencyKey(chatIdempotencyKey(messageId, userId))).toEqual({ kind: 'chat', messageId, userId });
      }),
    );
    expect(parseIdempotencyKey('chat:m1:oauth/google:123')).toEqual({
      kind: 'chat',
      messageId: 'm1',
      userId: 'oauth/google:123',
    });
  });

  it('rejects a message id with a colon and an empty user id', () => {
    expect(() => chatIdempotencyKey('a:b', 'u')).toThrow(expect.objectContaining({ code: 'invalid_message_id' }));
    expect(() => chatIdempotencyKey('m', '')).toThrow(expect.objectContaining({ code: 'invalid_user_id' }));
  });

  it.each(['low-balance:org-1', 'chat:', 'chat:m', 'chat::u', 'chat:m:', 'security-finding:n1'])(
    'reads %j as an unknown key',
    (key) => {
      expect(parseIdempotencyKey(key)).toEqual({ kind: 'unknown', idempotencyKey: key });
    },
  );
});
