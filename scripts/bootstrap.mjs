#!/usr/bin/env node
// Entry point of the README's two commands (`npm start`, `npm test`) and of
// `npm run bench`. It needs only Node 20 and npm: it installs pnpm 10 when it
// is missing, installs the workspace from the lockfile, then runs the job.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { runQuietStep } from './lib/quiet-step.mjs';

const job = process.argv[2];
const extra = process.argv.slice(3);
const PNPM_MAJOR = '10';

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmVersion() {
  const result = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function ensurePnpm() {
  const version = pnpmVersion();
  if (version && version.split('.')[0] === PNPM_MAJOR) return;
  console.log(`[bootstrap] installing pnpm@${PNPM_MAJOR} with npm (found: ${version ?? 'none'})`);
  // Corepack's signature check fails against some registries, so use npm.
  const status = run('npm', ['install', '--global', `pnpm@${PNPM_MAJOR}`]);
  if (status !== 0 || !pnpmVersion()) {
    console.error('[bootstrap] could not install pnpm; install it with `npm install -g pnpm@10` and retry');
    process.exit(1);
  }
}

function ensureInstalled() {
  ensurePnpm();
  const frozen = process.env.CI ? ['--frozen-lockfile'] : ['--frozen-lockfile', '--prefer-offline'];
  // pnpm's progress lines only when it fails (or with VERBOSE=1).
  if (VERBOSE) {
    if (run('pnpm', ['install', ...frozen]) !== 0) process.exit(1);
    return;
  }
  const result = spawnSync('pnpm', ['install', ...frozen], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.error || result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    process.exit(result.status || 1);
  }
  console.log('[bootstrap] dependencies installed from the lockfile');
}

function must(status) {
  if (status !== 0) process.exit(status);
}

/** Reads vitest's JSON report into the plain line `tests: N passed, N failed, N skipped`. */
function readSummary(file) {
  if (!existsSync(file)) return null;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
  } catch {
    // A partial results file only loses the summary line; vitest's exit code still decides.
    return null;
  }
}

/** Builds every package, printing the build log only when it fails. */
function buildQuietly() {
  console.log('[bootstrap] building the packages…');
  const result = spawnSync('pnpm', ['run', 'build'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    process.exit(result.status ?? 1);
  }
}

/** `VERBOSE=1 npm test` prints every step's full output. */
const VERBOSE = process.env.VERBOSE === '1';

/**
 * Runs one step of `npm test` quietly (scripts/lib/quiet-step.mjs): one line
 * when it passes, its whole output when it fails, then exits with its status.
 */
function quietStep(label, cmd, args, summary) {
  if (VERBOSE) {
    must(run(cmd, args));
    return;
  }
  const { ok, status } = runQuietStep({ label, cmd, args, summary });
  if (!ok) process.exit(status);
}

/** The port `npm start` serves on: `--port` among its arguments, else PORT, else 8787. */
function startPort() {
  const flag = extra.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const raw = flag === -1 ? (process.env.PORT ?? '8787') : extra[flag].includes('=') ? extra[flag].split('=')[1] : extra[flag + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[bootstrap] PORT must be a port number (0-65535), not "${raw}"; for example: PORT=8788 npm start`);
    process.exit(2);
  }
  return port;
}

/** Exits with a short hint when the port `npm start` would serve on is taken. */
async function checkStartPort() {
  const { nextFreePort, portProblem } = await import('./lib/incremental-build.mjs');
  const port = startPort();
  const host = '127.0.0.1';
  const problem = port === 0 ? null : await portProblem(port, host);
  if (problem === null) return;
  const free = await nextFreePort(port, host);
  const why = problem === 'EADDRINUSE' ? 'is already in use (another `npm start`?)' : `cannot be used (${problem})`;
  console.error(`[bootstrap] port ${port} on ${host} ${why}.`);
  console.error(`Choose another with PORT, e.g.:  PORT=${free ?? port + 1} npm start`);
  process.exit(1);
}

/** Where `npm start` serves the web chat from. */
const WEB_CHAT_DIST = 'examples/web-chat/dist';

/** Builds the web chat (Vite), printing the log only when it fails. */
function buildWebChatQuietly() {
  console.log('[bootstrap] building the web chat…');
  const result = spawnSync('pnpm', ['--filter', './examples/web-chat', 'run', 'build'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || !existsSync(`${WEB_CHAT_DIST}/index.html`)) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    process.exit(result.status || 1);
  }
}

switch (job) {
  case 'test': {
    // Quiet by default: one line per step, and a step's full output only
    // when it fails (VERBOSE=1 shows everything). Types first (fast
    // feedback), then every test project, then the published-shape checks.
    ensureInstalled();
    quietStep('dependencies', 'node', ['scripts/check-build-scripts.mjs']);
    quietStep('types', 'pnpm', ['run', 'typecheck']);
    const results = '.vitest-results.json';
    rmSync(results, { force: true });
    const status = run('pnpm', [
      'exec', 'vitest', 'run',
      `--reporter=${VERBOSE ? 'default' : 'minimal'}`, '--reporter=json', `--outputFile.json=${results}`,
      ...extra,
    ]);
    const summary = readSummary(results);
    if (summary) console.log(summary);
    must(status);
    quietStep('spec', 'pnpm', ['run', 'spec:check']);
    quietStep('build', 'pnpm', ['run', 'build'], 'every package (tsup: ESM, CJS and declarations)');
    // publint, attw, TSDoc, metadata, the consumer projects and CLIs on the
    // local registry, the release dry run (see `lint:packages`).
    quietStep('packaging checks', 'pnpm', ['run', 'lint:packages']);
    // Repeat the count as the closing line, after the packaging checks.
    if (summary) console.log(summary);
    break;
  }
  case 'start': {
    // The reference server with the demo seed and its echo bot, serving the
    // built web chat (examples/web-chat) on the same origin; the banner's
    // first line is the one URL to open.
    // The port is checked first, so a taken port costs no install or build.
    await checkStartPort();
    ensureInstalled();
    // Only what changed since the last build is rebuilt, one progress line per package.
    console.log('[bootstrap] building what changed…');
    const { buildChanged } = await import('./lib/incremental-build.mjs');
    const { total, rebuilt } = buildChanged(process.cwd(), { extra: ['examples/web-chat'], indent: '  ' });
    console.log(`[bootstrap] ${rebuilt === 0 ? 'everything was up to date' : `built ${rebuilt} of ${total}`}`);
    if (!existsSync(`${WEB_CHAT_DIST}/index.html`)) buildWebChatQuietly();
    const cli = 'packages/mock-server/dist/cli.js';
    if (!existsSync(cli)) {
      console.error('[bootstrap] the mock server CLI was not built');
      process.exit(1);
    }
    must(
      run('node', [cli, '--port', process.env.PORT ?? '8787', '--seed', 'demo', '--web-root', WEB_CHAT_DIST, ...extra]),
    );
    break;
  }
  case 'watch': {
    // Prints the event frames a user receives from a running `npm start`.
    const cli = 'packages/mock-server/dist/cli.js';
    if (!existsSync(cli)) {
      ensureInstalled();
      buildQuietly();
    }
    const url = `http://127.0.0.1:${process.env.PORT ?? '8787'}`;
    must(run('node', [cli, 'watch', '--url', url, ...extra]));
    break;
  }
  case 'bench': {
    ensureInstalled();
    must(run('pnpm', ['run', 'build']));
    must(run('pnpm', ['exec', 'tsx', 'bench/run.ts', ...extra]));
    break;
  }
  default:
    console.error('usage: node scripts/bootstrap.mjs <test|start|watch|bench> [args…]');
    process.exit(2);
}
