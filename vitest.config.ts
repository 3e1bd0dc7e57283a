import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships index.mjs ("module") and index.js ("main") without an "exports" map. Node
    // loads the CJS build for yoga and Pothos (externalised), while Vite would hand src/ and test/
    // the ESM build: two realms, so `instanceof GraphQLError` and schema checks would fail.
    // Pin the CJS build everywhere, as Node itself does under `npm start`.
    alias: [
      {
        find: /^graphql$/,
        replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Memory tests (test/helpers/heap.ts) collect garbage before each measurement.
    execArgv: ['--expose-gc'],
  },
});
