#!/usr/bin/env node
// End-to-end check of the published CLIs, as a user gets them: install
// `@kilocode/kilo-chat-mock-server` and `@kilocode/kilo-chat-conformance` by
// name with npm from the local registry (scripts/lib/local-registry.mjs: our
// packed packages plus their third-party dependencies from the workspace
// install, no uplink, so no internet), start `kilo-chat-mock-server` through
// npx, seed it over its dev routes, and run `kilo-chat-conformance` through
// npx against it. Passes when every scenario passes. Needs `pnpm build` first.
// Usage: node scripts/check-cli-tarballs.mjs [--registry URL --cache DIR]
//   (scripts/check-consumers.mjs passes the registry it already started).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanEnv, startSeededRegistry, workspacePackages, writeNpmrc } from './lib/local-registry.mjs';

const { values: args } = parseArgs({ options: { registry: { type: 'string' }, cache: { type: 'string' } } });
const work = mkdtempSync(join(tmpdir(), 'kilo-cli-'));
const cleanup = [];
const done = async (code) => {
  for (const fn of cleanup.reverse()) await fn();
  rmSync(work, { recursive: true, force: true });
  process.exit(code);
};

try {
  let registryUrl = args.registry;
  if (registryUrl === undefined) {
    const { registry } = await startSeededRegistry();
    cleanup.push(() => registry.stop());
    registryUrl = registry.url;
  }
  const wanted = workspacePackages()
    .filter((p) => p.name === '@kilocode/kilo-chat-mock-server' || p.name === '@kilocode/kilo-chat-conformance')
    .map((p) => `${p.name}@${p.version}`);
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'cli-check', private: true }));
  writeNpmrc(work, registryUrl, args.cache ?? join(work, '.npm-cache'));
  const env = cleanEnv({ npm_config_userconfig: join(work, '.npmrc') });
  const install = spawnSync('npm', ['install', ...wanted], { cwd: work, encoding: 'utf8', env });
  if (install.status !== 0) throw new Error(`npm install ${wanted.join(' ')} failed:\n${install.stdout}${install.stderr}`);

  // A bot webhook receiver that accepts every delivery.
  const receiver = createServer((req, res) => req.resume().on('end', () => res.end('{}')));
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  cleanup.push(() => receiver.close());
  const webhookUrl = `http://127.0.0.1:${receiver.address().port}/webhook`;

  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn('npx', ['--no-install', 'kilo-chat-mock-server', '--port', String(port)], {
    cwd: work,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true, // its own process group, so npx and the server it starts stop together
  });
  cleanup.push(() => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  });
  await new Promise((resolveReady, reject) => {
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('ready')) resolveReady();
    });
    server.once('exit', (code) => reject(new Error(`mock server exited with ${code}: ${output}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const post = async (path, body) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await post('/_dev/users', { id: 'cli-owner' });
  await post('/_dev/users', { id: 'cli-other' });
  await post('/_dev/sandboxes', { id: 'cli-sbx', ownerId: 'cli-owner', webhookUrl });
  const userToken = (await post('/_dev/token', { userId: 'cli-owner' })).token;
  const otherToken = (await post('/_dev/token', { userId: 'cli-other' })).token;
  const botToken = (await (await fetch(`${base}/_dev/gateway-token?sandboxId=cli-sbx`)).json()).token;

  const conformance = spawn(
    'npx',
    ['--no-install', 'kilo-chat-conformance', '--chat-url', base, '--events-url', base.replace('http', 'ws'), '--sandbox', 'cli-sbx',
      '--user-token', userToken, '--second-user-token', otherToken, '--bot-token', botToken, '--badges-url', base, '--dev-routes'],
    { cwd: work, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  conformance.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise((r) => conformance.once('exit', r));
  const last = output.trim().split('\n').pop();
  console.log(`CLIs installed from the local registry, via npx: conformance against the mock server → ${last}`);
  if (code !== 0 || !/^\d+ passed, 0 failed, 0 skipped$/.test(last ?? '')) {
    console.error(output);
    await done(1);
  }
  await done(0);
} catch (error) {
  console.error(error);
  await done(1);
}
