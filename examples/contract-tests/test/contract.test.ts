// Runs the Kilo Chat conformance suite plus our own scenarios, one vitest test
// per scenario, against the target of src/target.ts (the environment's
// deployment, or an in-process reference server).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allScenarios, runConformance } from '@kilocode/kilo-chat-conformance';
import type { ConformanceTarget } from '@kilocode/kilo-chat-conformance';
import { openTarget } from '../src/target';
import type { ContractTarget } from '../src/target';
import { teamScenarios } from '../src/team-scenarios';

// KILO_CONFORMANCE_FILTER=messages.,team. runs only scenarios whose id contains one of those.
const filter = (process.env.KILO_CONFORMANCE_FILTER ?? '').split(',').map((f) => f.trim()).filter(Boolean);
const scenarios = [...allScenarios, ...teamScenarios].filter((s) => filter.length === 0 || filter.some((f) => s.id.includes(f)));

let opened: ContractTarget | undefined;
let target: ConformanceTarget;

beforeAll(async () => {
  opened = await openTarget();
  target = opened.target;
}, 30_000);

afterAll(async () => {
  await opened?.close();
});

describe('Kilo Chat contract', () => {
  test('runs at least one scenario', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  test.for(scenarios.map((s) => [s.id, s] as const))('%s', { timeout: 40_000 }, async ([, scenario], { skip }) => {
    const report = await runConformance(target, { scenarios: [scenario] });
    const result = report.results[0]!;
    // A scenario needing an identity the target lacks (e.g. no KILO_BOT_TOKEN) is skipped, with the reason.
    if (result.status === 'skipped') skip(result.message);
    expect(result.message ?? '', scenario.title).toBe('');
    expect(result.status).toBe('passed');
  });
});
