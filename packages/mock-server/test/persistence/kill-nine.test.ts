import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_JWT_SECRET, mintUserToken } from '../../src/index';
import { demoSeedIds } from '../../src/seed/demo-seed';

const cliPath = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const demo = demoSeedIds();

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the real CLI on the data dir and resolves once its banner is out. */
function startCli(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', '--seed', 'demo', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the CLI did not start:\n${out}`)), 30_000);
    const check = () => {
      const match = /Chat API\s+(\S+)/.exec(out);
      if (match && out.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve({ child, url: match[1] as string, output: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited with ${code}:\n${out}`));
    });
  });
}

function killNine(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function post(url: string, token: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function allMessageIds(url: string, token: string, conversationId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let before: string | null = null;
  for (;;) {
    const query: string = `limit=100${before ? `&before=${before}` : ''}`;
    const response = await fetch(`${url}/v1/conversations/${conversationId}/messages?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as { messages: { id: string }[]; hasMore: boolean; nextCursor: string | null };
    for (const message of page.messages) ids.add(message.id);
    if (!page.hasMore || !page.nextCursor) return ids;
    before = page.nextCursor;
  }
}

describe('--data-dir under kill -9', () => {
  let dir: string;
  let running: Running | null = null;
  afterEach(async () => {
    if (running) await killNine(running.child);
    running = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged write survives SIGKILL at random moments, and the server starts cleanly each time', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kilo-mock-kill9-'));
    const token = await mintUserToken(DEFAULT_JWT_SECRET, demo.alice);
    const acknowledgedMessages = new Map<string, string>(); // id -> conversation
    const acknowledgedConversations = new Set<string>();
    const rounds = 4;
    for (let round = 0; round < rounds; round += 1) {
      running = await startCli(dir);
      expect(running.output()).not.toMatch(/DataDirError|journal_corrupt|snapshot_corrupt/);

      // What earlier rounds acknowledged is all there.
      for (const conversationId of new Set([...acknowledgedMessages.values()])) {
        const stored = await allMessageIds(running.url, token, conversationId);
        for (const [id, inConversation] of acknowledgedMessages) if (inConversation === conversationId) expect(stored.has(id)).toBe(true);
      }
      const listed = await fetch(`${running.url}/v1/conversations?limit=100`, { headers: { authorization: `Bearer ${token}` } });
      const listedIds = new Set(((await listed.json()) as { conversations: { conversationId: string }[] }).conversations.map((c) => c.conversationId));
      for (const id of acknowledgedConversations) expect(listedIds.has(id)).toBe(true);

      if (round === rounds - 1) break;
      // Writers that record what the server acknowledged, cut off by kill -9 after a random while.
      const url = running.url;
      let stop = false;
      const writer = async (n: number) => {
        let conversationId = demo.welcomeConversationId;
        for (let i = 0; !stop; i += 1) {
          try {
            if (i % 10 === 0) {
              const created = await post(url, token, '/v1/conversations', { sandboxId: demo.sandboxId, title: `r${round} w${n} #${i}` });
              if (created.status === 201) {
                conversationId = created.body.conversationId as string;
                acknowledgedConversations.add(conversationId);
              }
              continue;
            }
            const sent = await post(url, token, '/v1/messages', { conversationId, content: [{ type: 'text', text: `r${round} w${n} #${i}` }] });
            if (sent.status === 201) acknowledgedMessages.set(sent.body.messageId as string, conversationId);
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = [0, 1, 2, 3].map((n) => writer(n));
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 600)));
      await killNine(running.child);
      stop = true;
      await Promise.all(writers);
      running = null;
    }
    expect(acknowledgedMessages.size).toBeGreaterThan(0);
  }, 120_000);
});
