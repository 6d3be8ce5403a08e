/**
 * The words users read, word for word as the reference package shows them
 * (hooks-notifications.md §2.5 and §3.9; the reference's English catalog).
 * An app that switches packages must not see a single notification change.
 */
import { describe, expect, it } from 'vitest';
import {
  PUSH_MESSAGES_EN,
  conversationPushTitle,
  genericPushContentForPushData,
  presentInstanceLifecyclePush,
  type PushData,
} from '../src/index';
import { samplePushData } from './fixtures';

/** Every English string of the reference's presentation and generic copy, by key. */
const REFERENCE_ENGLISH = {
  'generic.title': 'Kilo',
  'generic.body.cloudAgentSession': 'Your agent session has an update',
  'generic.body.chatMessage': 'You have a new message',
  'generic.body.instanceLifecycle': 'Your instance has an update',
  'generic.body.scheduledAction': 'A scheduled action has an update',
  'generic.body.lowBalance': 'Your balance needs attention',
  'generic.body.spendAlert': 'Your spend needs attention',
  'generic.body.securityFinding': 'A security finding needs attention',
  'generic.body.activeAgentsGlanceable': 'Active agents have an update',
  'chat.untitled.title': '{{sandboxLabel}} · Untitled',
  'chat.untitled.body': '{{bodyPreview}}',
  'kiloclaw.defaultName': 'KiloClaw',
  'instanceLifecycle.ready.title': '{{instanceName}} is ready',
  'instanceLifecycle.ready.body': 'Tap to start chatting.',
  'instanceLifecycle.startFailed.title': '{{instanceName}} failed to start',
  'instanceLifecycle.startFailed.body': 'Start failed.',
} as const;

/** The generic body each push type shows (security_lifecycle shares the security finding copy). */
const GENERIC_BODY_BY_TYPE: Record<PushData['type'], string> = {
  cloud_agent_session: 'Your agent session has an update',
  'chat.message': 'You have a new message',
  'instance-lifecycle': 'Your instance has an update',
  'scheduled-action': 'A scheduled action has an update',
  low_balance: 'Your balance needs attention',
  spend_alert: 'Your spend needs attention',
  security_finding: 'A security finding needs attention',
  security_lifecycle: 'A security finding needs attention',
  active_agents_glanceable: 'Active agents have an update',
};

describe('reference English copy', () => {
  it.each(Object.entries(REFERENCE_ENGLISH))('%s is "%s"', (key, english) => {
    expect((PUSH_MESSAGES_EN as Record<string, string>)[key]).toBe(english);
  });

  it.each(Object.entries(GENERIC_BODY_BY_TYPE))('generic copy of %s reads "Kilo" / "%s"', (type, body) => {
    const data = samplePushData.find((sample) => sample.type === type)!;
    expect(genericPushContentForPushData(data)).toEqual({ title: 'Kilo', body });
  });

  it('instance notices read as the reference wrote them', () => {
    expect(presentInstanceLifecyclePush({ event: 'ready', instanceName: 'Atlas' })).toEqual({
      title: 'Atlas is ready',
      body: 'Tap to start chatting.',
    });
    expect(presentInstanceLifecyclePush({ event: 'start_failed', instanceName: null })).toEqual({
      title: 'KiloClaw failed to start',
      body: 'Start failed.',
    });
    expect(presentInstanceLifecyclePush({ event: 'start_failed', instanceName: 'Atlas', errorMessage: ' disk full ' })).toEqual({
      title: 'Atlas failed to start',
      body: 'disk full',
    });
  });

  it('a long start error is cut to 97 characters and "..." (100 in all)', () => {
    const { body } = presentInstanceLifecyclePush({ event: 'start_failed', instanceName: 'A', errorMessage: 'e'.repeat(150) });
    expect(body).toBe(`${'e'.repeat(97)}...`);
  });

  it('an untitled conversation reads "<label> · Untitled"', () => {
    expect(conversationPushTitle('My Claw', null)).toBe('My Claw · Untitled');
  });
});
