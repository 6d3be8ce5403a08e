// `npm test` is quiet by default (issue 13, item 6): a passing step prints one
// line however much it wrote (tsup printed ~540 lines of file listings), and a
// failing step prints everything it wrote.
import { describe, expect, it } from 'vitest';
import { runQuietStep } from '../lib/quiet-step.mjs';

function capture() {
  const lines = { out: '', err: '' };
  return { lines, out: (t) => (lines.out += t), err: (t) => (lines.err += t) };
}

const noisy = (exitCode) => ['-e', `for (let i = 1; i <= 500; i++) console.log('dist/file-' + i + '.js 1.2 KB'); process.exitCode = ${exitCode};`];

describe('quiet npm test steps', () => {
  it('a passing step prints one line: its label, its last line of output and its time', () => {
    const { lines, out, err } = capture();
    const result = runQuietStep({ label: 'build', cmd: process.execPath, args: noisy(0), out, err });
    expect(result).toEqual({ ok: true, status: 0 });
    expect(lines.out.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^✓ build: dist\/file-500\.js 1\.2 KB \(\d+ s\)$/)]);
    expect(lines.err).toBe('');
  });

  it('a summary replaces the last line', () => {
    const { lines, out, err } = capture();
    runQuietStep({ label: 'build', cmd: process.execPath, args: noisy(0), summary: 'every package', out, err });
    expect(lines.out).toMatch(/^✓ build: every package \(\d+ s\)\n$/);
  });

  it('a failing step prints all it wrote, then a ✗ line, and reports its status', () => {
    const { lines, out, err } = capture();
    const result = runQuietStep({ label: 'build', cmd: process.execPath, args: noisy(3), out, err });
    expect(result).toEqual({ ok: false, status: 3 });
    expect(lines.out.split('\n').filter(Boolean)).toHaveLength(500);
    expect(lines.err).toMatch(/✗ build failed \(\d+ s\)\n$/);
  });
});
