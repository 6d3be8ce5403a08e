/**
 * Vite configuration of the web chat. In this workspace the `@kilocode/*`
 * packages resolve to their TypeScript sources (as the test projects do), so
 * the app builds from a clean clone without building the packages first and
 * a change to a package shows up on the next reload. An app outside the
 * workspace drops the aliases and installs the published packages.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const source = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url));

/** Package name → source entry, matched exactly. */
const sources: Record<string, string> = {
  '@kilocode/event-service': source('event-service/src/index.ts'),
  '@kilocode/kilo-chat': source('kilo-chat/src/index.ts'),
  '@kilocode/notifications': source('notifications/src/index.ts'),
  '@kilocode/kilo-chat-hooks': source('kilo-chat-hooks/src/index.ts'),
};

export default defineConfig({
  resolve: {
    alias: Object.entries(sources).map(([name, replacement]) => ({
      find: new RegExp(`^${name.replace(/[/.-]/g, (c) => `\\${c}`)}$`),
      replacement,
    })),
    // One React for the app and the hooks package.
    dedupe: ['react', 'react-dom', '@tanstack/react-query'],
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // React Query's "use client" directives mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `pnpm dev` talks to a mock server started separately (`npm start`), through this proxy.
    proxy: {
      ...Object.fromEntries(['/v1', '/_dev', '/_control', '/_blob', '/health'].map((path) => [path, 'http://127.0.0.1:8787'])),
      // `/connect-ticket` and the event socket at `/connect`.
      '/connect': { target: 'http://127.0.0.1:8787', ws: true },
    },
  },
});
