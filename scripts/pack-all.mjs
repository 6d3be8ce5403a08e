#!/usr/bin/env node
// `pnpm pack:all`: builds every package and packs it into .packs/ (workspace:
// ranges become the real versions), so a project outside this repository can
// use the packages before they are released:
//   npm install /path/to/kilo-chat-sdk/.packs/*.tgz
// Installing the tarballs together lets each one's @kilocode dependencies
// resolve to the others. `--no-build` packs the dist/ folders as they are.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cleanEnv, packWorkspace, root } from './lib/local-registry.mjs';

if (!process.argv.includes('--no-build')) {
  console.log('building the packages…');
  const build = spawnSync('pnpm', ['run', 'build'], { cwd: root, encoding: 'utf8', env: cleanEnv() });
  if (build.status !== 0) {
    process.stdout.write(build.stdout ?? '');
    process.stderr.write(build.stderr ?? '');
    process.exit(build.status ?? 1);
  }
}
const dest = join(root, '.packs');
rmSync(dest, { recursive: true, force: true });
const tarballs = packWorkspace(dest);
for (const tarball of tarballs) console.log(`  .packs/${basename(tarball)}`);
console.log(`\n${tarballs.length} packages packed. In your project:\n  npm install ${join(dest, '*.tgz')}`);
