import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NotificationsError,
  badgeBucketForConversation,
  badgeBucketForInstance,
  badgeBucketSchema,
  parentBadgeBucketFor,
  parseBadgeBucket,
} from '../src/index';
import { conversationIdArb, sandboxIdArb } from './arbitraries';

const conversationId = '01J8Z3Q2X7H5K9M4N6P8R0T2V4';

describe('badge bucket builders', () => {
  it('builds kiloclaw:<sandbox>:<conversation> for a conversation and kiloclaw:<sandbox> for an instance', () => {
    expect(badgeBucketForConversation('sb_1', conversationId)).toBe(`kiloclaw:sb_1:${conversationId}`);
    expect(badgeBucketForInstance('sb_1')).toBe('kiloclaw:sb_1');
  });

  it.each([
    ['an empty sandbox id', '', conversationId, 'invalid_sandbox_id'],
    ['a sandbox id with a colon', 'sb:1', conversationId, 'invalid_sandbox_id'],
    ['a 65-character sandbox id', 'a'.repeat(65), conversationId, 'invalid_sandbox_id'],
    ['a conversation id with a colon', 'sb', 'a:b', 'invalid_conversation_id'],
    ['a conversation id with a slash', 'sb', 'a/b', 'invalid_conversation_id'],
    ['an empty conversation id', 'sb', '', 'invalid_conversation_id'],
    ['a conversation id with a space', 'sb', 'a b', 'invalid_conversation_id'],
  ])('rejects %s with a typed error', (_name, sandboxId, conversation, code) => {
    let thrown: unknown;
    try {
      badgeBucketForConversation(sandboxId, conversation);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotificationsError);
    expect((thrown as NotificationsError).code).toBe(code);
  });

  it('rejects an invalid sandbox id for an instance bucket', () => {
    expect(() => badgeBucketForInstance('no spaces')).toThrow(NotificationsError);
  });
});

describe('parseBadgeBucket', () => {
  it('reads both kinds of kiloclaw bucket', () => {
    expect(parseBadgeBucket('kiloclaw:sb')).toEqual({ kind: 'kiloclaw-instance', sandboxId: 'sb' });
    expect(parseBadgeBucket(`kiloclaw:sb:${conversationId}`)).toEqual({
      kind: 'kiloclaw-conversation',
      sandboxId: 'sb',
      conversationId,
    });
  });

  it.each([
    '',
    'kiloclaw',
    'kiloclaw:',
    'kiloclaw::c',
    'kiloclaw:sb:',
    'kiloclaw:sb:a:b',
    'kiloclaw:s b',
    'kiloclaw:sb:a/b',
    'agents:sb',
    'KILOCLAW:sb',
    ' kiloclaw:sb',
  ])('returns unknown for the malformed or foreign bucket %j', (bucket) => {
    expect(parseBadgeBucket(bucket)).toEqual({ kind: 'unknown', badgeBucket: bucket });
  });

  it('returns unknown for a non-string at runtime instead of throwing', () => {
    expect(parseBadgeBucket(42 as unknown as string).kind).toBe('unknown');
  });

  it('round-trips every valid sandbox and conversation id (property)', () => {
    fc.assert(
      fc.property(sandboxIdArb, conversationIdArb, (sandboxId, conversation) => {
        const bucket = badgeBucketForConversation(sandboxId, conversation);
        expect(parseBadgeBucket(bucket)).toEqual({ kind: 'kiloclaw-conversation', sandboxId, conversationId: conversation });
        expect(parseBadgeBucket(badgeBucketForInstance(sandboxId))).toEqual({ kind: 'kiloclaw-instance', sandboxId });
        expect(badgeBucketSchema.safeParse(bucket).success).toBe(true);
        expect(parentBadgeBucketFor(bucket)).toBe(badgeBucketForInstance(sandboxId));
      }),
      { numRuns: 500 },
    );
  });

  it('never confuses two different id pairs (property)', () => {
    fc.assert(
      fc.property(sandboxIdArb, conversationIdArb, sandboxIdArb, conversationIdArb, (s1, c1, s2, c2) => {
        fc.pre(s1 !== s2 || c1 !== c2);
        expect(badgeBucketForConversation(s1, c1)).not.toBe(badgeBucketForConversation(s2, c2));
        // An instance bucket is never equal to a conversation bucket.
        expect(badgeBucketForInstance(s1)).not.toBe(badgeBucketForConversation(s2, c2));
      }),
    );
  });
});

describe('parentBadgeBucketFor', () => {
  it('maps a conversation bucket to its instance bucket and leaves anything else unchanged', () => {
    expect(parentBadgeBucketFor(`kiloclaw:sb:${conversationId}`)).toBe('kiloclaw:sb');
    expect(parentBadgeBucketFor('kiloclaw:sb')).toBe('kiloclaw:sb');
    expect(parentBadgeBucketFor('agents:x:y')).toBe('agents:x:y');
  });
});

describe('badgeBucketSchema', () => {
  it('accepts the two kiloclaw shapes and rejects foreign or malformed keys', () => {
    expect(badgeBucketSchema.safeParse('kiloclaw:sb').success).toBe(true);
    expect(badgeBucketSchema.safeParse(`kiloclaw:sb:${conversationId}`).success).toBe(true);
    for (const bad of ['', 'foo', 'kiloclaw:', 'kiloclaw:sb:a:b', 'other:sb']) {
      expect(badgeBucketSchema.safeParse(bad).success).toBe(false);
    }
  });
});
