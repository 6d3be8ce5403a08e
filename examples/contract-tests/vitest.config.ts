import { defineConfig } from 'vitest/config';

// For `vitest run` in this folder (or in your copy of it). Inside the SDK
// repository the root config runs this project as `example-contract-tests`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    hookTimeout: 30_000,
  },
});
