import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allScenarios } from '@kilocode/kilo-chat-conformance';
import { mockDeviations } from '@kilocode/kilo-chat-mock-server';
import { caughtBy, renderCatchTable, replaceCatchTable, runMatrix } from './wrong-servers-matrix';

// "Every scenario can fail" (issue 15): the suite runs against each of the
// mock server's deliberately wrong servers (one contract point each) and
// against the correct one with the same settings. Each scenario must fail
// against at least one wrong server, each wrong server must fail at least
// one scenario, and the README's catch table must be the one this run
// generates. `CATCH_TABLE_WRITE=1` (the package's `catch-table` script)
// rewrites the README table instead of comparing it.
const readmeUrl = new URL('../README.md', import.meta.url);

/** Servers run at once: each run mostly waits (quiet windows, webhook retry delays). */
const CONCURRENCY = 12;

describe('every scenario can fail, and every wrong server is caught', () => {
  it('runs the suite against the correct server and each deviation', async () => {
    const { baseline, runs } = await runMatrix(CONCURRENCY);
    const readme = readFileSync(readmeUrl, 'utf8');
    const generated = replaceCatchTable(readme, renderCatchTable(runs));
    if (process.env.CATCH_TABLE_WRITE === '1') writeFileSync(readmeUrl, generated);

    // The baseline: with the same short waits the correct server passes everything.
    expect(baseline.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.status} ${r.message ?? ''}`)).toEqual([]);

    const uncaught = runs.filter((r) => caughtBy(r).length === 0).map((r) => r.deviation);
    expect(uncaught, 'wrong servers no scenario catches').toEqual([]);
    const caught = new Set(runs.flatMap(caughtBy));
    expect(allScenarios.map((s) => s.id).filter((id) => !caught.has(id)), 'scenarios no wrong server fails').toEqual([]);
    expect(runs.map((r) => r.deviation)).toEqual(mockDeviations.map((d) => d.name));

    if (process.env.CATCH_TABLE_WRITE !== '1') expect(readme, 'the README catch table is stale: run `pnpm --filter @kilocode/kilo-chat-conformance catch-table`').toBe(generated);
  }, 300_000);
});
