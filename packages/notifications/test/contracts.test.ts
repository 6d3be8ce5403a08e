import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as notifications from '../src/index';
import {
  NotificationsError,
  assertDispatchPushInput,
  assertSendPushForConversationInput,
  badgeBucketForConversation,
  chatIdempotencyKey,
  clearBadgeBucketForUserInputSchema,
  dispatchPushOutcomeSchema,
  internalDispatchRequestSchema,
  perRecipientOutcomeSchema,
  presentConversationPush,
  pushRecipientsForConversation,
  pushSuppressionContextForConversation,
  refreshGlanceableSessionsInputSchema,
  sendCloudAgentSessionNotificationInputSchema,
  sendInstanceLifecycleNotificationOutputSchema,
  sendScheduledActionNoticeOutputSchema,
  validateClearBadgeBucketForUserInput,
  validateInternalDispatchRequest,
  validateMarkBadgeReadInput,
  validateSendInstanceLifecycleNotificationInput,
  validateSendPushForConversationInput,
  type DispatchPushInput,
  type SendPushForConversationInput,
} from '../src/index';

const sendInput: SendPushForConversationInput = {
  conversationId: '01J8Z3Q2X7H5K9M4N6P8R0T2V4',
  sandboxId: 'sb_1',
  senderUserId: 'alice',
  recipientUserIds: ['bob', 'carol'],
  title: 'Claw · Plan',
  bodyPreview: 'Ship it',
  messageId: '01J8Z3Q2X7H5K9M4N6P8R0T2V5',
};

function issuePaths(result: { kind: string; error?: NotificationsError }): Array<ReadonlyArray<string | number>> {
  return result.error?.issues.map((issue) => issue.path) ?? [];
}

describe('sendPushForConversation contract', () => {
  it('accepts a complete input, with or without the localisation key', () => {
    expect(validateSendPushForConversationInput(sendInput)).toEqual({ kind: 'ok', data: sendInput });
    const localised = { ...sendInput, i18nKey: 'chat.untitled', i18nParams: { sandboxLabel: 'Claw', bodyPreview: 'Ship it' } };
    expect(assertSendPushForConversationInput(localised)).toEqual(localised);
  });

  it('reports every missing field with its path, as a typed result', () => {
    const { title: _title, recipientUserIds: _recipients, ...partial } = sendInput;
    const result = validateSendPushForConversationInput(partial);
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.error).toBeInstanceOf(NotificationsError);
    expect(result.error.code).toBe('invalid_input');
    expect(issuePaths(result)).toEqual(expect.arrayContaining([['title'], ['recipientUserIds']]));
  });

  it('throws the typed error, naming the paths, from the assert variant', () => {
    const { messageId: _messageId, ...partial } = sendInput;
    expect(() => assertSendPushForConversationInput(partial)).toThrow(NotificationsError);
    expect(() => assertSendPushForConversationInput(partial)).toThrow(/messageId/);
  });

  it('rejects an oversized title and preview (the reference only typed them)', () => {
    const result = validateSendPushForConversationInput({ ...sendInput, title: 't'.repeat(201), bodyPreview: 'b'.repeat(201) });
    expect(issuePaths(result)).toEqual(expect.arrayContaining([['title'], ['bodyPreview']]));
    expect(validateSendPushForConversationInput({ ...sendInput, title: 't'.repeat(200) }).kind).toBe('ok');
  });

  it('counts the limits in UTF-16 code units, whatever zod version measures .max()', () => {
    // 101 emoji are 202 units but 101 code points, which zod 4.6+ alone would let through.
    expect(validateSendPushForConversationInput({ ...sendInput, title: '😀'.repeat(100), bodyPreview: '😀'.repeat(100) }).kind).toBe('ok');
    const result = validateSendPushForConversationInput({ ...sendInput, title: '😀'.repeat(101), bodyPreview: '😀'.repeat(101) });
    expect(issuePaths(result)).toEqual([['title'], ['bodyPreview']]);
  });

  it('rejects ids that would build a colliding bucket or context, and an empty recipient list', () => {
    expect(issuePaths(validateSendPushForConversationInput({ ...sendInput, conversationId: 'a:b' }))).toEqual([['conversationId']]);
    expect(issuePaths(validateSendPushForConversationInput({ ...sendInput, sandboxId: 'sb/1' }))).toEqual([['sandboxId']]);
    expect(issuePaths(validateSendPushForConversationInput({ ...sendInput, recipientUserIds: [] }))).toEqual([['recipientUserIds']]);
    expect(issuePaths(validateSendPushForConversationInput({ ...sendInput, recipientUserIds: ['ok', ''] }))).toEqual([
      ['recipientUserIds', 1],
    ]);
  });

  it('fans out to every recipient except the sender, once each, in input order', () => {
    expect(pushRecipientsForConversation({ senderUserId: 'alice', recipientUserIds: ['bob', 'alice', 'carol', 'bob'] })).toEqual([
      'bob',
      'carol',
    ]);
    expect(pushRecipientsForConversation({ senderUserId: null, recipientUserIds: ['bob', 'bob'] })).toEqual(['bob']);
    expect(pushRecipientsForConversation({ senderUserId: 'alice', recipientUserIds: ['alice'] })).toEqual([]);
  });

  it('allows a null sender (bot messages)', () => {
    expect(validateSendPushForConversationInput({ ...sendInput, senderUserId: null }).kind).toBe('ok');
  });

  it('keeps the original outcome enum; rate limiting travels as a failed reason', () => {
    expect(perRecipientOutcomeSchema.options).toEqual([
      'delivered',
      'suppressed_presence',
      'suppressed_preference',
      'no_tokens',
      'duplicate',
      'failed',
    ]);
    expect(notifications.validateSendPushForConversationOutput({
      perRecipient: [{ userId: 'bob', outcome: 'failed', reason: 'rate_limited' }, { userId: 'carol', outcome: 'delivered' }],
    }).kind).toBe('ok');
    expect(notifications.validateSendPushForConversationOutput({ perRecipient: [{ userId: 'bob', outcome: 'suppressed_rate_limit' }] }).kind).toBe(
      'invalid',
    );
  });
});

describe('chat dispatch built from the helpers', () => {
  function chatDispatch(input: SendPushForConversationInput, recipient: string): DispatchPushInput {
    return {
      userId: recipient,
      presenceContext: pushSuppressionContextForConversation(input.sandboxId, input.conversationId),
      idempotencyKey: chatIdempotencyKey(input.messageId, recipient),
      badge: { badgeBucket: badgeBucketForConversation(input.sandboxId, input.conversationId), delta: 1 },
      push: {
        title: input.title,
        body: input.bodyPreview,
        data: { type: 'chat.message', sandboxId: input.sandboxId, conversationId: input.conversationId, messageId: input.messageId },
        sound: 'default',
        priority: 'high',
        ...(input.i18nKey === undefined ? {} : { i18nKey: input.i18nKey, i18nParams: input.i18nParams }),
      },
    };
  }

  it('uses the conversation presence context, the conversation bucket with +1 and chat.message data', () => {
    const dispatch = assertDispatchPushInput(chatDispatch(sendInput, 'bob'));
    expect(dispatch.presenceContext).toBe(`/presence/kiloclaw/sb_1/${sendInput.conversationId}`);
    expect(dispatch.badge).toEqual({ badgeBucket: `kiloclaw:sb_1:${sendInput.conversationId}`, delta: 1 });
    expect(dispatch.idempotencyKey).toBe(`chat:${sendInput.messageId}:bob`);
    expect(dispatch.push.data.type).toBe('chat.message');
  });

  it('forwards the localisation key and params when the producer sends them', () => {
    const presentation = presentConversationPush({ sandboxLabel: 'Claw', conversationTitle: null, content: 'hi' });
    const dispatch = assertDispatchPushInput(chatDispatch({ ...sendInput, ...presentation }, 'bob'));
    expect(dispatch.push.i18nKey).toBe('chat.untitled');
    expect(dispatch.push.i18nParams).toEqual({ sandboxLabel: 'Claw', bodyPreview: 'hi' });
  });

  it('rejects a badge with a foreign bucket, a fractional delta or an over-long presence context', () => {
    const valid = chatDispatch(sendInput, 'bob');
    const bad = {
      ...valid,
      presenceContext: `/${'p'.repeat(256)}`,
      badge: { badgeBucket: 'other:bucket', delta: 0.5 },
    };
    const result = notifications.validateDispatchPushInput(bad);
    expect(issuePaths(result)).toEqual(
      expect.arrayContaining([['presenceContext'], ['badge', 'badgeBucket'], ['badge', 'delta']]),
    );
    expect(notifications.validateDispatchPushInput({ ...valid, badge: null, presenceContext: null }).kind).toBe('ok');
  });

  it('describes every dispatch outcome', () => {
    for (const outcome of [
      { kind: 'delivered', tokenCount: 2 },
      { kind: 'suppressed_presence' },
      { kind: 'suppressed_rate_limit' },
      { kind: 'no_tokens' },
      { kind: 'duplicate' },
      { kind: 'failed', error: 'Expo rejected 1 push ticket(s)' },
    ]) {
      expect(dispatchPushOutcomeSchema.safeParse(outcome).success).toBe(true);
    }
    expect(dispatchPushOutcomeSchema.safeParse({ kind: 'failed' }).success).toBe(false);
  });
});

describe('badge contracts', () => {
  it('requires a string bucket on mark-read (missing or non-string is rejected)', () => {
    expect(validateMarkBadgeReadInput({ badgeBucket: 'kiloclaw:sb' }).kind).toBe('ok');
    for (const body of [{}, { badgeBucket: 5 }, { badgeBucket: '' }, null]) {
      expect(validateMarkBadgeReadInput(body).kind).toBe('invalid');
    }
  });

  it('checks clearBadgeBucketForUser like mark-read, for a named user', () => {
    expect(validateClearBadgeBucketForUserInput({ userId: 'u', badgeBucket: 'kiloclaw:sb:c' }).kind).toBe('ok');
    expect(issuePaths(validateClearBadgeBucketForUserInput({ badgeBucket: 'kiloclaw:sb' }))).toEqual([['userId']]);
    expect(clearBadgeBucketForUserInputSchema.safeParse({ userId: 'u', badgeBucket: 'nope' }).success).toBe(false);
    expect(notifications.validateClearBadgeBucketForUserOutput({ badgeCount: 3 }).kind).toBe('ok');
    expect(notifications.validateClearBadgeBucketForUserOutput({ badgeCount: -1 }).kind).toBe('invalid');
  });

  it('reads list responses leniently, so a newer namespace does not break an older app', () => {
    const body = { buckets: [{ badgeBucket: 'kiloclaw:sb', badgeCount: 2 }, { badgeBucket: 'agents:s1', badgeCount: 1 }] };
    expect(notifications.validateListBadgesResponse(body)).toEqual({ kind: 'ok', data: body });
    expect(notifications.validateListBadgesResponse({ buckets: [{ badgeBucket: 'kiloclaw:sb', badgeCount: 1.5 }] }).kind).toBe('invalid');
  });
});

describe('instance and scheduled notices', () => {
  it('requires the lifecycle fields and accepts a null instance name', () => {
    expect(
      validateSendInstanceLifecycleNotificationInput({ userId: 'u', sandboxId: 'sb', event: 'ready', instanceName: null }).kind,
    ).toBe('ok');
    expect(issuePaths(validateSendInstanceLifecycleNotificationInput({ userId: 'u', sandboxId: 'sb', event: 'ready' }))).toEqual([
      ['instanceName'],
    ]);
  });

  it('carries ticket error counts in the lifecycle result but not in the scheduled one', () => {
    const counts = { tokenCount: 2, sent: 2, staleTokens: 0, receiptCount: 1 };
    const ticketErrors = { total: 1, retryable: 1, terminal: 0 };
    expect(sendInstanceLifecycleNotificationOutputSchema.safeParse({ ...counts, ticketErrors }).success).toBe(true);
    expect(sendInstanceLifecycleNotificationOutputSchema.safeParse(counts).success).toBe(false);
    expect(
      sendInstanceLifecycleNotificationOutputSchema.safeParse({ ...counts, suppressedByPreference: true, ticketErrors }).success,
    ).toBe(true);
    expect(sendScheduledActionNoticeOutputSchema.safeParse(counts).success).toBe(true);
    expect(notifications.validateSendScheduledActionNoticeInput({
      userId: 'u',
      instanceId: 'i',
      sandboxId: 'sb',
      event: 'scheduled_restart_notice',
      instanceName: null,
      scheduledAt: '2026-01-01T00:00:00Z',
      targetImageTag: null,
    }).kind).toBe('ok');
  });
});

describe('agent session contracts', () => {
  const base = { userId: 'u', cliSessionId: 's', executionId: 'e', status: 'completed', body: 'Done' };

  it('accepts attentionKind question/permission and prUrl, and rejects unknown', () => {
    expect(sendCloudAgentSessionNotificationInputSchema.safeParse({ ...base, attentionKind: 'question', prUrl: 'https://x' }).success).toBe(true);
    expect(sendCloudAgentSessionNotificationInputSchema.safeParse({ ...base, attentionKind: 'unknown' }).success).toBe(false);
  });

  it('bounds agent notification ids and messages', () => {
    const ok = { userId: 'u', cliSessionId: 's', notificationId: 'n'.repeat(64), message: 'm'.repeat(500) };
    expect(notifications.validateSendAgentSessionNotificationInput(ok).kind).toBe('ok');
    expect(notifications.validateSendAgentSessionNotificationInput({ ...ok, notificationId: 'n'.repeat(65) }).kind).toBe('invalid');
    expect(notifications.validateSendAgentSessionNotificationInput({ ...ok, message: '' }).kind).toBe('invalid');
    expect(notifications.validateSendAgentSessionNotificationOutput({ dispatched: false, reason: 'suppressed_rate_limit' }).kind).toBe('ok');
  });

  it('strips unknown keys from refreshGlanceableSessions and does not force UUID user ids', () => {
    expect(
      refreshGlanceableSessionsInputSchema.parse({ userId: 'oauth/github:1', cliSessionIds: ['a'], counts: { running: 1 }, orgId: 'o' }),
    ).toEqual({ userId: 'oauth/github:1', cliSessionIds: ['a'] });
    expect(refreshGlanceableSessionsInputSchema.safeParse({ userId: 'u', cliSessionIds: [] }).success).toBe(false);
  });

  it('checks session attention notices', () => {
    expect(
      notifications.validateSendSessionAttentionNotificationInput({ userId: 'u', cliSessionId: 's', requestId: 'r', reason: 'blocking_suggestion' }).kind,
    ).toBe('ok');
    expect(
      notifications.validateSendSessionAttentionNotificationInput({ userId: 'u', cliSessionId: 's', requestId: 'r', reason: 'other' }).kind,
    ).toBe('invalid');
  });
});

describe('internal dispatch', () => {
  const spend = {
    kind: 'spend_alert',
    recipientUserIds: ['u'],
    scope: 'organization',
    organizationId: 'o',
    alertKind: 'threshold',
    scopeName: 'Acme',
    amountUsd: 120,
    thresholdUsd: 100,
    dedupeKey: 'episode-7',
  };

  it('accepts all four kinds', () => {
    const requests = [
      { kind: 'low_balance', recipientUserIds: ['u'], organizationId: 'o', organizationName: 'Acme', minimumBalanceUsd: 0 },
      {
        kind: 'security_finding',
        recipientUserId: 'u',
        notificationId: 'n',
        findingId: 'f',
        scope: 'org',
        notificationKind: 'sla_warning',
        severity: 'high',
        repoFullName: 'acme/app',
        title: 'Prototype pollution',
        ghsaId: null,
      },
      { kind: 'security_lifecycle', event: 'remediation_failed', findingId: 'f', scope: 'org', recipientUserIds: ['u'] },
      spend,
    ];
    for (const request of requests) expect(validateInternalDispatchRequest(request).kind).toBe('ok');
  });

  it('rejects a budget spend alert, a missing dedupe key and an empty recipient list', () => {
    const { dedupeKey: _dedupeKey, ...withoutKey } = spend;
    expect(internalDispatchRequestSchema.safeParse({ ...spend, alertKind: 'budget' }).success).toBe(false);
    expect(issuePaths(validateInternalDispatchRequest(withoutKey))).toEqual([['dedupeKey']]);
    expect(issuePaths(validateInternalDispatchRequest({ ...spend, recipientUserIds: [] }))).toEqual([['recipientUserIds']]);
    expect(validateInternalDispatchRequest({ kind: 'carrier_pigeon' }).kind).toBe('invalid');
  });

  it('rejects a negative minimum balance', () => {
    expect(
      validateInternalDispatchRequest({ kind: 'low_balance', recipientUserIds: ['u'], organizationId: 'o', organizationName: 'A', minimumBalanceUsd: -1 }).kind,
    ).toBe('invalid');
  });
});

describe('validators', () => {
  const validators = (Object.entries(notifications) as Array<[string, unknown]>)
    .filter(([name, value]) => name.startsWith('validate') && typeof value === 'function')
    .map(([name, value]) => [name, value as (input: unknown) => { kind: string }] as const);

  it('exist as validate/assert pairs', () => {
    expect(validators.length).toBeGreaterThanOrEqual(24);
    for (const [name] of validators) {
      expect(typeof (notifications as Record<string, unknown>)[name.replace(/^validate/, 'assert')]).toBe('function');
    }
  });

  it('never throw, whatever they are given (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        for (const [, validate] of validators) expect(['ok', 'invalid']).toContain(validate(input).kind);
      }),
      { numRuns: 200 },
    );
  });
});
