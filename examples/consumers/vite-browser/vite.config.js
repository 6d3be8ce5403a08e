// A browser library build: every dependency is bundled with the browser
// conditions, as an app's bundler would.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    target: 'es2022',
    minify: false,
    lib: { entry: 'src/round-trip.ts', formats: ['es'], fileName: 'round-trip' },
  },
});
