/**
 * Writes `spec/generated/` from the zod schemas, or with `--check` fails when
 * any generated file is missing or differs from what the schemas produce.
 *
 * Each module under `scripts/spec/` returns a map of file name (relative to
 * `spec/generated/`) to JSON document.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'spec', 'generated');
const check = process.argv.includes('--check');

type Generator = { generate: () => Record<string, unknown> | Promise<Record<string, unknown>> };

const specDir = join(dirname(fileURLToPath(import.meta.url)), 'spec');
const modules = existsSync(specDir) ? readdirSync(specDir).filter((f) => f.endsWith('.ts')).sort() : [];

const files: Record<string, string> = {};
for (const file of modules) {
  const mod = (await import(join(specDir, file))) as Generator;
  const docs = await mod.generate();
  for (const [name, doc] of Object.entries(docs)) {
    if (files[name] !== undefined) throw new Error(`${file}: ${name} is generated twice`);
    files[name] = `${JSON.stringify(doc, null, 2)}\n`;
  }
}

let stale = 0;
for (const [name, content] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  const path = join(outDir, name);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (current === content) continue;
  if (check) {
    console.error(`spec/generated/${name} is ${current === null ? 'missing' : 'stale'}`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    console.log(`wrote spec/generated/${name}`);
  }
}
if (check) {
  const known = new Set(Object.keys(files));
  const walk = (dir: string, prefix = ''): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
        )
      : [];
  for (const name of walk(outDir)) {
    if (!known.has(name) && name !== '.gitkeep') {
      console.error(`spec/generated/${name} is not produced by any generator (delete it or regenerate)`);
      stale++;
    }
  }
  if (stale > 0) {
    console.error(`${stale} generated spec file(s) out of date: run \`pnpm spec:generate\` and commit the result`);
    process.exit(1);
  }
  console.log(`spec/generated is fresh (${Object.keys(files).length} files)`);
}
