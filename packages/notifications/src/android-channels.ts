import type { PushData, PushDataType } from './push-data.js';

/**
 * The Android notification channels a Kilo app registers, with their
 * importance. The server names one of these ids as the `channelId` of a push.
 */
export const ANDROID_NOTIFICATION_CHANNELS = [
  { id: 'agent', name: 'Agent sessions', importance: 'high' },
  { id: 'chat', name: 'Chat messages', importance: 'high' },
  { id: 'kiloclaw', name: 'KiloClaw', importance: 'default' },
  { id: 'balance', name: 'Balance', importance: 'default' },
  { id: 'security', name: 'Security', importance: 'high' },
] as const;

/** The id of a declared Android channel. */
export type AndroidNotificationChannelId = (typeof ANDROID_NOTIFICATION_CHANNELS)[number]['id'];

const CHANNEL_BY_TYPE = {
  'chat.message': 'chat',
  'instance-lifecycle': 'kiloclaw',
  'scheduled-action': 'kiloclaw',
  cloud_agent_session: 'agent',
  active_agents_glanceable: 'agent',
  low_balance: 'balance',
  spend_alert: 'balance',
  security_finding: 'security',
  security_lifecycle: 'security',
} as const satisfies Record<PushDataType, AndroidNotificationChannelId>;

/**
 * The channel a push belongs on: chat → `chat`; instance lifecycle and
 * scheduled actions → `kiloclaw`; agent sessions and the agents snapshot →
 * `agent`; low balance and spend alerts → `balance`; security findings and
 * their lifecycle → `security`. Every push type maps to a declared channel.
 */
export function androidChannelIdForPushData(data: PushData): AndroidNotificationChannelId {
  return CHANNEL_BY_TYPE[data.type];
}

/**
 * The channel id to send to one registered device. A device that registered
 * without an app version is an app build that created no channels, so it
 * gets no `channelId` (`undefined`) and the OS default channel is used.
 *
 * @param channelId - from {@link androidChannelIdForPushData}.
 * @param appVersion - the version the device registered with, if any.
 */
export function androidChannelIdForRegisteredClient(
  channelId: AndroidNotificationChannelId,
  appVersion: string | null | undefined,
): AndroidNotificationChannelId | undefined {
  return typeof appVersion === 'string' && appVersion.trim() !== '' ? channelId : undefined;
}
