import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript source (package.json "exports" → "source"),
  // as for tsc and rolldown, so tests never run a stale packages/*/dist. Tests run in Vite's
  // server environment: 'source' first, then Vite's defaults for it (defaultServerConditions).
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // Emulator tests run the real discord.js client over loopback: give them room, never fake its timers.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
