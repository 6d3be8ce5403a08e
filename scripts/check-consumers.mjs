#!/usr/bin/env node
// Proves the published artifacts the way a user consumes them (issue 13):
//   1. packs every package and publishes it to a throwaway verdaccio on
//      127.0.0.1 with no uplink, seeded with the third-party packages they
//      need from this workspace's own install (see scripts/lib/local-registry.mjs),
//      so the check runs offline once `pnpm install` has run;
//   2. copies each project under examples/consumers/ to a temp folder, points
//      npm at that registry, and runs plain `npm install` then `npm test`
//      there (strict TypeScript builds and a chat round trip against the
//      mock server);
//   3. runs scripts/check-cli-tarballs.mjs against the same registry.
// Where it can (root and `unshare`), it runs all that in a network namespace
// with only loopback, which proves it needs no network.
// Prints one line per project; a failing project's output only when it fails.
// Usage: node scripts/check-consumers.mjs [project …]   (after `pnpm build`)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, root, startSeededRegistry, writeNpmrc } from './lib/local-registry.mjs';

// Proof of "offline": where this machine allows it (root, util-linux
// `unshare`), the whole check re-runs itself in a fresh network namespace
// that has only loopback, so any attempt to reach the internet fails it.
// KILO_CONSUMERS_NETWORK=1 skips that.
const isolated = process.env.KILO_CONSUMERS_IN_NETNS === '1';
if (!isolated && process.env.KILO_CONSUMERS_NETWORK !== '1' && process.platform === 'linux') {
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  if (probe.status === 0) {
    const self = spawnSync(
      'unshare',
      ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      { stdio: 'inherit', env: { ...process.env, KILO_CONSUMERS_IN_NETNS: '1' } },
    );
    process.exit(self.status ?? 1);
  }
}

const consumersDir = join(root, 'examples', 'consumers');
const only = process.argv.slice(2);
const projects = readdirSync(consumersDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(consumersDir, e.name, 'package.json')))
  .map((e) => e.name)
  .filter((name) => only.length === 0 || only.includes(name));

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const work = mkdtempSync(join(tmpdir(), 'kilo-consumers-'));
const cache = join(work, 'npm-cache');
let failures = 0;

const { registry, ours, thirdParty } = await startSeededRegistry({
  extraSeeds: [
    ['typescript', root],
    ['@types/node', root],
    ['vite', join(root, 'examples', 'web-chat')],
    ['playwright-core', join(root, 'examples', 'web-chat')],
  ],
});
try {
  console.log(`local registry ${registry.url}: ${ours.size} @kilocode packages + ${thirdParty} third-party packages from the workspace install, no uplink, ${isolated ? 'no network at all (own network namespace)' : 'network not isolated'} (${seconds()})`);
  for (const name of projects) {
    const dir = join(work, name);
    cpSync(join(consumersDir, name), dir, {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|dist)$/.test(src),
    });
    // Install exactly the versions just packed (the ranges in the example are for readers).
    const manifestPath = join(dir, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const field of ['dependencies', 'devDependencies']) {
      for (const dep of Object.keys(manifest[field] ?? {})) {
        if (ours.has(dep)) manifest[field][dep] = ours.get(dep);
      }
    }
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    writeNpmrc(dir, registry.url, cache);
    const env = cleanEnv({ npm_config_userconfig: join(dir, '.npmrc') });
    const install = spawnSync('npm', ['install'], { cwd: dir, encoding: 'utf8', env });
    const test = install.status === 0 ? spawnSync('npm', ['test', '--silent'], { cwd: dir, encoding: 'utf8', env }) : null;
    if (install.status !== 0 || test?.status !== 0) {
      failures++;
      console.error(`✗ ${name}: ${install.status !== 0 ? 'npm install' : 'npm test'} failed`);
      const failed = test ?? install;
      process.stderr.write(`${failed.stdout ?? ''}${failed.stderr ?? ''}\n`);
      continue;
    }
    // npm runs here with a clean environment; a warning such as "Unknown env
    // config" (pnpm's npm_config_* leaking into npm) is a regression.
    const warned = /npm warn/i.exec(`${install.stderr}${test.stderr}`);
    if (warned) {
      failures++;
      console.error(`✗ ${name}: npm printed a warning:\n${install.stderr}${test.stderr}`);
      continue;
    }
    const last = test.stdout.trim().split('\n').pop();
    console.log(`✓ ${name}: npm install + npm test → ${last} (${seconds()})`);
  }

  if (only.length === 0) {
    const cli = spawnSync(process.execPath, [join(root, 'scripts', 'check-cli-tarballs.mjs'), '--registry', registry.url, '--cache', cache], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
    if (cli.status !== 0) {
      failures++;
      process.stderr.write(`✗ CLI tarballs:\n${cli.stdout}${cli.stderr}\n`);
    } else {
      console.log(`✓ ${cli.stdout.trim().split('\n').pop()} (${seconds()})`);
    }
  }
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`${failures} consumer check(s) failed`);
  process.exit(1);
}
