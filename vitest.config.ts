import { defineConfig } from 'vitest/config';

/**
 * Four projects, run in this order: unit (pure modules, in parallel), build (real Astro builds of
 * fixture folders, one at a time, and the quality gates over one shared build of the extended
 * newsroom), e2e (the sample site in Debian's Chromium) and cdn (a small newsroom served by
 * Cloudflare's Pages emulator, `wrangler pages dev`: HTTP requests and Chromium against the
 * host's real headers and redirects).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          fileParallelism: false,
          globalSetup: ['tests/build/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'cdn',
          include: ['tests/cdn/**/*.test.ts'],
          fileParallelism: false,
          globalSetup: ['tests/cdn/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
