// One step of `npm test`, run quietly: a passing step prints one line, a
// failing step prints its whole output. Kept apart from bootstrap.mjs so a
// test can hold it to that (scripts/test/quiet-step.test.mjs).
import { spawnSync } from 'node:child_process';

/**
 * Runs `cmd args` and reports it in one line: `✓ <label>: <summary, or the
 * step's last line of output> (<s>)`. On failure it writes the step's whole
 * stdout and stderr, then `✗ <label> failed (<s>)`.
 *
 * @param {{ label: string, cmd: string, args: string[], summary?: string,
 *   out?: (text: string) => void, err?: (text: string) => void, now?: () => number }} step
 * @returns {{ ok: boolean, status: number }}
 */
export function runQuietStep({ label, cmd, args, summary, out = (t) => process.stdout.write(t), err = (t) => process.stderr.write(t), now = Date.now }) {
  const started = now();
  const result = spawnSync(cmd, args, { encoding: 'utf8', shell: process.platform === 'win32' });
  const seconds = ((now() - started) / 1000).toFixed(0);
  if (result.error || result.status !== 0) {
    out(result.stdout ?? '');
    err(result.stderr ?? '');
    err(`✗ ${label} failed (${seconds} s)\n`);
    return { ok: false, status: result.status || 1 };
  }
  const last = summary ?? `${result.stdout ?? ''}`.trim().split('\n').pop()?.trim();
  out(`✓ ${label}${last && !last.startsWith('>') ? `: ${last}` : ''} (${seconds} s)\n`);
  return { ok: true, status: 0 };
}
