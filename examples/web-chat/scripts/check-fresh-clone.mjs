#!/usr/bin/env node
// CI check of the README's main command: clones this repository afresh into a
// temporary folder, runs `npm start` there exactly as the README says (only
// PORT is set, to a free port), waits for the URL it prints, and checks in
// Debian's chromium (playwright-core, headless) that the page shows the demo
// user's conversation list. Exits non-zero on any failure.
//
//   node examples/web-chat/scripts/check-fresh-clone.mjs [--repo DIR] [--timeout-s 900]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: resolve(fileURLToPath(new URL('../../..', import.meta.url))) },
    'timeout-s': { type: 'string', default: '900' },
  },
});
const deadline = Date.now() + Number(values['timeout-s']) * 1000;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const log = (line) => console.log(`[fresh-clone] ${line}`);

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'kilo-fresh-clone-'));
const clone = join(work, 'kilo-chat-sdk');
let child = null;
let output = '';
let failed = false;

try {
  execFileSync('git', ['clone', '--quiet', values.repo, clone], { stdio: 'inherit' });
  const commit = execFileSync('git', ['-C', clone, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const port = await freePort();
  log(`cloned ${commit} into ${clone}; running \`npm start\` (PORT=${port})`);

  const started = Date.now();
  child = spawn('npm', ['start'], {
    cwd: clone,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const url = await new Promise((done, fail) => {
    const timer = setInterval(() => {
      if (Date.now() > deadline) fail(new Error('timed out waiting for the URL `npm start` prints'));
    }, 1000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /^Open the web chat: (\S+)/m.exec(output);
      if (match) {
        clearInterval(timer);
        done(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearInterval(timer);
      fail(new Error(`npm start exited (${code}) before printing a URL`));
    });
  });
  log(`npm start printed ${url} after ${Math.round((Date.now() - started) / 1000)} s`);

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const list = page.getByTestId('conversation-list');
    await list.waitFor({ timeout: 30_000 });
    await list.getByText('Welcome', { exact: true }).waitFor({ timeout: 10_000 });
    await list.getByText('Team chat', { exact: true }).waitFor({ timeout: 10_000 });
    const titles = await list.locator('.conversation-title').allTextContents();
    const user = await page.locator('.user-name strong').textContent();
    if (user !== 'alice') throw new Error(`signed in as ${user}, expected alice`);
    log(`the page shows alice's conversation list: ${titles.join(', ')}`);
  } finally {
    await browser.close();
  }
  log('ok');
} catch (error) {
  failed = true;
  console.error(`[fresh-clone] FAILED: ${error instanceof Error ? error.message : error}`);
  if (output) console.error(`[fresh-clone] output of npm start:\n${output.slice(-8000)}`);
} finally {
  if (child && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
