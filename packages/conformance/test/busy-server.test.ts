import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allScenarios, runConformance } from '@kilocode/kilo-chat-conformance';
import type { ConformanceTarget } from '@kilocode/kilo-chat-conformance';
import { startEchoBot, startMockServer } from '@kilocode/kilo-chat-mock-server';
import type { EchoBot, MockServer } from '@kilocode/kilo-chat-mock-server';

// A busy sandbox: the demo data (other conversations, unread badges) and a live
// bot that answers every human message, approval and status request at once,
// as `npm start` wires it (kilo-chat.md §5: every human message goes to the
// sandbox bot). Every scenario must still pass: each finds its own rows by id
// and filters events by its own actors.
let server: MockServer;
let bot: EchoBot;
let target: ConformanceTarget;

beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 'demo' });
  const demo = server.demo!;
  bot = await startEchoBot({
    chatUrl: server.chatUrl,
    sandboxId: demo.sandboxId,
    gatewayToken: server.gatewayToken(demo.sandboxId),
    gatewaySecret: server.core.gatewaySecret,
    replyDelayMs: 0,
  });
  server.core.setBotWebhookUrl(demo.sandboxId, bot.webhookUrl);
  target = {
    chatUrl: server.chatUrl,
    eventsUrl: server.eventsUrl,
    badgesUrl: server.chatUrl,
    sandboxId: demo.sandboxId,
    userToken: await server.mintUserToken(demo.alice),
    secondUserToken: await server.mintUserToken(demo.bob),
    botToken: server.gatewayToken(demo.sandboxId),
  };
});

afterAll(async () => {
  await bot?.close();
  await server?.close();
});

describe('against the demo seed with the echo bot replying at once', () => {
  it('every scenario passes', async () => {
    const report = await runConformance(target);
    const failures = report.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.status} ${r.message ?? ''}`);
    expect(failures).toEqual([]);
    expect(report.passed).toBe(allScenarios.length);
  }, 120_000);
});
