import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirError, startMockServer } from '../../src/index';

describe('--data-dir: one server per directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kilo-mock-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a second server on the same directory is refused with code locked, and the first keeps working', async () => {
    const first = await startMockServer({ port: 0, dataDir: dir });
    try {
      const error = await startMockServer({ port: 0, dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirError);
      expect((error as DataDirError).code).toBe('locked');
      expect((error as DataDirError).message).toContain(String(process.pid));
      first.createUser({ id: 'still-writable' });
      expect(first.core.users.get('still-writable')).toBeDefined();
    } finally {
      await first.close();
    }
    // Closing releases the directory.
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    const again = await startMockServer({ port: 0, dataDir: dir });
    expect(again.core.users.get('still-writable')).toBeDefined();
    await again.close();
  });

  it('a lock left by a process that is gone (kill -9) is taken over', async () => {
    // A pid that surely exited: a finished child's.
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'lock'), `${child.stdout}\n`);
    const server = await startMockServer({ port: 0, dataDir: dir });
    await server.close();
  });

  it('a port already in use releases the directory instead of leaving it locked', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startMockServer({ port, dataDir: dir })).rejects.toThrow(/EADDRINUSE/);
      expect(existsSync(join(dir, 'lock'))).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
