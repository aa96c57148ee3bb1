import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests (in-process, real SQLite on :memory: or temp files), model tests
// (GGUF files through the real node-llama-cpp) and end-to-end tests that start real processes (web
// host, Chromium, electron-builder). The machine has 2 cores, so the slow files run one at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/renderer/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        // Tests that load GGUF models through the real node-llama-cpp.
        test: {
          name: 'model',
          include: ['test/model/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
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
