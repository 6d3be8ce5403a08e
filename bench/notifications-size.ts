/**
 * Size of `@kilocode/notifications` as an app bundles it: esbuild, minified,
 * ESM for browsers, measured raw and gzipped (zlib level 9).
 *
 * - `full entry, deps external` — `export *` of the package, zod and
 *   `@kilocode/event-service` left to the app (what the package itself adds);
 * - `full entry, deps bundled` — the same with both dependencies inlined;
 * - `minimal import, deps bundled` — an app that only parses pushes and
 *   builds bucket keys (tree-shaking check).
 *
 * esbuild is resolved through tsup (a root dev dependency that depends on it),
 * and workspace packages are mapped to their sources, so no build is needed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(join(root, 'package.json'));

/** The slice of esbuild's API this script uses (esbuild's own types are not resolvable from the root). */
interface EsbuildPlugin {
  name: string;
  setup(build: { onResolve(options: { filter: RegExp }, callback: (args: { path: string }) => { path: string }): void }): void;
}
interface Esbuild {
  build(options: Record<string, unknown> & { plugins: EsbuildPlugin[] }): Promise<{ outputFiles: Array<{ contents: Uint8Array }> }>;
}
const esbuild = createRequire(requireFromRoot.resolve('tsup/package.json'))('esbuild') as Esbuild;

const entry = join(root, 'packages/notifications/src/index.ts');
const workspaceSources: Record<string, string> = {
  '@kilocode/event-service': join(root, 'packages/event-service/src/index.ts'),
};

const workspacePlugin: EsbuildPlugin = {
  name: 'workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@kilocode\/event-service$/ }, (args) => ({ path: workspaceSources[args.path]! }));
  },
};

async function measure(label: string, contents: string, external: string[]) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'size-entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external,
    plugins: external.includes('@kilocode/event-service') ? [] : [workspacePlugin],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`${label.padEnd(32)} ${String(code.length).padStart(8)} B raw ${String(gzip).padStart(8)} B gzip`);
}

const full = `export * from ${JSON.stringify(entry)};`;
const minimal = `export { parsePushData, badgeBucketForConversation } from ${JSON.stringify(entry)};`;

await measure('full entry, deps external', full, ['zod', '@kilocode/event-service']);
await measure('full entry, deps bundled', full, []);
await measure('minimal import, deps bundled', minimal, []);
