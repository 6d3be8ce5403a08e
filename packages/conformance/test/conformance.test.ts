import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioContext, allScenarios, runConformance } from '@kilocode/kilo-chat-conformance';
import type { Scenario } from '@kilocode/kilo-chat-conformance';
import { startConformanceFixture } from './support';
import type { ConformanceFixture } from './support';

let fixture: ConformanceFixture;
beforeAll(async () => {
  fixture = await startConformanceFixture();
});
afterAll(async () => {
  await fixture?.close();
});

describe('every scenario passes against the reference mock server', () => {
  it.each(allScenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const report = await runConformance(fixture.target, { scenarios: [scenario] });
    const [result] = report.results;
    expect(result?.message ?? '').toBe('');
    expect(result?.status).toBe('passed');
  });
});

describe('the runner', () => {
  const failing: Scenario = {
    id: 'meta.failing',
    title: 'always fails',
    area: 'auth',
    async run() {
      throw new Error('boom');
    },
  };

  it('reports a thrown scenario as failed with its message, and counts it', async () => {
    const report = await runConformance(fixture.target, { scenarios: [failing, allScenarios[0]!] });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['meta.failing', 'failed'],
      [allScenarios[0]!.id, 'passed'],
    ]);
    expect(report.results[0]?.message).toBe('boom');
    expect([report.passed, report.failed, report.skipped]).toEqual([1, 1, 0]);
  });

  it('skips scenarios whose requirements the target lacks, naming the reason', async () => {
    const { secondUserToken: _s, botToken: _b, badgesUrl: _u, webhook: _w, ...bare } = fixture.target;
    const needy = allScenarios.filter((s) => s.requires?.length);
    const report = await runConformance(bare, { scenarios: needy });
    expect(report.skipped).toBe(needy.length);
    expect(report.results.every((r) => r.status === 'skipped' && /needs/.test(r.message ?? ''))).toBe(true);
  });

  it('a scenario that calls ctx.skip is skipped, not failed', async () => {
    const report = await runConformance(fixture.target, {
      scenarios: [{ id: 'meta.skip', title: 'skips', area: 'auth', run: async (ctx: ScenarioContext) => ctx.skip('not offered') }],
    });
    expect(report.results[0]).toMatchObject({ status: 'skipped', message: 'not offered' });
  });

  it('a scenario exceeding its time limit fails with a timeout', async () => {
    const report = await runConformance(fixture.target, {
      scenarioTimeoutMs: 50,
      scenarios: [{ id: 'meta.slow', title: 'hangs', area: 'auth', run: () => new Promise(() => {}) }],
    });
    expect(report.results[0]).toMatchObject({ status: 'failed', message: 'scenario exceeded 50 ms' });
  });

  it('filters scenarios by id substring', async () => {
    const report = await runConformance(fixture.target, { filter: ['auth.missing-bearer'] });
    expect(report.results.map((r) => r.id)).toEqual(['auth.missing-bearer']);
  });
});
