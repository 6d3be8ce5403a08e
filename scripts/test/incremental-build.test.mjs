// `npm start` rebuilds only what changed (issue 13, item 5): the staleness
// rules of scripts/lib/incremental-build.mjs on a throwaway workspace.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTargets, staleReason } from '../lib/incremental-build.mjs';

let root;
const at = (path, seconds) => utimesSync(path, seconds, seconds);

function makePackage(folder, name, deps, builtAtSeconds) {
  const dir = join(root, 'packages', folder);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, scripts: { build: 'tsup' }, dependencies: Object.fromEntries(deps.map((d) => [d, 'workspace:*'])) }),
  );
  writeFileSync(join(dir, 'src', 'index.ts'), 'export {};\n');
  for (const file of ['package.json', 'src/index.ts', 'src']) at(join(dir, file), 1_000);
  if (builtAtSeconds !== undefined) {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    for (const file of ['index.js', 'index.d.ts']) {
      writeFileSync(join(dir, 'dist', file), '');
      at(join(dir, 'dist', file), builtAtSeconds);
    }
  }
  return dir;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kilo-incremental-'));
  writeFileSync(join(root, 'tsup.config.base.ts'), '');
  at(join(root, 'tsup.config.base.ts'), 1_000);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build only what changed', () => {
  it('orders targets after the workspace packages they depend on', () => {
    makePackage('b', '@kilocode/b', ['@kilocode/a'], 2_000);
    makePackage('a', '@kilocode/a', [], 2_000);
    expect(buildTargets(root).map((t) => t.name)).toEqual(['@kilocode/a', '@kilocode/b']);
  });

  it('reuses a dist newer than its sources, and rebuilds when it is missing or a source is newer', () => {
    const dir = makePackage('a', '@kilocode/a', [], 2_000);
    const [target] = buildTargets(root);
    expect(staleReason(target, new Map())).toBeNull();

    at(join(dir, 'src', 'index.ts'), 3_000);
    expect(staleReason(target, new Map())).toBe('src changed');

    at(join(dir, 'src', 'index.ts'), 1_000);
    at(join(root, 'tsup.config.base.ts'), 3_000);
    expect(staleReason(target, new Map())).toMatch(/tsup\.config\.base\.ts changed/);

    rmSync(join(dir, 'dist'), { recursive: true });
    expect(staleReason(target, new Map())).toBe('not built yet');
  });

  it('rebuilds a package whose workspace dependency was built after it', () => {
    makePackage('a', '@kilocode/a', [], 2_000);
    makePackage('b', '@kilocode/b', ['@kilocode/a'], 2_500);
    const [, b] = buildTargets(root);
    expect(staleReason(b, new Map([['@kilocode/a', 2_000_000]]))).toBeNull();
    expect(staleReason(b, new Map([['@kilocode/a', 3_000_000]]))).toBe('@kilocode/a was rebuilt');
  });
});
