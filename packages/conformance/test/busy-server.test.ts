import { afterEach, describe, expect, it } from 'vitest';
import { allScenarios, runConformance } from '@kilocode/kilo-chat-conformance';
import { startEchoBot, startMockServer } from '@kilocode/kilo-chat-mock-server';
import type { EchoBot, MockServer, StartMockServerOptions } from '@kilocode/kilo-chat-mock-server';

// A busy sandbox: the demo data (other conversations, unread badges) and a live
// bot that answers every human message, approval and status request at once,
// as `npm start` wires it (kilo-chat.md §5: every human message goes to the
// sandbox bot). Every scenario must still pass: each finds its own rows by id
// and filters events by its own actors.
let server: MockServer | undefined;
let bot: EchoBot | undefined;

afterEach(async () => {
  await bot?.close();
  await server?.close();
  bot = undefined;
  server = undefined;
});

describe('against the demo seed with the echo bot replying at once', () => {
  it.each<[string, StartMockServerOptions]>([
    ['as the mock runs by default', {}],
    ['with events 0–40 ms after the response and the clock 6 s behind', { eventDelayMs: () => Math.floor(Math.random() * 40), clockOffsetMs: -6_000 }],
  ])('every scenario passes, %s', async (_label, options) => {
    server = await startMockServer({ ...options, port: 0, seed: 'demo' });
    const demo = server.demo!;
    bot = await startEchoBot({
      chatUrl: server.chatUrl,
      sandboxId: demo.sandboxId,
      gatewayToken: server.gatewayToken(demo.sandboxId),
      gatewaySecret: server.core.gatewaySecret,
      replyDelayMs: 0,
    });
    server.core.setBotWebhookUrl(demo.sandboxId, bot.webhookUrl);
    const report = await runConformance({
      chatUrl: server.chatUrl,
      eventsUrl: server.eventsUrl,
      badgesUrl: server.chatUrl,
      sandboxId: demo.sandboxId,
      userToken: await server.mintUserToken(demo.alice),
      secondUserToken: await server.mintUserToken(demo.bob),
      botToken: server.gatewayToken(demo.sandboxId),
      devRoutes: true,
      webhook: {},
    });
    const failures = report.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.status} ${r.message ?? ''}`);
    expect(failures).toEqual([]);
    expect(report.passed).toBe(allScenarios.length);
  }, 120_000);
});
