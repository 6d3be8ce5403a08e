import { describe, expect, it } from 'vitest';
import {
  AGENT_NOTIFICATION_KINDS,
  NEEDS_INPUT_ACTION_IDS,
  NEEDS_INPUT_KINDS,
  agentNotificationKindForGlanceableSnapshot,
  agentNotificationKindForPushData,
  iosInterruptionLevelForPushData,
  iosMutableContentForPushData,
  needsInputCategoryDescriptors,
  needsInputCategoryId,
} from '../src/index';

describe('needs-input actions', () => {
  it('uses fixed wire values for the action ids and the six category ids', () => {
    expect(NEEDS_INPUT_ACTION_IDS).toEqual({
      approve: 'kilo:approve',
      reply: 'kilo:reply',
      openPr: 'kilo:open-pr',
      openSession: 'kilo:open-session',
    });
    expect(NEEDS_INPUT_KINDS).toEqual(['question', 'permission', 'unknown']);
    expect(needsInputCategoryDescriptors().map((d) => d.id)).toEqual([
      'kilo-needs-input:question',
      'kilo-needs-input:question-pr',
      'kilo-needs-input:permission',
      'kilo-needs-input:permission-pr',
      'kilo-needs-input:unknown',
      'kilo-needs-input:unknown-pr',
    ]);
    expect(needsInputCategoryId({ kind: 'permission', hasPr: true })).toBe('kilo-needs-input:permission-pr');
  });

  it('never offers approve for a question or reply for a permission; open-PR only on -pr; open-session always', () => {
    const { approve, reply, openPr, openSession } = NEEDS_INPUT_ACTION_IDS;
    for (const { id, actionIds } of needsInputCategoryDescriptors()) {
      if (id.includes(':question')) expect(actionIds).not.toContain(approve);
      if (id.includes(':permission')) expect(actionIds).not.toContain(reply);
      expect(actionIds.includes(openPr)).toBe(id.endsWith('-pr'));
      expect(actionIds).toContain(openSession);
    }
    const byId = Object.fromEntries(needsInputCategoryDescriptors().map((d) => [d.id, d.actionIds]));
    expect(byId['kilo-needs-input:question']).toEqual([reply, openSession]);
    expect(byId['kilo-needs-input:permission']).toEqual([approve, openSession]);
    expect(byId['kilo-needs-input:unknown-pr']).toEqual([approve, reply, openSession, openPr]);
  });
});

describe('agent notification kinds', () => {
  it('classifies agent-related pushes and leaves the rest alone', () => {
    expect(AGENT_NOTIFICATION_KINDS).toEqual(['needs-input', 'progress']);
    expect(agentNotificationKindForPushData({ type: 'cloud_agent_session', cliSessionId: 's', category: 'attention' })).toBe('needs-input');
    expect(agentNotificationKindForPushData({ type: 'cloud_agent_session', cliSessionId: 's', category: 'status' })).toBe('progress');
    expect(agentNotificationKindForPushData({ type: 'cloud_agent_session', cliSessionId: 's' })).toBe('progress');
    expect(agentNotificationKindForPushData({ type: 'chat.message', sandboxId: 'a', conversationId: 'b', messageId: 'c' })).toBe('needs-input');
    expect(agentNotificationKindForPushData({ type: 'active_agents_glanceable', needsInput: 0 })).toBe('progress');
    expect(agentNotificationKindForGlanceableSnapshot({ needsInput: 2 })).toBe('needs-input');
    expect(agentNotificationKindForPushData({ type: 'low_balance', organizationId: 'o' })).toBeNull();
  });

  it('marks needs-input pushes time-sensitive on iOS and lets only agent progress pushes be rewritten', () => {
    expect(iosInterruptionLevelForPushData({ type: 'cloud_agent_session', cliSessionId: 's', category: 'attention' })).toBe('time-sensitive');
    expect(iosInterruptionLevelForPushData({ type: 'low_balance', organizationId: 'o' })).toBe('active');
    expect(iosMutableContentForPushData({ type: 'cloud_agent_session', cliSessionId: 's' })).toBe(true);
    expect(iosMutableContentForPushData({ type: 'cloud_agent_session', cliSessionId: 's', category: 'attention' })).toBe(false);
    expect(iosMutableContentForPushData({ type: 'active_agents_glanceable', needsInput: 0 })).toBe(false);
  });
});
