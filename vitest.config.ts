import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Emulator tests run the real discord.js client over loopback: give them room, never fake its timers.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
