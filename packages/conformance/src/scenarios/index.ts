import type { Scenario } from '../scenario.js';
import { actionScenarios } from './actions.js';
import { attachmentScenarios } from './attachments.js';
import { authScenarios } from './auth.js';
import { botScenarios } from './bot.js';
import { conversationScenarios } from './conversations.js';
import { eventServiceScenarios } from './event-service.js';
import { eventServiceWireScenarios } from './event-service-wire.js';
import { eventScenarios } from './events.js';
import { messageScenarios } from './messages.js';
import { notificationScenarios } from './notifications.js';
import { reactionScenarios } from './reactions.js';
import { readStateScenarios } from './read-state.js';
import { statusScenarios } from './status.js';
import { typingScenarios } from './typing.js';
import { webhookScenarios } from './webhooks.js';

/** Every scenario of the suite, in run order. */
export const allScenarios: readonly Scenario[] = [
  ...authScenarios,
  ...conversationScenarios,
  ...messageScenarios,
  ...reactionScenarios,
  ...readStateScenarios,
  ...actionScenarios,
  ...typingScenarios,
  ...attachmentScenarios,
  ...statusScenarios,
  ...botScenarios,
  ...eventScenarios,
  ...eventServiceScenarios,
  ...eventServiceWireScenarios,
  ...notificationScenarios,
  ...webhookScenarios,
];
