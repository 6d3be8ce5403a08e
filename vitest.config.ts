import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace.ts';

// Every test project (and its timeouts) is listed in vitest.workspace.ts.
export default defineConfig({
  test: {
    projects,
  },
});
