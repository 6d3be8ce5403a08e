/**
 * The web chat (examples/web-chat) as `npm start` serves it:
 *
 * - size: the production build's JavaScript (React, React Query, the
 *   virtualiser and the @kilocode packages included), raw and gzipped
 *   (zlib level 9), plus its CSS;
 * - in Debian's chromium (headless, playwright-core): from navigation start
 *   to the first conversation of the list rendered (sign-in through the dev
 *   token route, list request, socket connect running alongside), and from a
 *   send (Enter pressed in alice's window) to the message shown live in bob's
 *   window (HTTP send, server fan-out, event socket, cache update, render) and
 *   to alice's own row confirmed by the server.
 *
 * Each timing is the median (and min–max) of `--runs` fresh browser
 * contexts (default 9). Times are taken in the page (`performance.now()`,
 * MutationObserver), so test-driver overhead is not counted.
 *
 *   pnpm bench web-chat
 *   pnpm exec tsx bench/web-chat.ts [--runs 9]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildWebChat, launchChromium, serveWebChat } from '../examples/web-chat/test/support/served-app.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { median: Math.round(median), min: Math.round(sorted[0]!), max: Math.round(sorted[sorted.length - 1]!) };
};

const build = await buildWebChat();
const assets = join(build.dir, 'assets');
const size = { js: { raw: 0, gzip: 0, files: 0 }, css: { raw: 0, gzip: 0 } };
for (const file of readdirSync(assets)) {
  const bytes = readFileSync(join(assets, file));
  const gz = gzipSync(bytes, { level: 9 }).byteLength;
  if (file.endsWith('.js')) {
    size.js.raw += bytes.byteLength;
    size.js.gzip += gz;
    size.js.files++;
  } else if (file.endsWith('.css')) {
    size.css.raw += bytes.byteLength;
    size.css.gzip += gz;
  }
}

const app = await serveWebChat(build.dir);
const browser = await launchChromium();
const { teamConversationId } = app.server.demo!;
const firstConversation: number[] = [];
const liveToOther: number[] = [];
const confirmedOwn: number[] = [];

/**
 * Records, in page time, when the first conversation row appears, when Enter
 * is pressed, and (once asked with `benchWatchText`) when a message row with
 * a given text appears. A string, so the bundler's helpers stay out of it.
 */
const WATCH = `
  const marks = {};
  window.benchMarks = marks;
  window.benchWatchText = function (key, text) {
    function check() {
      for (const node of document.querySelectorAll('[data-testid="message"] p.message-text')) {
        if (node.textContent === text) {
          if (marks[key] === undefined) marks[key] = performance.now();
          return true;
        }
      }
      return false;
    }
    if (check()) return;
    const observer = new MutationObserver(function () {
      if (check()) observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  };
  new MutationObserver(function (_, observer) {
    if (document.querySelector('.conversation-item')) {
      if (marks.firstConversation === undefined) marks.firstConversation = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') marks.enter = performance.now();
  }, true);
`;

for (let i = 0; i < runs; i++) {
  const aliceContext = await browser.newContext({ viewport: { width: 1180, height: 760 } });
  const bobContext = await browser.newContext({ viewport: { width: 1180, height: 760 } });
  await aliceContext.addInitScript({ content: WATCH });
  await bobContext.addInitScript({ content: WATCH });
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();

  await alice.goto(`${app.url}/?as=alice`);
  await alice.waitForFunction('window.benchMarks.firstConversation !== undefined');
  firstConversation.push(await alice.evaluate<number>('window.benchMarks.firstConversation'));

  await bob.goto(`${app.url}/conversations/${teamConversationId}?as=bob`);
  await alice.goto(`${app.url}/conversations/${teamConversationId}`);
  await alice.getByTestId('message').first().waitFor();
  await bob.getByTestId('message').first().waitFor();
  // Both sockets open before the send.
  await alice.waitForFunction("!document.querySelector('.banner')");
  await bob.waitForTimeout(300);

  const text = `bench message ${i} ${Date.now()}`;
  await bob.evaluate(`window.benchWatchText('shown', ${JSON.stringify(text)})`);
  await alice.evaluate(`window.benchWatchText('confirmed', ${JSON.stringify(text)})`);
  const box = alice.getByLabel('Message', { exact: true });
  await box.fill(text);
  // Time origins differ per page: compare through wall-clock offsets of each page.
  const aliceOrigin = await alice.evaluate<number>('performance.timeOrigin');
  const bobOrigin = await bob.evaluate<number>('performance.timeOrigin');
  await box.press('Enter');
  await bob.waitForFunction('window.benchMarks.shown !== undefined', null, { timeout: 10_000 });
  await alice.waitForFunction('window.benchMarks.confirmed !== undefined', null, { timeout: 10_000 });
  const aliceMarks = await alice.evaluate<Record<string, number>>('window.benchMarks');
  const bobMarks = await bob.evaluate<Record<string, number>>('window.benchMarks');
  const enterWall = aliceOrigin + aliceMarks.enter!;
  liveToOther.push(bobOrigin + bobMarks.shown! - enterWall);
  confirmedOwn.push(aliceMarks.confirmed! - aliceMarks.enter!);
  await aliceContext.close();
  await bobContext.close();
}

await browser.close();
await app.close();
build.cleanup();

const result = {
  date: new Date().toISOString(),
  node: process.version,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
  size,
  runs,
  navigationToFirstConversationMs: stats(firstConversation),
  sendToShownInOtherWindowMs: stats(liveToOther),
  sendToOwnRowConfirmedMs: stats(confirmedOwn),
};
console.log(JSON.stringify(result, null, 2));
console.log(
  `web chat: JS ${size.js.raw.toLocaleString('en-US')} B raw, ${size.js.gzip.toLocaleString('en-US')} B gzip (${size.js.files} file); ` +
    `first conversation ${result.navigationToFirstConversationMs.median} ms; send → other window ${result.sendToShownInOtherWindowMs.median} ms`,
);
