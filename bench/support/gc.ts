/**
 * A `gc()` for heap measurements in benchmarks. `pnpm bench` starts node
 * without `--expose-gc`, so when `global.gc` is missing the flag is turned on
 * at run time and the function is taken from a fresh V8 context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Where {@link collectGarbage} came from. */
export let gcSource: 'global.gc' | 'v8.setFlagsFromString' = 'global.gc';

const existing = (globalThis as { gc?: () => void }).gc;
let gcImpl: () => void;
if (typeof existing === 'function') {
  gcImpl = existing;
} else {
  setFlagsFromString('--expose-gc');
  gcImpl = runInNewContext('gc') as () => void;
  gcSource = 'v8.setFlagsFromString';
}

/** Runs full collections until the heap stops shrinking (at most 4), then returns `heapUsed` in bytes. */
export function settledHeapUsed(): number {
  let previous = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 4; i++) {
    gcImpl();
    const used = process.memoryUsage().heapUsed;
    if (used >= previous - 64 * 1024) return used;
    previous = used;
  }
  return process.memoryUsage().heapUsed;
}
