/**
 * Command-line entry: `pnpm start` (or `tsx src/main.ts`). Reads the
 * configuration, starts the bot and stops it cleanly on Ctrl+C, so Kilo Chat
 * shows it offline.
 */
import { readConfig, USAGE } from './config.js';
import { startEchoBot } from './echo-bot.js';

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  if (config === null) {
    console.log(USAGE);
    return;
  }
  const bot = await startEchoBot({
    chatUrl: config.chatUrl,
    sandboxId: config.sandboxId,
    gatewayToken: config.gatewayToken,
    port: config.port,
    host: config.host,
    heartbeatMs: config.heartbeatSeconds * 1000,
  });
  console.log(`Point Kilo Chat's bot webhooks for ${config.sandboxId} at ${bot.webhookUrl}`);

  const stop = () => {
    bot.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
