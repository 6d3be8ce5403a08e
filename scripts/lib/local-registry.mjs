// A throwaway npm registry on loopback (verdaccio 6.8, the last release for
// Node 20) that holds exactly: our packages, packed from the workspace, and
// the third-party packages they and the example consumers need, taken from
// the workspace's own install (node_modules/.pnpm). It has NO uplink: a
// package that is not seeded is a 404, so everything that uses it runs
// offline once `pnpm install` has run, and a missing dependency fails loudly
// instead of being fetched quietly from the internet.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');

/** Environment for child `npm`/`pnpm`/`node` runs: without the `npm_config_*` pnpm sets (npm warns "Unknown env config" for them). */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(config|package|lifecycle)_/i.test(key) || key === 'npm_execpath' || key === 'npm_node_execpath' || key === 'PNPM_SCRIPT_SRC_DIR') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** The published workspace packages: `{ folder, dir, name, version }`. */
export function workspacePackages() {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, 'packages', e.name, 'package.json')))
    .map((e) => {
      const dir = join(root, 'packages', e.name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { folder: e.name, dir, name: pkg.name, version: pkg.version, private: pkg.private === true };
    })
    .filter((p) => !p.private);
}

/** `pnpm pack`s every published package into `dest` (workspace: ranges become versions). Returns the tarball paths. Needs `pnpm build` first. */
export function packWorkspace(dest) {
  mkdirSync(dest, { recursive: true });
  const tarballs = [];
  for (const p of workspacePackages()) {
    if (!existsSync(join(p.dir, 'dist'))) throw new Error(`${p.name} is not built (no dist/): run \`pnpm build\` first`);
    const out = execFileSync('pnpm', ['pack', '--pack-destination', dest], { cwd: p.dir, encoding: 'utf8', env: cleanEnv() });
    tarballs.push(resolve(p.dir, out.trim().split('\n').pop()));
  }
  return tarballs;
}

/** The folder holding `name` inside a pnpm virtual-store entry, given the package's own real path. */
function storeBase(realDir, name) {
  return resolve(realDir, ...name.split('/').map(() => '..'));
}

/**
 * The third-party packages (real folders in node_modules/.pnpm) needed to
 * install `seeds` (`[name, folderItIsResolvedFrom]`): dependencies, optional
 * dependencies that are installed here, and non-optional peers, recursively,
 * exactly as pnpm resolved them for the workspace.
 */
export function thirdPartyClosure(seeds) {
  const found = new Map(); // name@version -> real folder
  const queue = [];
  const visit = (name, fromDir) => {
    const link = join(fromDir, 'node_modules', name);
    if (!existsSync(link)) return false;
    queue.push({ name, dir: realpathSync(link) });
    return true;
  };
  for (const [name, fromDir] of seeds) {
    if (!visit(name, fromDir)) throw new Error(`${name} is not installed under ${fromDir}: run \`pnpm install\``);
  }
  while (queue.length > 0) {
    const { name, dir } = queue.pop();
    if (name.startsWith('@kilocode/')) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (found.has(key)) continue;
    found.set(key, dir);
    const base = storeBase(dir, name);
    const optionalPeers = new Set(Object.entries(pkg.peerDependenciesMeta ?? {}).filter(([, m]) => m?.optional).map(([n]) => n));
    const wanted = [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n)),
    ];
    for (const dep of new Set(wanted)) {
      const link = join(base, dep);
      if (existsSync(link)) queue.push({ name: dep, dir: realpathSync(link) });
    }
  }
  return [...found.values()];
}

/**
 * A gzipped npm tarball (`package/…`) of an installed package folder. pnpm's
 * store hard-links identical files; `--hard-dereference` stores each as a
 * file, since npm's extractor drops hard-link entries.
 */
function tarFolder(dir, out) {
  execFileSync('tar', ['-czf', out, '--hard-dereference', '--owner=0', '--group=0', '--transform', 's,^\\.,package,', '-C', dir, '.']);
}

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Starts verdaccio on 127.0.0.1 with a fresh storage and no uplink.
 * Returns `{ url, publish(tgz), publishFolder(dir), stop() }`.
 */
export async function startLocalRegistry() {
  const work = mkdtempSync(join(tmpdir(), 'kilo-registry-'));
  const port = await freePort();
  const config = join(work, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(work, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(work, 'htpasswd')}`,
      '    max_users: -1',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $all',
      'max_body_size: 200mb',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: json, level: error }',
      '',
    ].join('\n'),
  );
  const bin = join(root, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(),
  });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/-/ping`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`verdaccio did not start within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const put = async (manifest, tarball) => {
    const data = readFileSync(tarball);
    const file = `${manifest.name.replace(/^@[^/]+\//, '')}-${manifest.version}.tgz`;
    const version = {
      ...manifest,
      _id: `${manifest.name}@${manifest.version}`,
      dist: {
        shasum: createHash('sha1').update(data).digest('hex'),
        integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
        tarball: `${url}/${manifest.name}/-/${file}`,
      },
    };
    const body = {
      _id: manifest.name,
      name: manifest.name,
      'dist-tags': { latest: manifest.version },
      versions: { [manifest.version]: version },
      _attachments: { [file]: { content_type: 'application/octet-stream', data: data.toString('base64'), length: data.length } },
    };
    const res = await fetch(`${url}/${manifest.name.replace('/', '%2f')}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`publishing ${manifest.name}@${manifest.version}: HTTP ${res.status} ${await res.text()}`);
  };

  return {
    url,
    /** Publishes a tarball made by `pnpm pack`/`npm pack`. */
    async publish(tarball) {
      const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
      await put(manifest, tarball);
      return `${manifest.name}@${manifest.version}`;
    },
    /** Publishes an installed third-party package folder as it is. */
    async publishFolder(dir) {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const out = join(work, `seed-${createHash('sha1').update(dir).digest('hex')}.tgz`);
      tarFolder(dir, out);
      await put(manifest, out);
      rmSync(out);
      return `${manifest.name}@${manifest.version}`;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(work, { recursive: true, force: true });
    },
    log: () => log,
  };
}

/** Writes an `.npmrc` that points npm at `url` for every package, with the cache in `cacheDir`. */
export function writeNpmrc(dir, url, cacheDir) {
  writeFileSync(
    join(dir, '.npmrc'),
    [`registry=${url}/`, `cache=${cacheDir}`, 'audit=false', 'fund=false', 'update-notifier=false', 'loglevel=error', ''].join('\n'),
  );
}


/**
 * Packs every workspace package and starts a registry holding them and the
 * third-party closure of their dependencies plus `extraSeeds`
 * (`[name, folderItIsResolvedFrom]`, e.g. the consumers' TypeScript and Vite).
 * Returns the registry and `{ ours: Map<name, version>, thirdParty: number }`.
 */
export async function startSeededRegistry({ extraSeeds = [] } = {}) {
  const packs = mkdtempSync(join(tmpdir(), 'kilo-packs-'));
  try {
    const tarballs = packWorkspace(packs);
    const seeds = [...extraSeeds];
    for (const p of workspacePackages()) {
      const pkg = JSON.parse(readFileSync(join(p.dir, 'package.json'), 'utf8'));
      for (const dep of Object.keys(pkg.dependencies ?? {})) {
        if (!dep.startsWith('@kilocode/')) seeds.push([dep, p.dir]);
      }
    }
    const folders = thirdPartyClosure(seeds);
    const registry = await startLocalRegistry();
    try {
      const ours = new Map();
      for (const tarball of tarballs) {
        const id = await registry.publish(tarball);
        const at = id.lastIndexOf('@');
        ours.set(id.slice(0, at), id.slice(at + 1));
      }
      // A few at a time: each is a tar + an HTTP PUT.
      const queue = [...folders];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (queue.length > 0) await registry.publishFolder(queue.shift());
        }),
      );
      return { registry, ours, thirdParty: folders.length };
    } catch (error) {
      await registry.stop();
      throw error;
    }
  } finally {
    rmSync(packs, { recursive: true, force: true });
  }
}
