/** Context builders: catalogue M90–M93, and W13 (validation). */
import { describe, expect, it } from 'vitest';
import { assertContext, SANDBOX_ID_PATTERN } from '../src/context-validation';
import { kiloclawConversationContext, kiloclawInstanceContext } from '../src/kiloclaw-contexts';
import {
  presenceContextForAgentSession,
  presenceContextForCliSession,
  presenceContextForConversation,
  presenceContextForInstance,
  presenceContextForPlatform,
} from '../src/presence';

describe('context builders', () => {
  it('M90: platform presence is /presence/app and /presence/web', () => {
    expect(presenceContextForPlatform('app')).toBe('/presence/app');
    expect(presenceContextForPlatform('web')).toBe('/presence/web');
  });

  it('M91: instance and conversation presence', () => {
    expect(presenceContextForInstance('sandbox-1')).toBe('/presence/kiloclaw/sandbox-1');
    expect(presenceContextForConversation('sandbox-1', 'conv-1')).toBe('/presence/kiloclaw/sandbox-1/conv-1');
  });

  it('M92: session presence in both spellings, distinct per id', () => {
    expect(presenceContextForAgentSession('ses_1')).toBe('/presence/agent-session/ses_1');
    expect(presenceContextForCliSession('ses_1')).toBe('/presence/cli-session/ses_1');
    expect(presenceContextForAgentSession('ses_1')).not.toBe(presenceContextForAgentSession('ses_2'));
  });

  it('M93: chat contexts are /kiloclaw/{sb} and /kiloclaw/{sb}/{conv}', () => {
    expect(kiloclawInstanceContext('sb')).toBe('/kiloclaw/sb');
    expect(kiloclawConversationContext('sb', 'conv')).toBe('/kiloclaw/sb/conv');
  });
});

describe('W13: builders validate their input', () => {
  const invalid = expect.objectContaining({ code: 'invalid_context' });

  it('rejects sandbox ids outside the pattern', () => {
    expect(SANDBOX_ID_PATTERN.test('sb_1-A')).toBe(true);
    for (const bad of ['', 'a/b', 'x'.repeat(65), 'sp ace']) {
      expect(() => kiloclawInstanceContext(bad)).toThrow(invalid);
      expect(() => presenceContextForInstance(bad)).toThrow(invalid);
    }
  });

  it('rejects empty ids and ids containing a slash, and results over 256 characters', () => {
    expect(() => kiloclawConversationContext('sb', '')).toThrow(invalid);
    expect(() => kiloclawConversationContext('sb', 'a/b')).toThrow(invalid);
    expect(() => presenceContextForAgentSession('a/b')).toThrow(invalid);
    expect(() => presenceContextForCliSession('')).toThrow(invalid);
    expect(() => presenceContextForConversation('sb', 'c'.repeat(240))).toThrow(invalid);
    expect(() => presenceContextForAgentSession('s'.repeat(240))).toThrow(invalid);
    expect(() => presenceContextForPlatform('tv' as never)).toThrow(invalid);
  });

  it('assertContext accepts 1–256 characters only', () => {
    expect(assertContext('x')).toBe('x');
    expect(assertContext('x'.repeat(256))).toHaveLength(256);
    expect(() => assertContext('')).toThrow(invalid);
    expect(() => assertContext('x'.repeat(257))).toThrow(invalid);
    expect(() => assertContext(3 as never)).toThrow(invalid);
  });
});
