/**
 * The web chat as `npm start` serves it, for the browser tests and the bench:
 * the app built with its own Vite config, the mock server with the demo seed
 * serving that build from its origin, and the built-in echo bot answering.
 * Plus Debian's chromium driven by playwright-core (never a downloaded browser).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEchoBot, startMockServer, type EchoBot, type MockServer, type StartMockServerOptions } from '@kilocode/kilo-chat-mock-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

export const WEB_CHAT_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the app into a fresh temporary folder (or reuses `KILO_WEB_CHAT_DIST` when set) and returns the folder. */
export async function buildWebChat(): Promise<{ dir: string; cleanup: () => void }> {
  const given = process.env.KILO_WEB_CHAT_DIST;
  if (given) {
    if (!existsSync(join(given, 'index.html'))) throw new Error(`KILO_WEB_CHAT_DIST=${given} has no index.html`);
    return { dir: given, cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kilo-web-chat-'));
  await build({
    root: WEB_CHAT_DIR,
    configFile: join(WEB_CHAT_DIR, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: dir, emptyOutDir: true, sourcemap: false },
  });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServedApp {
  server: MockServer;
  bot: EchoBot;
  url: string;
  close(): Promise<void>;
}

/** Starts the demo server serving `staticDir`, with the echo bot wired to the demo sandbox (as the CLI does). */
export async function serveWebChat(staticDir: string, options: StartMockServerOptions = {}): Promise<ServedApp> {
  const server = await startMockServer({ port: 0, seed: 'demo', staticDir, ...options });
  const demo = server.demo!;
  const bot = await startEchoBot({
    chatUrl: server.chatUrl,
    sandboxId: demo.sandboxId,
    gatewayToken: server.gatewayToken(demo.sandboxId),
    gatewaySecret: server.core.gatewaySecret,
    replyDelayMs: 150,
  });
  server.core.setBotWebhookUrl(demo.sandboxId, bot.webhookUrl);
  return {
    server,
    bot,
    url: server.url,
    async close() {
      await bot.close();
      await server.close();
    },
  };
}

/** Debian's chromium (`apt-get install chromium`), overridable with `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** A fresh window (its own storage) signed in as `user` through the app's `?as=` link, with the conversation list shown. */
export async function openAs(
  browser: Browser,
  baseUrl: string,
  user: string,
  path = '/',
  viewport = { width: 1180, height: 760 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(user)}`);
  await page.getByTestId('conversation-list').waitFor({ timeout: 15_000 });
  return { context, page };
}
