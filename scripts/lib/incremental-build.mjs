// What `npm start` uses to build only what changed: a package (or the web
// chat) is rebuilt when any of its inputs — src/, package.json, its build
// configs, the shared tsup config — is newer than the oldest file of its
// output folder, or when a workspace package it depends on was built after
// it. Otherwise its output is reused. Builds run one at a time in dependency
// order, with a progress line each.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Newest and oldest mtime (ms) of the files under `path` (a file or a folder); `null` when there are none. */
function mtimes(path, skip = () => false) {
  if (!existsSync(path)) return null;
  let newest = -Infinity;
  let oldest = Infinity;
  const walk = (p) => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (!skip(entry)) walk(join(p, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
      oldest = Math.min(oldest, stat.mtimeMs);
    }
  };
  walk(path);
  return newest === -Infinity ? null : { newest, oldest };
}

/**
 * The build targets of the workspace, in dependency order: every package
 * under packages/ plus `extra` folders (e.g. `examples/web-chat`), each as
 * `{ name, dir, out, inputs, deps }`.
 */
export function buildTargets(root, extra = []) {
  const folders = [
    ...readdirSync(join(root, 'packages')).map((f) => join('packages', f)),
    ...extra,
  ].filter((f) => existsSync(join(root, f, 'package.json')));
  const targets = folders.map((folder) => {
    const dir = join(root, folder);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const inputs = [
      'src', 'package.json', 'index.html', 'public', 'tsup.config.ts', 'tsconfig.build.json', 'tsconfig.json', 'vite.config.ts',
    ].map((f) => join(dir, f));
    if (folder.startsWith('packages')) inputs.push(join(root, 'tsup.config.base.ts'));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies }).filter((d) =>
      d.startsWith('@kilocode/'),
    );
    return { name: pkg.name, folder, dir, out: join(dir, 'dist'), inputs, deps, hasBuild: Boolean(pkg.scripts?.build) };
  });
  // Topological order: a target after every workspace package it depends on.
  const byName = new Map(targets.map((t) => [t.name, t]));
  const ordered = [];
  const seen = new Set();
  const visit = (t) => {
    if (seen.has(t.name)) return;
    seen.add(t.name);
    for (const dep of t.deps) if (byName.has(dep)) visit(byName.get(dep));
    ordered.push(t);
  };
  for (const t of targets) visit(t);
  return ordered.filter((t) => t.hasBuild);
}

/** Why `target` must be rebuilt, or `null` when its output is up to date. `builtAt` maps names to their output's newest mtime. */
export function staleReason(target, builtAt) {
  const out = mtimes(target.out);
  if (out === null) return 'not built yet';
  for (const input of target.inputs) {
    const m = mtimes(input, (entry) => entry === 'node_modules');
    if (m !== null && m.newest > out.oldest) return `${relative(target.dir, input) || input} changed`;
  }
  for (const dep of target.deps) {
    const depBuilt = builtAt.get(dep);
    if (depBuilt !== undefined && depBuilt > out.oldest) return `${dep} was rebuilt`;
  }
  return null;
}

/**
 * Builds the stale targets in order, printing `[i/n] name: up to date` or
 * `[i/n] name: building (reason)… done in N s`. A failing build prints its
 * output and exits the process.
 */
export function buildChanged(root, { extra = [], indent = '' } = {}) {
  const targets = buildTargets(root, extra);
  const builtAt = new Map();
  let rebuilt = 0;
  targets.forEach((target, index) => {
    const prefix = `${indent}[${index + 1}/${targets.length}] ${target.name}`;
    const reason = staleReason(target, builtAt);
    if (reason === null) {
      console.log(`${prefix}: up to date`);
    } else {
      const started = Date.now();
      process.stdout.write(`${prefix}: building (${reason})… `);
      const result = spawnSync('pnpm', ['--filter', `./${target.folder}`, 'run', 'build'], {
        cwd: root,
        encoding: 'utf8',
        shell: process.platform === 'win32',
      });
      if (result.status !== 0 || mtimes(target.out) === null) {
        process.stdout.write('failed\n');
        process.stdout.write(result.stdout ?? '');
        process.stderr.write(result.stderr ?? '');
        process.exit(result.status || 1);
      }
      process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      rebuilt++;
    }
    builtAt.set(target.name, mtimes(target.out)?.newest ?? 0);
  });
  return { total: targets.length, rebuilt };
}

/**
 * Resolves when `port` can be listened on at `host`; otherwise resolves with
 * the error code (`EADDRINUSE`, `EACCES`, …). Nothing stays listening.
 */
export async function portProblem(port, host = '127.0.0.1') {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error.code ?? String(error)));
    server.listen(port, host, () => server.close(() => resolve(null)));
  });
}

/** The first port after `port` (up to 50 further) that is free at `host`, or `null`. */
export async function nextFreePort(port, host = '127.0.0.1') {
  for (let candidate = port + 1; candidate <= Math.min(port + 50, 65535); candidate++) {
    if ((await portProblem(candidate, host)) === null) return candidate;
  }
  return null;
}
