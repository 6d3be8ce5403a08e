import type { ScenarioContext } from './scenario-context.js';

/** The behaviour area a scenario belongs to; used for filtering and grouping the report. */
export type ScenarioArea =
  | 'auth'
  | 'conversations'
  | 'messages'
  | 'edits'
  | 'reactions'
  | 'read-state'
  | 'actions'
  | 'typing'
  | 'attachments'
  | 'status'
  | 'events'
  | 'event-service'
  | 'notifications'
  | 'bot'
  | 'webhooks';

/**
 * Something a target must offer for a scenario to run. A scenario that needs
 * something the target does not offer is reported as skipped, with the reason.
 */
export type ScenarioRequirement = 'secondUser' | 'botToken' | 'badges' | 'webhookReceiver';

/** One black-box contract check. */
export interface Scenario {
  /** Stable id, e.g. `messages.edit-conflict`. */
  readonly id: string;
  /** One line saying what holds when it passes. */
  readonly title: string;
  /** Behaviour area. */
  readonly area: ScenarioArea;
  /** What the target must offer; missing ones skip the scenario. */
  readonly requires?: readonly ScenarioRequirement[];
  /**
   * The reference sections the scenario checks, e.g.
   * `'kilo-chat.md §4.2 typing; §7 Typing'`. Optional in the type so that
   * your own scenarios need none, but every scenario of the suite names one
   * (a test holds it so); shown in the JSON report and the README table.
   */
  readonly reference?: string;
  /** Runs the check; throws to fail, calls `ctx.skip(reason)` to skip. */
  run(ctx: ScenarioContext): Promise<void>;
}

/** Identity helper that gives scenario literals their type. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}
