// `npm start` checks its port before installing or building anything, and
// says how to choose another (issue 13, item 5).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let blocker;
afterEach(() => new Promise((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));

function runStart(env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['scripts/bootstrap.mjs', 'start'], { cwd: root, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

describe('npm start with its port taken', () => {
  it('stops at once, before installing or building, and names PORT', async () => {
    blocker = createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address();
    const { code, output, ms } = await runStart({ PORT: String(port) });
    expect(code).toBe(1);
    expect(output).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(output).toMatch(/PORT=\d+ npm start/);
    expect(output).not.toMatch(/install|build|Usage|usage:/i);
    expect(ms).toBeLessThan(10_000);
  });

  it('refuses a PORT that is not a port number, with an example', async () => {
    const { code, output } = await runStart({ PORT: 'eighty' });
    expect(code).toBe(2);
    expect(output).toContain('PORT must be a port number');
    expect(output).toContain('PORT=8788 npm start');
  });
});
