import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ANDROID_NOTIFICATION_CHANNELS,
  PUSH_MESSAGES_EN,
  androidChannelIdForPushData,
  androidChannelIdForRegisteredClient,
  assertSendPushForConversationInput,
  conversationPushTitle,
  genericPushContentForPushData,
  localizePushContent,
  presentConversationPush,
  presentInstanceLifecyclePush,
  pushBodyPreview,
  pushContentForPreviewMode,
  sendPushForConversationInputSchema,
  truncateOnGraphemes,
  type PushData,
  type PushTranslate,
} from '../src/index';
import { hostileTextArb, wellFormed } from './arbitraries';
import { samplePushData } from './fixtures';

const french: Record<string, string> = {
  'chat.title': '{{conversationTitle}} — {{sandboxLabel}}',
  'chat.untitled.title': '{{sandboxLabel}} · Sans titre',
  'generic.title': 'Kilo',
  'generic.body.chatMessage': 'Vous avez reçu un message',
  'instanceLifecycle.ready.title': '{{instanceName}} est prête',
};
const translateFr: PushTranslate = (key) => french[key];

function graphemes(text: string): string[] {
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
}

describe('Android channels', () => {
  it('maps every push variant to a declared channel', () => {
    const declared = new Set<string>(ANDROID_NOTIFICATION_CHANNELS.map((channel) => channel.id));
    for (const data of samplePushData) expect(declared.has(androidChannelIdForPushData(data))).toBe(true);
  });

  it('sends chat to chat, lifecycle and scheduled to kiloclaw, balance to balance and security to security', () => {
    const channelOf = (type: PushData['type']) =>
      androidChannelIdForPushData(samplePushData.find((data) => data.type === type)!);
    expect(channelOf('chat.message')).toBe('chat');
    expect(channelOf('instance-lifecycle')).toBe('kiloclaw');
    expect(channelOf('scheduled-action')).toBe('kiloclaw');
    expect(channelOf('low_balance')).toBe('balance');
    expect(channelOf('spend_alert')).toBe('balance');
    expect(channelOf('security_finding')).toBe('security');
    expect(channelOf('security_lifecycle')).toBe('security');
    expect(channelOf('cloud_agent_session')).toBe('agent');
  });

  it('declares chat, agent and security as high importance', () => {
    const importance = Object.fromEntries(ANDROID_NOTIFICATION_CHANNELS.map((c) => [c.id, c.importance]));
    expect(importance).toEqual({ agent: 'high', chat: 'high', kiloclaw: 'default', balance: 'default', security: 'high' });
  });

  it('omits the channel for a device that registered without an app version', () => {
    expect(androidChannelIdForRegisteredClient('chat', '1.2.0')).toBe('chat');
    expect(androidChannelIdForRegisteredClient('chat', null)).toBeUndefined();
    expect(androidChannelIdForRegisteredClient('chat', undefined)).toBeUndefined();
    expect(androidChannelIdForRegisteredClient('chat', ' ')).toBeUndefined();
  });
});

describe('generic copy', () => {
  // Every free-form string field carries a sentinel the copy must never show.
  const marked: PushData[] = [
    { type: 'chat.message', sandboxId: 'SB-SECRET-1', conversationId: 'CONV-SECRET-2', messageId: 'MSG-SECRET-3' },
    { type: 'instance-lifecycle', event: 'start_failed', sandboxId: 'SB-SECRET-4' },
    { type: 'scheduled-action', event: 'scheduled_version_change_notice', sandboxId: 'SB-SECRET-5' },
    { type: 'cloud_agent_session', cliSessionId: 'SESSION-SECRET-6', category: 'attention' },
    { type: 'low_balance', organizationId: 'ORG-SECRET-7' },
    { type: 'security_finding', findingId: 'FINDING-SECRET-8', scope: 'SCOPE-SECRET-9' },
    {
      type: 'security_lifecycle',
      event: 'remediation_pr_opened',
      findingId: 'FINDING-SECRET-10',
      scope: 'SCOPE-SECRET-11',
      remediationId: 'REM-SECRET-12',
      prUrl: 'https://secret.example/pr/13',
    },
    { type: 'spend_alert', scope: 'organization', organizationId: 'ORG-SECRET-14' },
    { type: 'active_agents_glanceable', needsInput: 3, label: 'GLANCE-SECRET-15' },
  ];

  it.each(marked)('never contains a field value of $type and is never empty', (data) => {
    const content = genericPushContentForPushData(data);
    expect(content.title).not.toBe('');
    expect(content.body).not.toBe('');
    for (const value of Object.values(data)) {
      if (typeof value !== 'string') continue;
      expect(content.title).not.toContain(value);
      expect(content.body).not.toContain(value);
    }
  });

  it('uses the brand as title and a type-specific body', () => {
    expect(genericPushContentForPushData(marked[0]!)).toEqual({
      title: PUSH_MESSAGES_EN['generic.title'],
      body: PUSH_MESSAGES_EN['generic.body.chatMessage'],
    });
    expect(genericPushContentForPushData(marked[6]!).body).toBe(PUSH_MESSAGES_EN['generic.body.securityFinding']);
  });

  it('is localised by the translate option and falls back to English for a blank answer', () => {
    expect(genericPushContentForPushData(marked[0]!, { translate: translateFr }).body).toBe('Vous avez reçu un message');
    expect(genericPushContentForPushData(marked[0]!, { translate: () => '   ' })).toEqual(genericPushContentForPushData(marked[0]!));
    // The reference's locale argument is accepted and gives English.
    expect(genericPushContentForPushData(marked[0]!, 'fr')).toEqual(genericPushContentForPushData(marked[0]!));
  });

  it('replaces producer content only in generic preview mode', () => {
    const content = { title: 'My instance is ready', body: 'Tap to chat' };
    const data = marked[1]!;
    expect(pushContentForPreviewMode(content, data, 'full')).toBe(content);
    expect(pushContentForPreviewMode(content, data, 'generic')).toEqual(genericPushContentForPushData(data));
  });
});

describe('conversation push title', () => {
  it('is "<sandboxLabel> · <conversation title>"', () => {
    expect(conversationPushTitle('My Claw', 'Weekly plan')).toBe('My Claw · Weekly plan');
  });

  it.each([null, undefined, '', '   '])('uses "Untitled" when the title is %j', (title) => {
    expect(conversationPushTitle('My Claw', title)).toBe('My Claw · Untitled');
  });

  it('collapses whitespace to one line', () => {
    expect(conversationPushTitle('  My\nClaw ', 'a\t\tb')).toBe('My Claw · a b');
  });

  it('caps an oversized composed title at 200 with an ellipsis, keeping the label', () => {
    const title = conversationPushTitle('My Claw', 'x'.repeat(200));
    expect(title).toHaveLength(200);
    expect(title.startsWith('My Claw · xxx')).toBe(true);
    expect(title.endsWith('…')).toBe(true);
    expect(sendPushForConversationInputSchema.shape.title.safeParse(title).success).toBe(true);
  });

  it('never splits an emoji at the cut', () => {
    const title = conversationPushTitle('L', `${'a'.repeat(193)}👩‍👩‍👧‍👦 end`);
    expect(title.length).toBeLessThanOrEqual(200);
    expect(wellFormed(title)).toBe(true);
    expect(title).toBe(`L · ${'a'.repeat(193)}…`);
  });

  it('is localised through translate', () => {
    expect(conversationPushTitle('Claw', 'Plan', { translate: translateFr })).toBe('Plan — Claw');
    expect(conversationPushTitle('Claw', null, { translate: translateFr })).toBe('Claw · Sans titre');
  });
});

describe('body preview', () => {
  it('joins the text blocks and ignores actions and attachments', () => {
    const preview = pushBodyPreview([
      { type: 'text', text: 'Hello' },
      { type: 'attachment', attachmentId: 'a', mimeType: 'image/png', size: 1, filename: 'secret.png' } as never,
      { type: 'actions', groupId: 'g', actions: [] } as never,
      { type: 'text', text: 'world' },
    ]);
    expect(preview).toBe('Hello world');
  });

  it('is empty for a message without text', () => {
    expect(pushBodyPreview([{ type: 'attachment' }])).toBe('');
  });

  it('keeps the first 200 characters', () => {
    expect(pushBodyPreview('b'.repeat(300))).toBe('b'.repeat(200));
  });

  it('cuts on a grapheme boundary, never inside a surrogate pair or before a combining mark', () => {
    expect(pushBodyPreview(`${'a'.repeat(199)}👍🏽`)).toBe('a'.repeat(199));
    expect(pushBodyPreview(`${'a'.repeat(199)}e\u0301`)).toBe('a'.repeat(199));
    expect(pushBodyPreview(`${'a'.repeat(198)}e\u0301z`)).toBe(`${'a'.repeat(198)}e\u0301`);
  });
});

describe('truncateOnGraphemes without Intl.Segmenter', () => {
  const original = Intl.Segmenter;
  afterEach(() => {
    Object.defineProperty(Intl, 'Segmenter', { value: original, configurable: true, writable: true });
  });

  it('falls back to code points with their combining marks', () => {
    Object.defineProperty(Intl, 'Segmenter', { value: undefined, configurable: true, writable: true });
    expect(truncateOnGraphemes(`${'a'.repeat(9)}😀`, 10)).toBe('a'.repeat(9));
    expect(truncateOnGraphemes(`${'a'.repeat(8)}e\u0301\u0301`, 10)).toBe('a'.repeat(8));
    expect(truncateOnGraphemes('abc👩‍👩‍👧 tail', 10, '…')).toBe('abc…');
    fc.assert(
      fc.property(hostileTextArb, fc.integer({ min: 0, max: 250 }), (text, max) => {
        const out = truncateOnGraphemes(text, max, '…');
        expect(out.length).toBeLessThanOrEqual(max);
        if (wellFormed(text)) expect(wellFormed(out)).toBe(true);
      }),
    );
  });
});

describe('presentConversationPush', () => {
  it('produces a valid sendPushForConversation input', () => {
    const presentation = presentConversationPush({
      sandboxLabel: 'My Claw',
      conversationTitle: 'Plan',
      content: [{ type: 'text', text: 'Ship it' }],
    });
    expect(presentation).toEqual({ title: 'My Claw · Plan', bodyPreview: 'Ship it' });
    assertSendPushForConversationInput({
      conversationId: 'c1',
      sandboxId: 'sb',
      senderUserId: 'u1',
      recipientUserIds: ['u2'],
      messageId: 'm1',
      ...presentation,
    });
  });

  it('adds the chat.untitled key with its params for an untitled conversation', () => {
    expect(presentConversationPush({ sandboxLabel: 'Claw', conversationTitle: null, content: 'hi' })).toEqual({
      title: 'Claw · Untitled',
      bodyPreview: 'hi',
      i18nKey: 'chat.untitled',
      i18nParams: { sandboxLabel: 'Claw', bodyPreview: 'hi' },
    });
  });

  it('shows nothing from the message, title or label in generic mode', () => {
    const generic = presentConversationPush(
      { sandboxLabel: 'SECRET-LABEL', conversationTitle: 'SECRET-TITLE', content: 'SECRET-TEXT' },
      { previewMode: 'generic' },
    );
    expect(JSON.stringify(generic)).not.toMatch(/SECRET/);
    expect(generic).toEqual({
      title: PUSH_MESSAGES_EN['generic.title'],
      bodyPreview: PUSH_MESSAGES_EN['generic.body.chatMessage'],
    });
  });

  it('always satisfies the push schema limits for arbitrary unicode (property)', () => {
    fc.assert(
      fc.property(
        hostileTextArb,
        fc.option(hostileTextArb, { nil: null }),
        fc.array(hostileTextArb, { maxLength: 4 }),
        (sandboxLabel, conversationTitle, texts) => {
          const presentation = presentConversationPush({
            sandboxLabel,
            conversationTitle,
            content: texts.map((text) => ({ type: 'text', text })),
          });
          expect(presentation.title.length).toBeLessThanOrEqual(200);
          expect(presentation.bodyPreview.length).toBeLessThanOrEqual(200);
          const input = { conversationId: 'c', sandboxId: 's', senderUserId: null, recipientUserIds: ['u'], messageId: 'm' };
          expect(sendPushForConversationInputSchema.safeParse({ ...input, ...presentation }).success).toBe(true);
          const inputsWellFormed = [sandboxLabel, conversationTitle ?? '', ...texts].every((t) => wellFormed(t));
          if (inputsWellFormed) {
            expect(wellFormed(presentation.title)).toBe(true);
            expect(wellFormed(presentation.bodyPreview)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts only between graphemes of the (one-line) message text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }), (text) => {
        const oneLine = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
        const preview = pushBodyPreview(text);
        expect(oneLine.startsWith(preview)).toBe(true);
        // The cut lands on a grapheme boundary of the full text.
        const boundaries = new Set([0]);
        let offset = 0;
        for (const grapheme of graphemes(oneLine)) boundaries.add((offset += grapheme.length));
        expect(boundaries.has(preview.length)).toBe(true);
      }),
    );
  });

  it('keeps a hostile translation within the limits', () => {
    const longTranslate: PushTranslate = () => '∞'.repeat(500);
    const presentation = presentConversationPush(
      { sandboxLabel: 'a', conversationTitle: 'b', content: 'c' },
      { translate: longTranslate },
    );
    expect(presentation.title.length).toBeLessThanOrEqual(200);
  });
});

describe('instance lifecycle notices', () => {
  it('names the instance, falling back to KiloClaw', () => {
    expect(presentInstanceLifecyclePush({ event: 'ready', instanceName: 'Atlas' }).title).toBe('Atlas is ready');
    expect(presentInstanceLifecyclePush({ event: 'ready', instanceName: null }).title).toBe('KiloClaw is ready');
    expect(presentInstanceLifecyclePush({ event: 'start_failed', instanceName: '  ' }).title).toBe('KiloClaw failed to start');
  });

  it('excerpts the error to 100 characters and has a fallback for no error', () => {
    const failed = presentInstanceLifecyclePush({ event: 'start_failed', instanceName: 'A', errorMessage: ` ${'e'.repeat(150)} ` });
    expect(failed.body).toHaveLength(100);
    expect(failed.body.endsWith('...')).toBe(true);
    expect(presentInstanceLifecyclePush({ event: 'start_failed', instanceName: 'A', errorMessage: 'disk full' }).body).toBe('disk full');
    expect(presentInstanceLifecyclePush({ event: 'start_failed', instanceName: 'A', errorMessage: '  ' }).body).toBe(
      PUSH_MESSAGES_EN['instanceLifecycle.startFailed.body'],
    );
  });

  it('is localised and stays within the limits (property)', () => {
    expect(presentInstanceLifecyclePush({ event: 'ready', instanceName: 'Atlas' }, { translate: translateFr }).title).toBe(
      'Atlas est prête',
    );
    fc.assert(
      fc.property(fc.constantFrom('ready', 'start_failed' as const), fc.option(hostileTextArb, { nil: null }), hostileTextArb, (event, instanceName, errorMessage) => {
        const { title, body } = presentInstanceLifecyclePush({ event, instanceName, errorMessage });
        expect(title.length).toBeLessThanOrEqual(200);
        expect(body.length).toBeLessThanOrEqual(200);
        expect(title).not.toBe('');
        expect(body).not.toBe('');
      }),
    );
  });
});

describe('localizePushContent', () => {
  const push = {
    title: 'Claw · Untitled',
    body: 'hi',
    i18nKey: 'chat.untitled',
    i18nParams: { sandboxLabel: 'Claw', bodyPreview: 'hi' },
  };

  it('translates the <key>.title / <key>.body pair and keeps the producer text for anything unanswered', () => {
    expect(localizePushContent(push, { translate: translateFr })).toEqual({ title: 'Claw · Sans titre', body: 'hi' });
    expect(localizePushContent(push)).toEqual({ title: push.title, body: push.body });
    expect(localizePushContent({ title: 't', body: 'b' }, { translate: translateFr })).toEqual({ title: 't', body: 'b' });
  });

  it('never lets a translation exceed the limits', () => {
    const out = localizePushContent(push, { translate: () => '🙂'.repeat(300) });
    expect(out.title.length).toBeLessThanOrEqual(200);
    expect(out.body.length).toBeLessThanOrEqual(200);
    expect(wellFormed(out.title) && wellFormed(out.body)).toBe(true);
  });
});
