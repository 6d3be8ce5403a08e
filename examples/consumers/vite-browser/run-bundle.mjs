// Runs the Vite browser bundle against the mock server. Node stands in for the
// browser: run with --experimental-websocket, so `fetch` and `WebSocket` are
// globals as in a page, and the bundle must not reach for Node's own modules.
import { readFileSync, readdirSync } from 'node:fs';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';

const bundle = readFileSync('dist/round-trip.js', 'utf8');
const nodeOnly = /\bfrom\s*["'](node:[\w/]+|ws|net|tls|http|https|stream|events|crypto)["']|\brequire\(["']ws["']\)/.exec(bundle);
if (nodeOnly) throw new Error(`the browser bundle imports a Node-only module: ${nodeOnly[0]}`);
if (typeof WebSocket !== 'function') throw new Error('run with --experimental-websocket');

const server = await startMockServer({ port: 0 });
const timeout = setTimeout(() => {
  console.error('vite-browser: no round trip within 20 s');
  process.exit(1);
}, 20_000);
try {
  server.createUser({ id: 'carol', displayName: 'Carol' });
  server.createSandbox({ id: 'sbx', ownerId: 'carol' });
  const { roundTrip } = await import('./dist/round-trip.js');
  const messageId = await roundTrip({
    chatUrl: server.chatUrl,
    eventsUrl: server.eventsUrl,
    sandboxId: 'sbx',
    token: await server.mintUserToken('carol'),
    subscribed: async (context) => {
      while (!server.core.realtime.isUserInContext('carol', context)) await new Promise((r) => setTimeout(r, 10));
    },
  });
  const files = readdirSync('dist');
  console.log(`vite-browser: the browser bundle (${files.join(', ')}, ${Math.round(bundle.length / 1024)} KiB) sent and received ${messageId}`);
} finally {
  clearTimeout(timeout);
  await server.close();
}
