/**
 * Size of `@kilocode/kilo-chat` as an app bundles it: esbuild, minified, ESM
 * for browsers (es2022), measured raw and gzipped (zlib level 9), all in one
 * run:
 *
 * - `KiloChatClient` only — zod external (the target row; event-service
 *   bundled), zod and `@kilocode/event-service` external, and zod bundled;
 * - the whole index — zod external, and zod, ulid and event-service external
 *   (what the package's own code weighs);
 * - `KiloChatBotClient` only, zod external;
 * - the `@kilocode/kilo-chat/schemas` entry, zod external;
 * - when `packages/kilo-chat/dist` exists (`pnpm bench` builds it first):
 *   `KiloChatClient` only from the published build, all dependencies
 *   external, and (when `packages/event-service/dist` exists too) with zod
 *   external and `@kilocode/event-service` bundled from its own build — the
 *   target row as an app installing the packages gets it. The ESM build keeps
 *   one output module per source module, so an app bundler can drop whole
 *   unused modules there as it does from the sources; these rows show that
 *   it does.
 *
 * Target: the `KiloChatClient`-only bundle with zod external is at most
 * 8 kB gzipped (8,000 B). A PASS/MISS line follows the JSON.
 *
 * Builds from the package sources (`packages/kilo-chat/src`, with
 * `@kilocode/event-service` mapped to `packages/event-service/src/index.ts`),
 * so no build step is needed. `--sources <dir>` measures another copy of the
 * two packages instead: a directory holding `packages/kilo-chat` and
 * `packages/event-service`, each with `src/` and `package.json` (which
 * carries `sideEffects: false`), e.g. from
 * `git archive <rev> packages/kilo-chat packages/event-service`. zod and ulid
 * still resolve from this checkout.
 *
 *   pnpm bench kilo-chat-size
 *   pnpm exec tsx bench/kilo-chat-size.ts [--sources <dir>] [--inputs 10]
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';
import type { Plugin } from 'esbuild';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sources: { type: 'string', default: repo },
    inputs: { type: 'string', default: '10' },
  },
});
const sources = resolve(values.sources);
const TOP_INPUTS = Number(values.inputs);

/** 8 kB, read as 8,000 B (the stricter of 8,000 and 8,192). */
const TARGET_GZIP_BYTES = 8_000;

const kiloChat = (file: string) => join(sources, 'packages/kilo-chat/src', file);
const eventServiceEntry = join(sources, 'packages/event-service/src/index.ts');

/** Resolves `@kilocode/event-service` to its sources when it is bundled. */
const eventServiceSources: Plugin = {
  name: 'event-service-sources',
  setup(b) {
    b.onResolve({ filter: /^@kilocode\/event-service$/ }, () => ({ path: eventServiceEntry }));
  },
};

interface Row {
  label: string;
  external: string[];
  rawBytes: number;
  gzipBytes: number;
  /** Largest contributors to the minified output (esbuild metafile `bytesInOutput`). */
  topInputs?: Record<string, number>;
}

async function measure(
  label: string,
  contents: string,
  external: string[],
  withInputs = false,
  plugins: Plugin[] = external.includes('@kilocode/event-service') ? [] : [eventServiceSources],
): Promise<Row> {
  const result = await build({
    stdin: { contents, resolveDir: repo, loader: 'ts', sourcefile: 'size-entry.ts' },
    // The package's own sideEffects: false applies, as it does for an app.
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: withInputs,
    external,
    // zod and ulid resolve from the packages' own dependencies, also for --sources.
    nodePaths: [join(repo, 'packages/kilo-chat/node_modules'), join(repo, 'packages/event-service/node_modules')],
    plugins,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const row: Row = { label, external, rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  if (withInputs && result.metafile) {
    const output = Object.values(result.metafile.outputs)[0]!;
    const inputs = Object.entries(output.inputs)
      .map(([input, { bytesInOutput }]) => [relative(sources, resolve(repo, input)), bytesInOutput] as const)
      .sort((a, b) => b[1] - a[1]);
    row.topInputs = Object.fromEntries(inputs.slice(0, TOP_INPUTS));
  }
  return row;
}

const index = JSON.stringify(kiloChat('index.ts'));
const onlyClient = `export { KiloChatClient } from ${index};`;
const onlyBotClient = `export { KiloChatBotClient } from ${index};`;
const wholeIndex = `export * from ${index};`;
// The subpath's entry is `schemas.ts`; revisions before the ESM build kept modules called it `schemas-entry.ts`.
const schemasEntryFile = existsSync(kiloChat('schemas-entry.ts')) ? kiloChat('schemas-entry.ts') : kiloChat('schemas.ts');
const schemasEntry = `export * from ${JSON.stringify(schemasEntryFile)};`;

const target = await measure('KiloChatClient only, zod external', onlyClient, ['zod'], true);
const rows = [
  target,
  await measure('KiloChatClient only, zod + event-service external', onlyClient, ['zod', '@kilocode/event-service']),
  await measure('KiloChatClient only, zod bundled', onlyClient, []),
  await measure('whole index, zod external', wholeIndex, ['zod']),
  await measure('whole index, zod + ulid + event-service external', wholeIndex, ['zod', 'ulid', '@kilocode/event-service']),
  await measure('KiloChatBotClient only, zod external', onlyBotClient, ['zod'], true),
  await measure('schemas entry, zod external', schemasEntry, ['zod']),
];
const distIndex = join(sources, 'packages/kilo-chat/dist/index.js');
if (existsSync(distIndex)) {
  rows.push(
    await measure('dist: KiloChatClient only, all deps external', `export { KiloChatClient } from ${JSON.stringify(distIndex)};`, [
      'zod',
      'ulid',
      '@kilocode/event-service',
    ]),
  );
  const eventServiceDist = join(sources, 'packages/event-service/dist/index.js');
  if (existsSync(eventServiceDist)) {
    /** Resolves `@kilocode/event-service` to its build, as an installed package does. */
    const eventServiceBuild: Plugin = {
      name: 'event-service-dist',
      setup(b) {
        b.onResolve({ filter: /^@kilocode\/event-service$/ }, () => ({ path: eventServiceDist }));
      },
    };
    rows.push(
      await measure(
        'dist: KiloChatClient only, zod external',
        `export { KiloChatClient } from ${JSON.stringify(distIndex)};`,
        ['zod'],
        false,
        [eventServiceBuild],
      ),
    );
  }
}

console.log(
  JSON.stringify(
    {
      bench: 'kilo-chat-size',
      date: new Date().toISOString(),
      node: process.version,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      esbuild: esbuildVersion,
      build: 'bundle, minify, esm, platform browser, target es2022; gzip level 9',
      sources: relative(repo, sources) || '.',
      rows,
      target: { row: target.label, maxGzipBytes: TARGET_GZIP_BYTES, gzipBytes: target.gzipBytes },
    },
    null,
    2,
  ),
);
for (const row of rows) {
  console.log(`${row.label.padEnd(52)} ${String(row.rawBytes).padStart(7)} B raw ${String(row.gzipBytes).padStart(7)} B gzip`);
}
const verdict = target.gzipBytes <= TARGET_GZIP_BYTES ? 'PASS' : 'MISS';
console.log(
  `${verdict}: ${target.label} is ${target.gzipBytes} B gzipped (target ≤ ${TARGET_GZIP_BYTES} B; ${target.rawBytes} B minified)`,
);
