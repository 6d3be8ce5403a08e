import { defineConfig, type Options } from 'tsup';

/**
 * The one build configuration every `@kilocode/*` package shares: ESM and CJS
 * with format-specific declaration files (`.d.ts` / `.d.cts`), ES2022, no
 * minification (consumers minify), source maps, and every dependency kept
 * external.
 */
export function definePackageConfig(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { composite: false } },
    tsconfig: 'tsconfig.build.json',
    target: 'es2022',
    platform: 'neutral',
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    outDir: 'dist',
    ...overrides,
  });
}
