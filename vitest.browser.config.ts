import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:browser`: the tests that drive a real Chromium (/usr/bin/chromium, Debian's
 * `chromium` package) through playwright-core. Kept out of `npm test`, which runs everywhere.
 * Same resolution as vitest.config.ts; its own file pattern (not merged: that would add to it).
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/browser/**/*.browser.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time.
    fileParallelism: false,
  },
});
