/**
 * Runs every benchmark in this folder, one after another, in fresh processes.
 * `pnpm bench [name …]` runs only the named ones (file names without `.ts`).
 * Results are printed; copy them into RESULTS.md with the date and machine.
 *
 * Long runs are left out of the default set and run only when named:
 * `reconnect-storm` (about a minute, 2,000 sockets) and `soak` (minutes; pass
 * its own flags by running it directly: `pnpm exec tsx bench/soak.ts --minutes 5`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
/** Benchmarks that run only when named. */
const onlyWhenNamed = new Set(['reconnect-storm', 'soak']);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => (wanted.length === 0 ? !onlyWhenNamed.has(f.replace(/\.ts$/, '')) : wanted.includes(f.replace(/\.ts$/, ''))))
  .sort();

console.log(`# ${new Date().toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
