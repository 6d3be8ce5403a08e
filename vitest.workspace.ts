/**
 * The single list of test projects. The root `vitest.config.ts` reads it into
 * `test.projects` (Vitest 4 no longer reads workspace files by itself).
 *
 * Tests import sibling packages from their sources, so a test run never needs
 * a build first; the packaging checks (`pnpm lint:packages`) test the builds.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Maps each workspace package name to its source entry. */
export const sourceAliases: Record<string, string> = {
  '@kilocode/event-service/presence': root('./packages/event-service/src/presence.ts'),
  '@kilocode/event-service/types': root('./packages/event-service/src/types.ts'),
  '@kilocode/event-service': root('./packages/event-service/src/index.ts'),
  '@kilocode/kilo-chat/schemas': root('./packages/kilo-chat/src/schemas.ts'),
  '@kilocode/kilo-chat/types': root('./packages/kilo-chat/src/types.ts'),
  '@kilocode/kilo-chat': root('./packages/kilo-chat/src/index.ts'),
  '@kilocode/notifications': root('./packages/notifications/src/index.ts'),
  '@kilocode/kilo-chat-mock-server': root('./packages/mock-server/src/index.ts'),
  '@kilocode/kilo-chat-conformance': root('./packages/conformance/src/index.ts'),
  '@kilocode/kilo-chat-hooks': root('./packages/kilo-chat-hooks/src/index.ts'),
};

const alias = Object.entries(sourceAliases).map(([find, replacement]) => ({
  find: new RegExp(`^${find.replace(/[/.-]/g, (c) => `\\${c}`)}$`),
  replacement,
}));

function project(name: string, extra: Record<string, unknown> = {}) {
  return {
    resolve: { alias },
    test: {
      name,
      root: root(`./packages/${name}`),
      include: ['test/**/*.test.ts'],
      environment: 'node',
      // Projects do not inherit the root's test options, so the limits live here.
      testTimeout: 20_000,
      hookTimeout: 20_000,
      ...extra,
    },
  };
}

/** A project under `examples/<folder>`, named `example-<folder>`. */
function example(folder: string, extra: Record<string, unknown> = {}) {
  return project(`example-${folder}`, { root: root(`./examples/${folder}`), ...extra });
}

/**
 * The hooks suite runs twice: against React 19 (the package's own dev
 * dependencies) and against React 18, installed in test-projects/hooks-react18.
 * For the second run, React and every library that imports it resolve to that
 * project's copies, so one React instance serves the whole test.
 */
function react18Aliases() {
  const from = createRequire(root('./test-projects/hooks-react18/package.json'));
  const folder = (name: string) => dirname(from.resolve(`${name}/package.json`));
  return ['react-dom', 'react', '@testing-library/react', '@tanstack/react-query'].map((name) => ({
    find: new RegExp(`^${name.replace(/[/.-]/g, (c) => `\\${c}`)}(/.*)?$`),
    replacement: `${folder(name)}$1`,
  }));
}

const hooksTest = {
  include: ['test/**/*.test.{ts,tsx}'],
  environment: 'happy-dom',
  // The msw face of the event socket intercepts the global WebSocket (Node 20: behind this flag).
  execArgv: ['--experimental-websocket'],
};

export default [
  project('event-service'),
  project('kilo-chat'),
  project('notifications'),
  // msw's ws.link intercepts the global WebSocket, which Node 20 only has behind this flag.
  project('mock-server', { execArgv: ['--experimental-websocket'] }),
  project('conformance'),
  project('kilo-chat-hooks', { ...hooksTest, provide: { reactMajor: '19' } }),
  {
    resolve: { alias: [...react18Aliases(), ...alias] },
    test: {
      name: 'kilo-chat-hooks-react18',
      root: root('./packages/kilo-chat-hooks'),
      testTimeout: 20_000,
      hookTimeout: 20_000,
      ...hooksTest,
      provide: { reactMajor: '18' },
    },
  },
  example('echo-bot'),
  // The web chat in Debian's chromium (playwright-core), served as `npm start` serves it.
  // It runs after every other project (groupOrder 1), so its timing checks do not share the CPU with them.
  project('web-chat', { root: root('./examples/web-chat'), testTimeout: 180_000, hookTimeout: 180_000, sequence: { groupOrder: 1 } }),
  example('contract-tests'),
  // The repository's own scripts: npm start's port check and incremental build.
  project('scripts', { root: root('./scripts'), include: ['test/**/*.test.mjs'] }),
];
