// A browser app build: index.html and every dependency bundled with the
// browser conditions, as an app's bundler does.
import { defineConfig } from 'vite';

export default defineConfig({
  build: { target: 'es2022', minify: false },
  logLevel: 'warn',
});
