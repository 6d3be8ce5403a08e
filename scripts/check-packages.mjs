#!/usr/bin/env node
// Packaging checks for every published package (run after `pnpm build`):
//   1. `pnpm pack` the package (workspace: ranges become real versions);
//   2. publint --strict on the tarball;
//   3. @arethetypeswrong/cli on the tarball, every resolution: node10 (TypeScript's
//      `moduleResolution: "node"`, served by `typesVersions` for subpaths), node16
//      from CJS and from ESM, and bundler;
//   4. every `exports` subpath loads in Node with both `import` and `require`;
//   5. `sideEffects: false` is declared;
//   6. npm metadata: `repository` (this repository, with the package's
//      `directory`), `homepage` and `bugs`; every link in the README is
//      absolute (a `../../spec/…` link breaks on the registry's page).
// Usage: node scripts/check-packages.mjs [package-folder …]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const folders = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .filter((name) => only.length === 0 || only.includes(name));

let failures = 0;
const fail = (pkg, what) => {
  failures++;
  console.error(`✗ ${pkg}: ${what}`);
};

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const REPOSITORY_URL = 'git+https://github.com/Kilo-Org/kilo-chat-sdk.git';

/** npm metadata and registry-safe README links. */
function checkMetadata(folder, pkg, dir) {
  const name = pkg.name;
  const repo = pkg.repository;
  if (typeof repo !== 'object' || repo?.url !== REPOSITORY_URL || repo?.directory !== `packages/${folder}`) {
    fail(name, `package.json needs "repository": { "type": "git", "url": "${REPOSITORY_URL}", "directory": "packages/${folder}" }`);
  }
  if (typeof pkg.homepage !== 'string' || !pkg.homepage.startsWith('https://')) fail(name, 'package.json needs an https "homepage"');
  if (typeof pkg.bugs?.url !== 'string' || !pkg.bugs.url.startsWith('https://')) fail(name, 'package.json needs "bugs": { "url" }');
  if (!pkg.files?.includes('CHANGELOG.md')) fail(name, 'package.json "files" must ship CHANGELOG.md (written by `changeset version`)');
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) return;
  for (const match of readFileSync(readme, 'utf8').matchAll(/\]\(([^)\s]+)[^)]*\)/g)) {
    const target = match[1];
    if (!/^(https?:|mailto:|#)/.test(target)) fail(name, `README link "${target}" is relative; it breaks on the registry's page (use an absolute URL)`);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'kilo-pack-'));
try {
  for (const folder of folders) {
    const dir = join(root, 'packages', folder);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    const name = pkg.name;
    const before = failures;
    if (pkg.sideEffects !== false) fail(name, 'package.json must declare "sideEffects": false');
    checkMetadata(folder, pkg, dir);

    const packed = execFileSync('pnpm', ['pack', '--pack-destination', tmp], { cwd: dir, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    const tarball = packed.endsWith('.tgz') ? resolve(dir, packed) : null;
    if (!tarball) {
      fail(name, `pnpm pack printed no tarball: ${packed}`);
      continue;
    }

    const lint = sh('pnpm', ['exec', 'publint', 'run', tarball, '--strict'], root);
    if (!lint.ok) fail(name, `publint:\n${lint.out}`);

    const types = sh('pnpm', ['exec', 'attw', tarball, '--profile', 'strict', '--format', 'table-flipped', '--no-emoji'], root);
    if (!types.ok) fail(name, `attw:\n${types.out}`);

    for (const subpath of Object.keys(pkg.exports ?? {})) {
      if (subpath === './package.json') continue;
      const specifier = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
      const esm = sh('node', ['--input-type=module', '-e', `const m = await import(${JSON.stringify(specifier)}); console.log(Object.keys(m).length);`], dir);
      if (!esm.ok) fail(name, `import(${specifier}) failed:\n${esm.out}`);
      const cjs = sh('node', ['-e', `const m = require(${JSON.stringify(specifier)}); console.log(Object.keys(m).length);`], dir);
      if (!cjs.ok) fail(name, `require(${specifier}) failed:\n${cjs.out}`);
    }
    if (failures === before) console.log(`✓ ${name}: publint, attw, ESM and CJS load`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`${failures} packaging problem(s)`);
  process.exit(1);
}
