import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../src/index';
import { startEchoBot } from '../src/seed/echo-bot';
import { watchEvents } from '../src/cli/watch-events';

const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

describe('demo seed, echo bot and watch', () => {
  it('echoes a message through the bot routes, and watch prints it', async () => {
    await using server = await startMockServer({ port: 0, seed: 'demo' });
    const demo = server.demo!;
    const bot = await startEchoBot({
      chatUrl: server.chatUrl,
      sandboxId: demo.sandboxId,
      gatewayToken: server.gatewayToken(demo.sandboxId),
      gatewaySecret: server.core.gatewaySecret,
      replyDelayMs: 0,
    });
    server.core.setBotWebhookUrl(demo.sandboxId, bot.webhookUrl);
    const lines: string[] = [];
    const stop = await watchEvents({ url: server.url, user: demo.alice, print: (line) => lines.push(line) });
    expect(lines[0]).toContain(`/kiloclaw/${demo.sandboxId}/${demo.welcomeConversationId}`);
    const token = await server.mintUserToken(demo.alice);
    const sent = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: demo.welcomeConversationId, content: [{ type: 'text', text: 'Hello bot' }] }),
    });
    expect(sent.status).toBe(201);
    await vi.waitFor(() => expect(lines.some((l) => l.includes('Echo: Hello bot'))).toBe(true));
    const conversation = server.core.conversations.get(demo.welcomeConversationId)!;
    expect(conversation.messages.at(-1)).toMatchObject({ senderId: demo.botId, content: [{ type: 'text', text: 'Echo: Hello bot' }] });
    stop();
    await bot.close();
  });

  it('the echo bot refuses webhooks without its gateway token', async () => {
    const bot = await startEchoBot({ chatUrl: 'http://127.0.0.1:1', sandboxId: 'sb', gatewayToken: 't', gatewaySecret: 's' });
    const res = await fetch(bot.webhookUrl, { method: 'POST', body: '{}', headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    await bot.close();
  });
});

describe('CLI', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = null;
  });

  it('starts with the demo seed and prints URLs, tokens and a curl example', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', '--seed', 'demo'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk) => (out += chunk.toString()));
    await vi.waitFor(() => expect(out).toContain('Press Ctrl+C to stop.'), { timeout: 15_000, interval: 50 });
    const chatUrl = /Chat API\s+(\S+)/.exec(out)![1]!;
    expect(out).toMatch(/Event service\s+ws:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('built-in echo bot');
    expect(out).toContain('curl -s -X POST');
    const alice = /export ALICE_TOKEN=(\S+)/.exec(out)![1]!;
    const list = await fetch(`${chatUrl}/v1/conversations`, { headers: { authorization: `Bearer ${alice}` } });
    expect(((await list.json()) as any).conversations).toHaveLength(2);
    expect(/export BOT_TOKEN=([0-9a-f]{64})/.test(out)).toBe(true);
  });

  it('refuses an unknown seed', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', '--seed', 'nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const code = await new Promise<number | null>((resolve) => child!.on('exit', resolve));
    expect(code).toBe(1);
  });

  it('refuses an unknown --deviate name, listing the valid ones', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', '--deviate', 'no-such-bug'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child!.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('unknown mock deviation "no-such-bug"');
    expect(stderr).toContain('reusable-tickets');
  });
});
