import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests (in-process, real SQLite on :memory: or temp files) and end-to-end
// tests that start real processes (web host, Chromium, electron-builder). The machine has 2 cores,
// so end-to-end files run one at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
