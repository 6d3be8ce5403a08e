import type { Scenario } from '../scenario';
import { actionScenarios } from './actions';
import { attachmentScenarios } from './attachments';
import { authScenarios } from './auth';
import { conversationScenarios } from './conversations';
import { eventServiceScenarios } from './event-service';
import { eventScenarios } from './events';
import { messageScenarios } from './messages';
import { notificationScenarios } from './notifications';
import { reactionScenarios } from './reactions';
import { readStateScenarios } from './read-state';
import { statusScenarios } from './status';
import { typingScenarios } from './typing';

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
  ...eventScenarios,
  ...eventServiceScenarios,
  ...notificationScenarios,
];
