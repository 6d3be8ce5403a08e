#!/usr/bin/env node
// Release dry run: what `changeset version` would write, checked in a
// throwaway copy of the working tree, so nothing here is ever committed.
//   1. copy every tracked (and new, not ignored) file to a temp folder;
//   2. run `changeset version` there;
//   3. check: all `@kilocode/*` packages share the new version (one fixed
//      group), each has a CHANGELOG.md whose first entry is that version,
//      no `.changeset/*.md` is left, and `npm pack --dry-run` ships the
//      CHANGELOG.md.
// Prints one line; the details only when something is wrong.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cleanEnv } from './lib/local-registry.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'kilo-release-'));
const problems = [];

try {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(root, file)));
  for (const file of files) {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    cpSync(join(root, file), join(work, file));
  }
  // The changesets CLI and its changelog module come from the workspace's install.
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');

  const pending = readdirSync(join(work, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  const bin = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
  const version = spawnSync(process.execPath, [bin, 'version'], { cwd: work, encoding: 'utf8', env: cleanEnv() });
  if (version.status !== 0) problems.push(`changeset version failed:\n${version.stdout}${version.stderr}`);

  const versions = new Map();
  for (const folder of readdirSync(join(work, 'packages'))) {
    const manifest = join(work, 'packages', folder, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (pkg.private) continue;
    versions.set(pkg.name, pkg.version);
    const changelog = join(work, 'packages', folder, 'CHANGELOG.md');
    if (!existsSync(changelog)) {
      problems.push(`${pkg.name}: no CHANGELOG.md after changeset version`);
      continue;
    }
    const text = readFileSync(changelog, 'utf8');
    const first = /^## (\S+)/m.exec(text)?.[1];
    if (first !== pkg.version) problems.push(`${pkg.name}: CHANGELOG.md starts at ${first ?? 'no version'}, package.json says ${pkg.version}`);
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(work, 'packages', folder), encoding: 'utf8', env: cleanEnv() });
    const shipped = packed.status === 0 ? JSON.parse(packed.stdout)[0].files.map((f) => f.path) : [];
    if (!shipped.includes('CHANGELOG.md')) problems.push(`${pkg.name}: the tarball would not ship CHANGELOG.md`);
  }
  const distinct = new Set(versions.values());
  if (distinct.size !== 1) problems.push(`packages do not share one version: ${JSON.stringify(Object.fromEntries(versions))}`);
  const left = readdirSync(join(work, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  if (left.length > 0) problems.push(`changesets left after version: ${left.join(', ')}`);

  if (problems.length > 0) {
    for (const problem of problems) console.error(`✗ ${problem}`);
    process.exitCode = 1;
  } else {
    console.log(`release dry run: ${pending.length} changesets → ${versions.size} packages at ${[...distinct][0]}, each with a CHANGELOG.md (temp copy, nothing committed)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
