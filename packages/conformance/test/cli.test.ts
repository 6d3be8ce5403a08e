import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allScenarios, parseConformanceArgs } from '@kilocode/kilo-chat-conformance';
import { startConformanceFixture } from './support';
import type { ConformanceFixture } from './support';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let fixture: ConformanceFixture;
beforeAll(async () => {
  fixture = await startConformanceFixture();
});
afterAll(async () => {
  await fixture?.close();
});

function args(extra: string[] = []): string[] {
  const t = fixture.target;
  return [
    '--chat-url', t.chatUrl, '--events-url', t.eventsUrl, '--sandbox', t.sandboxId,
    '--user-token', t.userToken, '--second-user-token', t.secondUserToken, '--bot-token', t.botToken,
    '--badges-url', t.chatUrl, '--dev-routes', ...extra,
  ];
}

describe('kilo-chat-conformance CLI', () => {
  it('passes every scenario against the mock server and ends with the count line', async () => {
    const { stdout } = await run(tsx, [cli, ...args()], { timeout: 120_000 });
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(`${allScenarios.length} passed, 0 failed, 0 skipped`);
    expect(lines.filter((l) => l.startsWith('✓ '))).toHaveLength(allScenarios.length);
  }, 150_000);

  it('prints a JSON report with --json', async () => {
    const { stdout } = await run(tsx, [cli, ...args(['--json', '--filter', 'auth.'])], { timeout: 60_000 });
    const report = JSON.parse(stdout) as { passed: number; failed: number; results: Array<{ id: string }> };
    expect(report.failed).toBe(0);
    expect(report.results.every((r) => r.id.startsWith('auth.'))).toBe(true);
    // Each result names the reference sections its scenario checks.
    expect(report.results.every((r) => typeof (r as { reference?: unknown }).reference === 'string')).toBe(true);
  }, 60_000);

  it('exits 2 with usage when a required flag is missing, and 1 when a scenario fails', async () => {
    await expect(run(tsx, [cli, '--chat-url', fixture.target.chatUrl])).rejects.toMatchObject({ code: 2 });
    const wrongToken = args(['--filter', 'conversations.create']).map((a) => (a === fixture.target.userToken ? 'garbage' : a));
    const failure = await run(tsx, [cli, ...wrongToken]).catch((e: { code: number; stdout: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stdout: string }).stdout).toMatch(/0 passed, \d+ failed/);
  }, 60_000);

  it('parses the webhook flags into an opt-in webhook target, and --dev-routes alone into a mock one', () => {
    const base = ['--chat-url', 'http://x', '--events-url', 'http://y', '--sandbox', 's', '--user-token', 't'];
    expect(parseConformanceArgs(base).target.webhook).toBeUndefined();
    const real = parseConformanceArgs([...base, '--webhook-sandbox', 'hooks', '--webhook-listen', '0.0.0.0:8788', '--webhook-bot-token', 'g']).target;
    expect([real.webhook, real.devRoutes]).toEqual([{ sandboxId: 'hooks', listen: '0.0.0.0:8788', botToken: 'g' }, undefined]);
    const mock = parseConformanceArgs([...base, '--dev-routes']).target;
    expect([mock.webhook, mock.devRoutes]).toEqual([{}, true]);
    expect(() => parseConformanceArgs([...base, '--webhook-listen', 'nope'])).toThrow(/HOST:PORT/);
    expect(() => parseConformanceArgs([...base, '--webhook-sandbox', 'hooks'])).toThrow(/--webhook-listen/);
  });

  it('parses --token-command into per-role token sources', async () => {
    const parsed = parseConformanceArgs(['--chat-url', 'http://x', '--events-url', 'http://y', '--sandbox', 's', '--token-command', 'echo tok']);
    const source = parsed.target.botToken;
    expect(typeof source).toBe('function');
    expect(await (source as () => Promise<string>)()).toBe('tok bot');
  });
});
