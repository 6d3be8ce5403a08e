import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  NotificationsError,
  PUSH_DATA_TYPES,
  parsePushData,
  pushDataSchema,
  securityLifecycleEventSchema,
  type PushDataType,
} from '../src/index';
import { samplePushData } from './fixtures';


describe('push data', () => {
  it('parses every variant', () => {
    for (const data of samplePushData) {
      expect(parsePushData(data)).toEqual({ kind: 'ok', data });
      expect(pushDataSchema.safeParse(data).success).toBe(true);
    }
    // Every declared type has a sample.
    expect(new Set(samplePushData.map((d) => d.type))).toEqual(new Set(PUSH_DATA_TYPES));
  });

  it('lists every type of the union in PUSH_DATA_TYPES', () => {
    expectTypeOf<(typeof PUSH_DATA_TYPES)[number]>().toEqualTypeOf<PushDataType>();
  });

  it('does not accept an unknown type in the schema, and parsePushData reports it as unknown instead of throwing', () => {
    const future = { type: 'agent.digest', sessions: 3 };
    expect(pushDataSchema.safeParse(future).success).toBe(false);
    expect(parsePushData(future)).toEqual({ kind: 'unknown', type: 'agent.digest', raw: future });
  });

  it.each(securityLifecycleEventSchema.options)('round-trips security_lifecycle %s with and without the optional ids', (event) => {
    const bare = { type: 'security_lifecycle', event, findingId: 'f1', scope: 'org' } as const;
    const full = { ...bare, remediationId: 'r1', prUrl: 'https://example.test/pr/1' };
    expect(parsePushData(bare)).toEqual({ kind: 'ok', data: bare });
    expect(parsePushData(full)).toEqual({ kind: 'ok', data: full });
  });

  it('has exactly the eight security lifecycle events', () => {
    expect(securityLifecycleEventSchema.options).toHaveLength(8);
  });

  it.each([
    ['an unknown security event', { type: 'security_lifecycle', event: 'exploded', findingId: 'f', scope: 's' }, ['event']],
    ['an empty findingId', { type: 'security_lifecycle', event: 'analysis_failed', findingId: '', scope: 's' }, ['findingId']],
    ['an empty scope', { type: 'security_finding', findingId: 'f', scope: '' }, ['scope']],
    ['an empty prUrl', { type: 'security_lifecycle', event: 'remediation_queued', findingId: 'f', scope: 's', prUrl: '' }, ['prUrl']],
    ['a chat push missing messageId', { type: 'chat.message', sandboxId: 'sb', conversationId: 'c' }, ['messageId']],
    ['an unknown lifecycle event', { type: 'instance-lifecycle', event: 'paused', sandboxId: 'sb' }, ['event']],
    ['a negative glanceable count', { type: 'active_agents_glanceable', needsInput: -1 }, ['needsInput']],
  ])('rejects %s with a typed error naming the path', (_name, input, path) => {
    const result = parsePushData(input);
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.error).toBeInstanceOf(NotificationsError);
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues.map((issue) => issue.path)).toContainEqual(path);
  });

  it.each([null, undefined, 'chat.message', 42, [], {}, { type: 7 }, { type: '' }])(
    'reports %j as invalid without throwing',
    (input) => {
      expect(parsePushData(input).kind).toBe('invalid');
    },
  );

  it('drops unknown keys of known variants but keeps extra counts of the agents snapshot', () => {
    expect(parsePushData({ type: 'low_balance', organizationId: 'o', extra: 1 })).toEqual({
      kind: 'ok',
      data: { type: 'low_balance', organizationId: 'o' },
    });
    expect(parsePushData({ type: 'active_agents_glanceable', needsInput: 1, running: 4 })).toEqual({
      kind: 'ok',
      data: { type: 'active_agents_glanceable', needsInput: 1, running: 4 },
    });
  });
});
