#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { watchEvents } from './cli/watch-events.js';
import { printBanner } from './cli/banner.js';
import { startEchoBot, type EchoBot } from './seed/echo-bot.js';
import { startMockServer } from './server/start-mock-server.js';
import type { MockDeviationName } from './deviations/catalogue.js';

const USAGE = `Usage:
  kilo-chat-mock-server [--port 8787] [--host 127.0.0.1] [--seed demo] [--bot-webhook URL]
                        [--jwt-secret S] [--gateway-secret S] [--cors-origin ORIGIN]...
                        [--web-root DIR] [--no-dev-routes | --dev-routes] [--data-dir DIR]
                        [--deviate NAME]...
  kilo-chat-mock-server watch [--url http://127.0.0.1:8787] (--user ID | --token JWT) [--context CTX]...

Starts the Kilo Chat reference mock (chat API, event service and dev routes on
one port). With --seed demo and no --bot-webhook, a built-in echo bot answers.
--web-root serves a built web app (index.html and its assets) on the same
origin, with index.html for client-side routes.
--data-dir keeps the state in DIR (journal fsynced before each response,
snapshot, uploaded files) so it survives a restart or kill -9; --seed demo
then seeds only an empty store. Default: in memory.
--no-dev-routes removes /_dev/* and /_control/*; they are on by default only
on a loopback --host (--dev-routes turns them on elsewhere, with a warning).
--deviate NAME (repeatable) starts a deliberately wrong server, for testing a
conformance suite; never use it otherwise. Names: spec/mock-server.md,
"Deviations for conformance testing".
"watch" connects to a running mock's event socket and prints every frame.`;

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'none' },
      'bot-webhook': { type: 'string' },
      'jwt-secret': { type: 'string' },
      'gateway-secret': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'web-root': { type: 'string' },
      'dev-routes': { type: 'boolean' },
      'no-dev-routes': { type: 'boolean' },
      'data-dir': { type: 'string' },
      deviate: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  if (values.seed !== 'demo' && values.seed !== 'none') throw new Error(`unknown --seed ${values.seed} (use demo or none)`);

  if (values['dev-routes'] && values['no-dev-routes']) throw new Error('--dev-routes and --no-dev-routes contradict each other');
  const devRoutes = values['no-dev-routes'] ? false : values['dev-routes'] ? true : undefined;

  const webRoot = values['web-root'];
  if (webRoot !== undefined && !existsSync(join(webRoot, 'index.html'))) throw new Error(`--web-root ${webRoot} has no index.html`);

  const server = await startMockServer({
    port,
    ...(webRoot !== undefined ? { staticDir: webRoot } : {}),
    host: values.host,
    ...(devRoutes !== undefined ? { devRoutes } : {}),
    seed: values.seed,
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values.deviate?.length ? { deviations: values.deviate as MockDeviationName[] } : {}),
    botWebhookUrl: values['bot-webhook'] ?? null,
    cors: { allowLocalhost: true, extraOrigins: values['cors-origin'] ?? [] },
    ...(values['jwt-secret'] ? { jwtSecret: values['jwt-secret'] } : {}),
    ...(values['gateway-secret'] ? { gatewaySecret: values['gateway-secret'] } : {}),
    logger: {
      debug() {},
      warn: (message: string, context?: Record<string, unknown>) => console.warn(`[mock] ${message}`, context ?? ''),
      error: (message: string, context?: Record<string, unknown>) => console.error(`[mock] ${message}`, context ?? ''),
    },
  });

  let echoBot: EchoBot | null = null;
  if (server.demo && !values['bot-webhook']) {
    echoBot = await startEchoBot({
      chatUrl: server.chatUrl,
      sandboxId: server.demo.sandboxId,
      gatewayToken: server.gatewayToken(server.demo.sandboxId),
      gatewaySecret: server.core.gatewaySecret,
    });
    server.core.setBotWebhookUrl(server.demo.sandboxId, echoBot.webhookUrl);
  }

  const script = process.argv[1] ?? '';
  const command = script.endsWith('.js') && !script.includes('_npx') ? `node ${relative(process.cwd(), script)}` : 'npx kilo-chat-mock-server';
  await printBanner(server, { echoBotUrl: echoBot?.webhookUrl ?? null, botWebhookUrl: values['bot-webhook'] ?? null, command, webApp: webRoot !== undefined });

  const stop = async () => {
    await echoBot?.close();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function watch(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8787' },
      user: { type: 'string' },
      token: { type: 'string' },
      context: { type: 'string', multiple: true },
    },
  });
  const stop = await watchEvents({
    url: values.url.replace(/\/+$/, ''),
    ...(values.user ? { user: values.user } : {}),
    ...(values.token ? { token: values.token } : {}),
    ...(values.context ? { contexts: values.context } : {}),
  });
  process.once('SIGINT', () => {
    stop();
    process.exit(0);
  });
}

const [first, ...rest] = process.argv.slice(2);
const run = first === 'watch' ? watch(rest) : serve(first === undefined ? [] : [first, ...rest]);
run.catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // A refused data directory is not a usage mistake: its message names the file and line.
  if (!(error instanceof Error && (error.name === 'DataDirError' || error.name === 'UnknownDeviationError'))) console.error(USAGE);
  process.exit(1);
});
