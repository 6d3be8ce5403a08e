/**
 * Bundle sizes of realtime clients as an app ships them: esbuild, minified,
 * ESM for browsers (es2022), measured raw and gzipped (zlib level 9). Each
 * app is a few lines that import one client and use it the minimal way
 * (connect, listen to one channel), so tree-shaking keeps what that needs.
 *
 * - `@kilocode/event-service` entry: `export *` of the package with `zod` and
 *   `ws` external (what the package itself adds to an app that already has zod);
 * - an app importing only `EventServiceClient`, everything bundled except `ws`
 *   (in a browser bundle `isomorphic-ws` is the global `WebSocket`);
 * - the same kind of app for the peers installed as root dev dependencies:
 *   socket.io-client, pusher-js, centrifuge, and ably's tree-shakable
 *   `ably/modular` entry with the plugins a realtime subscriber needs.
 *
 * Workspace packages are bundled from their sources, so no build is needed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Metafile, Plugin } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

const workspaceSources: Record<string, string> = {
  '@kilocode/event-service': join(root, 'packages/event-service/src/index.ts'),
};

const workspacePlugin: Plugin = {
  name: 'workspace-sources',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@kilocode\/event-service$/ }, (args) => ({ path: workspaceSources[args.path]! }));
  },
};

/** One measured bundle. */
export interface BundleSize {
  readonly label: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  /** The largest inputs by bytes in the minified output (before gzip). */
  readonly largestInputs: ReadonlyArray<{ readonly input: string; readonly bytes: number }>;
}

async function measure(label: string, contents: string, external: string[]): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'size-entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    external,
    plugins: [workspacePlugin],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return {
    label,
    rawBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    largestInputs: largestInputs(result.metafile),
  };
}

function largestInputs(metafile: Metafile): Array<{ input: string; bytes: number }> {
  const output = Object.values(metafile.outputs)[0];
  if (output === undefined) return [];
  return Object.entries(output.inputs)
    .map(([input, { bytesInOutput }]) => ({ input: input.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, ''), bytes: bytesInOutput }))
    .filter((entry) => entry.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
}

const URL_ = "'https://realtime.example.com'";

/** The apps measured, in report order. */
export const SIZE_CASES: ReadonlyArray<{ readonly key: string; readonly label: string; readonly contents: string; readonly external: string[] }> = [
  {
    key: 'entry',
    label: '@kilocode/event-service entry (export *), zod and ws external',
    contents: `export * from '@kilocode/event-service';`,
    external: ['zod', 'ws'],
  },
  {
    key: 'app',
    label: 'app importing only EventServiceClient, all bundled except ws',
    contents: `import { EventServiceClient } from '@kilocode/event-service';
const client = new EventServiceClient({ url: ${URL_}, getToken: () => 'token' });
client.on('message.created', (context, payload) => console.log(context, payload));
client.subscribe(['/kiloclaw/sandbox/conversation']);
void client.connect();`,
    external: ['ws'],
  },
  {
    key: 'socket.io-client',
    label: 'socket.io-client app (io(), on)',
    contents: `import { io } from 'socket.io-client';
const socket = io(${URL_});
socket.on('message.created', (payload) => console.log(payload));`,
    external: [],
  },
  {
    key: 'pusher-js',
    label: 'pusher-js app (new Pusher, subscribe, bind)',
    contents: `import Pusher from 'pusher-js';
const pusher = new Pusher('app-key', { cluster: 'eu' });
pusher.subscribe('conversation').bind('message.created', (payload) => console.log(payload));`,
    external: [],
  },
  {
    key: 'centrifuge',
    label: 'centrifuge app (new Centrifuge, newSubscription, connect)',
    contents: `import { Centrifuge } from 'centrifuge';
const client = new Centrifuge('wss://realtime.example.com/connection/websocket');
const sub = client.newSubscription('conversation');
sub.on('publication', (ctx) => console.log(ctx.data));
sub.subscribe();
client.connect();`,
    external: [],
  },
  {
    key: 'ably/modular',
    label: "ably/modular app (BaseRealtime + WebSocketTransport + FetchRequest)",
    contents: `import { BaseRealtime, WebSocketTransport, FetchRequest } from 'ably/modular';
const client = new BaseRealtime({ key: 'app.key:secret', plugins: { WebSocketTransport, FetchRequest } });
void client.channels.get('conversation').subscribe((message) => console.log(message.data));`,
    external: [],
  },
];

/** Measures every case of {@link SIZE_CASES}, one after another. */
export async function measureClientSizes(): Promise<Record<string, BundleSize>> {
  const sizes: Record<string, BundleSize> = {};
  for (const { key, label, contents, external } of SIZE_CASES) sizes[key] = await measure(label, contents, external);
  return sizes;
}
