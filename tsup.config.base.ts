import { rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * The one build configuration every `@kilocode/*` package shares: ES2022, no
 * minification (consumers minify), source maps, and every dependency kept
 * external. Three builds run side by side into `dist/`:
 *
 * - **ESM, one output module per source module** (`src/**\/*.ts` →
 *   `dist/**\/*.js`, not bundled). An app's bundler can then drop whole
 *   unused modules of a `sideEffects: false` package, top-level zod schema
 *   constructions included; a flat bundle per entry would keep them all.
 *   Node loads these files directly, which is why relative imports in `src/`
 *   spell out their `.js` extension. Each public entry `<name>` is
 *   `src/<name>.ts`, so it lands on `dist/<name>.js`.
 * - **CJS, bundled per entry** (`dist/<name>.cjs` plus shared chunks).
 * - **Declarations per entry**, bundled: `dist/<name>.d.ts` and
 *   `dist/<name>.d.cts`.
 */
export function definePackageConfig(entry: Record<string, string>, overrides: Options = {}) {
  for (const [name, file] of Object.entries(entry)) {
    // With modules preserved, the ESM file of an entry is named after its source file.
    if (file !== `src/${name}.ts`) throw new Error(`tsup entry "${name}" must be src/${name}.ts, not ${file}`);
  }
  const shared: Options = {
    tsconfig: 'tsconfig.build.json',
    target: 'es2022',
    platform: 'neutral',
    sourcemap: true,
    outDir: 'dist',
    // The builds run concurrently, so none cleans `dist/`: it is emptied once, below.
    clean: false,
    ...overrides,
  };
  return defineConfig(() => {
    rmSync(shared.outDir ?? 'dist', { recursive: true, force: true });
    return [
      {
        ...shared,
        name: 'esm',
        entry: ['src/**/*.ts'],
        format: ['esm'],
        bundle: false,
        splitting: false,
        treeshake: false,
        dts: false,
      },
      {
        ...shared,
        name: 'cjs',
        entry,
        format: ['cjs'],
        splitting: true,
        treeshake: true,
        dts: false,
      },
      {
        ...shared,
        name: 'dts',
        entry,
        format: ['esm', 'cjs'],
        dts: { only: true, compilerOptions: { composite: false } },
      },
    ];
  });
}
