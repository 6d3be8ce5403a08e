// Serves the Vite build from the mock server's own origin and runs it in
// Debian's chromium (headless, through playwright-core): the page creates a
// conversation, sends a message and waits for it on the event socket. Also
// checks that the bundle holds no Node-only module. CHROMIUM_PATH overrides
// /usr/bin/chromium.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';
import { chromium } from 'playwright-core';

const assets = readdirSync('dist/assets').filter((f) => f.endsWith('.js'));
let bytes = 0;
for (const file of assets) {
  const code = readFileSync(join('dist/assets', file), 'utf8');
  bytes += code.length;
  const nodeOnly = /\bfrom\s*["'](node:[\w/]+|ws|net|tls|http|https|stream|events|crypto)["']|\brequire\(["']ws["']\)/.exec(code);
  if (nodeOnly) throw new Error(`the browser bundle ${file} imports a Node-only module: ${nodeOnly[0]}`);
}

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) throw new Error(`no chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);

const server = await startMockServer({ port: 0, staticDir: 'dist' });
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  server.createUser({ id: 'carol', displayName: 'Carol' });
  server.createSandbox({ id: 'sbx', ownerId: 'carol' });
  const token = await server.mintUserToken('carol');
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.exposeFunction('kiloConfig', () => ({ sandboxId: 'sbx', token }));
  await page.exposeFunction('kiloSubscribed', async (context) => {
    const until = Date.now() + 10_000;
    while (!server.core.realtime.isUserInContext('carol', context)) {
      if (Date.now() > until) throw new Error(`the server never saw the subscription to ${context}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  await page.goto(`${server.chatUrl}/`);
  const result = page.locator('#result[data-state]');
  await result.waitFor({ timeout: 20_000 });
  const state = await result.getAttribute('data-state');
  const text = await result.textContent();
  if (state !== 'ok') throw new Error(`the page reported ${text}${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
  console.log(`vite-browser: the Vite build (${assets.length} script, ${Math.round(bytes / 1024)} KiB) in chromium ${browser.version()} ${text}`);
} finally {
  await browser.close();
  await server.close();
}
