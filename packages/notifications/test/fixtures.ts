// Shared sample payloads for the notifications tests.
import type { PushData } from '../src/index';

/** One valid payload of every variant. */
export const samplePushData: PushData[] = [
  { type: 'chat.message', sandboxId: 'sb', conversationId: 'c', messageId: 'm' },
  { type: 'instance-lifecycle', event: 'ready', sandboxId: 'sb' },
  { type: 'instance-lifecycle', event: 'start_failed', sandboxId: 'sb' },
  { type: 'scheduled-action', event: 'scheduled_restart_notice', sandboxId: 'sb' },
  { type: 'scheduled-action', event: 'scheduled_version_change_cancelled', sandboxId: 'sb' },
  { type: 'cloud_agent_session', cliSessionId: 's' },
  { type: 'cloud_agent_session', cliSessionId: 's', category: 'attention' },
  { type: 'low_balance', organizationId: 'o' },
  { type: 'security_finding', findingId: 'f', scope: 'org' },
  { type: 'security_lifecycle', event: 'analysis_completed', findingId: 'f', scope: 'org' },
  { type: 'spend_alert', scope: 'personal' },
  { type: 'spend_alert', scope: 'organization', organizationId: 'o' },
  { type: 'active_agents_glanceable', needsInput: 2 },
];
