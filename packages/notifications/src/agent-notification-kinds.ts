import type { PushData } from './push-data.js';

/** How urgent an agent-related push is: the user is needed, or it reports progress. */
export const AGENT_NOTIFICATION_KINDS = ['needs-input', 'progress'] as const;

/** An agent notification kind. */
export type AgentNotificationKind = (typeof AGENT_NOTIFICATION_KINDS)[number];

/** The iOS interruption level of a push. */
export type IosInterruptionLevel = 'time-sensitive' | 'active';

/** `needs-input` when at least one agent waits for the user, otherwise `progress`. */
export function agentNotificationKindForGlanceableSnapshot(snapshot: { needsInput: number }): AgentNotificationKind {
  return snapshot.needsInput > 0 ? 'needs-input' : 'progress';
}

/**
 * The agent kind of a push, or `null` for pushes that are not about agents:
 * a chat message needs input; an agent session needs input when its
 * category is `attention` and otherwise reports progress; the agents
 * snapshot follows {@link agentNotificationKindForGlanceableSnapshot}.
 */
export function agentNotificationKindForPushData(data: PushData): AgentNotificationKind | null {
  switch (data.type) {
    case 'chat.message':
      return 'needs-input';
    case 'cloud_agent_session':
      return data.category === 'attention' ? 'needs-input' : 'progress';
    case 'active_agents_glanceable':
      return agentNotificationKindForGlanceableSnapshot(data);
    default:
      return null;
  }
}

/** `time-sensitive` for pushes that need the user (may break through Focus), `active` for the rest. */
export function iosInterruptionLevelForPushData(data: PushData): IosInterruptionLevel {
  return agentNotificationKindForPushData(data) === 'needs-input' ? 'time-sensitive' : 'active';
}

/**
 * Whether the push asks iOS to let the app's notification extension rewrite
 * it (`mutable-content`): only progress pushes of an agent session. The
 * data-only agents snapshot never does.
 */
export function iosMutableContentForPushData(data: PushData): boolean {
  return data.type === 'cloud_agent_session' && agentNotificationKindForPushData(data) === 'progress';
}
