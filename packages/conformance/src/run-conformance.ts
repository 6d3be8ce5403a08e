import { ConformanceError } from './conformance-error.js';
import type { Scenario } from './scenario.js';
import { RunResources, ScenarioContext } from './scenario-context.js';
import { allScenarios } from './scenarios/index.js';
import { offersWebhookReceiver } from './target.js';
import type { ConformanceTarget } from './target.js';

/** Outcome of one scenario. */
export interface ScenarioResult {
  /** Scenario id. */
  readonly id: string;
  /** Scenario title. */
  readonly title: string;
  /** The reference sections the scenario checks (its `reference`), when it names any. */
  readonly reference?: string;
  /** `passed`, `failed`, or `skipped` (with the reason in `message`). */
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Failure or skip reason. */
  readonly message?: string;
  /** Wall time, in milliseconds. */
  readonly durationMs: number;
}

/** The whole run. */
export interface ConformanceReport {
  /** One entry per scenario, in run order. */
  readonly results: readonly ScenarioResult[];
  /** Count of passed scenarios. */
  readonly passed: number;
  /** Count of failed scenarios. */
  readonly failed: number;
  /** Count of skipped scenarios. */
  readonly skipped: number;
}

/** Options of {@link runConformance}. */
export interface RunConformanceOptions {
  /** The scenarios to run. Default: {@link allScenarios}. */
  scenarios?: readonly Scenario[];
  /** Runs only scenarios whose id contains one of these strings. */
  filter?: readonly string[];
  /** Called after each scenario (for progress output). */
  onResult?: (result: ScenarioResult) => void;
  /** Per-scenario time limit, in milliseconds. Default 30 000. */
  scenarioTimeoutMs?: number;
}

/**
 * Runs the conformance scenarios one after another against `target` and
 * reports each as passed, failed or skipped. Never throws for a scenario
 * failure; check `report.failed`.
 */
export async function runConformance(target: ConformanceTarget, options: RunConformanceOptions = {}): Promise<ConformanceReport> {
  const scenarios = (options.scenarios ?? allScenarios).filter(
    (s) => !options.filter?.length || options.filter.some((f) => s.id.includes(f)),
  );
  const results: ScenarioResult[] = [];
  const resources = new RunResources(target);
  try {
    for (const scenario of scenarios) {
      const result = await runOne(target, resources, scenario, options.scenarioTimeoutMs ?? 30_000);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await resources.close();
  }
  return {
    results,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
  };
}

async function runOne(target: ConformanceTarget, resources: RunResources, scenario: Scenario, timeoutMs: number): Promise<ScenarioResult> {
  const started = Date.now();
  const ctx = new ScenarioContext(target, resources);
  const base = { id: scenario.id, title: scenario.title, ...(scenario.reference === undefined ? {} : { reference: scenario.reference }) };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (scenario.requires?.includes('secondUser') && target.secondUserToken === undefined) {
      ctx.skip('needs a second user token');
    }
    if (scenario.requires?.includes('botToken') && target.botToken === undefined) {
      ctx.skip('needs the sandbox bot gateway token');
    }
    if (scenario.requires?.includes('badges') && target.badgesUrl === undefined) {
      ctx.skip('needs the badge API URL (--badges-url)');
    }
    if (scenario.requires?.includes('webhookReceiver') && !offersWebhookReceiver(target)) {
      ctx.skip('needs a webhook receiver the target can point a bot at (--webhook-sandbox, or --dev-routes against the mock server)');
    }
    await Promise.race([
      scenario.run(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ConformanceError('timeout', `scenario exceeded ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ...base, status: 'passed', durationMs: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const skipped = error instanceof ConformanceError && error.code === 'skipped';
    return { ...base, status: skipped ? 'skipped' : 'failed', message, durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    await ctx.dispose();
  }
}
