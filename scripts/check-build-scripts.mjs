#!/usr/bin/env node
// Every installed package with an install script (preinstall, install,
// postinstall, or a binding.gyp) must be named in pnpm-workspace.yaml, either
// in `onlyBuiltDependencies` (pnpm runs it) or in `ignoredBuiltDependencies`
// (pnpm skips it, silently). Otherwise pnpm prints its "Ignored build
// scripts" box on every install, and a script that matters may be skipped
// without anyone deciding so.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');

/** The names listed under a top-level `key:` of the YAML file (block list of scalars). */
function list(key) {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === `${key}:`);
  if (start === -1) return [];
  const names = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+['"]?([^'"\s#]+)['"]?/.exec(line);
    if (item) names.push(item[1]);
    else if (/^\S/.test(line)) break;
  }
  return names;
}

const decided = new Set([...list('onlyBuiltDependencies'), ...list('ignoredBuiltDependencies')]);
const store = join(root, 'node_modules', '.pnpm');
const undecided = new Set();
for (const entry of readdirSync(store)) {
  const modules = join(store, entry, 'node_modules');
  if (!existsSync(modules)) continue;
  // The entry's own package is the one folder here that is not a symlink to a sibling.
  for (const name of readdirSync(modules).flatMap((n) => (n.startsWith('@') ? readdirSync(join(modules, n)).map((m) => `${n}/${m}`) : [n]))) {
    const dir = join(modules, name);
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const scripts = pkg.scripts ?? {};
    const builds = scripts.preinstall || scripts.install || scripts.postinstall || existsSync(join(dir, 'binding.gyp'));
    if (builds && !decided.has(pkg.name)) undecided.add(pkg.name);
  }
}

if (undecided.size > 0) {
  console.error(
    `install scripts nobody decided on: ${[...undecided].sort().join(', ')}\n` +
      'add each to onlyBuiltDependencies (it must run) or ignoredBuiltDependencies (it need not) in pnpm-workspace.yaml',
  );
  process.exit(1);
}
console.log(`install scripts: every package with one is listed in pnpm-workspace.yaml (${decided.size} listed)`);
