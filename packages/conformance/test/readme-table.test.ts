import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allScenarios, renderScenarioTable, replaceMarkedSection } from '@kilocode/kilo-chat-conformance';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README scenario table', () => {
  it('is the one generated from allScenarios (run `pnpm --filter @kilocode/kilo-chat-conformance readme` after changing a scenario)', () => {
    expect(replaceMarkedSection(readme, renderScenarioTable(allScenarios))).toBe(readme);
  });

  it('every scenario names the reference sections it checks, and ids are unique', () => {
    expect(allScenarios.filter((s) => !s.reference?.trim()).map((s) => s.id)).toEqual([]);
    expect(new Set(allScenarios.map((s) => s.id)).size).toBe(allScenarios.length);
  });

  it('replaces only what lies between the markers', () => {
    const text = 'a\n<!-- scenarios:start -->\nold\n<!-- scenarios:end -->\nb';
    expect(replaceMarkedSection(text, 'new')).toBe('a\n<!-- scenarios:start -->\nnew\n<!-- scenarios:end -->\nb');
    expect(() => replaceMarkedSection('no markers', 'x')).toThrow(RangeError);
  });
});
