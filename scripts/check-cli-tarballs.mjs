#!/usr/bin/env node
// End-to-end check of the published CLIs, as a user gets them: pack every
// package, install the tarballs into an empty project with npm, start
// `kilo-chat-mock-server` through npx, seed it over its dev routes, and run
// `kilo-chat-conformance` through npx against it. Passes when every scenario
// passes. Needs `pnpm build` first and the npm registry for third-party deps.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'kilo-cli-'));
const cleanup = [];
const done = (code) => {
  for (const fn of cleanup.reverse()) fn();
  rmSync(work, { recursive: true, force: true });
  process.exit(code);
};

try {
  const tarballs = [];
  for (const folder of readdirSync(join(root, 'packages'))) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: join(root, 'packages', folder), encoding: 'utf8' });
    tarballs.push(resolve(join(root, 'packages', folder), out.trim().split('\n').pop()));
  }
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'cli-check', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: work, stdio: 'inherit' });

  // A bot webhook receiver that accepts every delivery.
  const receiver = createServer((req, res) => req.resume().on('end', () => res.end('{}')));
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  cleanup.push(() => receiver.close());
  const webhookUrl = `http://127.0.0.1:${receiver.address().port}/webhook`;

  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn('npx', ['--no-install', 'kilo-chat-mock-server', '--port', String(port)], {
    cwd: work,
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
      '--user-token', userToken, '--second-user-token', otherToken, '--bot-token', botToken, '--badges-url', base],
    { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  conformance.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise((r) => conformance.once('exit', r));
  const last = output.trim().split('\n').pop();
  console.log(`packed CLIs via npx: conformance against the mock server → ${last}`);
  if (code !== 0 || !/^\d+ passed, 0 failed, 0 skipped$/.test(last ?? '')) {
    console.error(output);
    done(1);
  }
  done(0);
} catch (error) {
  console.error(error);
  done(1);
}
