/**
 * `npm run build`: bundles the two commands (`dist/main.js` for `npm start`,
 * `dist/emulator/main.js` for `npm run emulator`) with their dependencies into a few ESM files.
 * Loading ~480 CommonJS modules and ~230 compiled files one by one was most of the start-up
 * (resolving, reading and compiling each; issue 16). Code behind a dynamic `import()` (GraphiQL's
 * page, tracing, Redis, Socket Mode) becomes its own chunk and still loads only when used.
 * Type-checking is `npm run typecheck`'s job; esbuild only strips the types.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = `${ROOT}dist`;

// Bundled CommonJS packages call `require` for Node's built-ins; an ES module has none of its own.
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

// No stale chunks of an earlier build (or compiled files of the tsc build before this one).
rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'src/main.ts', 'emulator/main': 'src/emulator/main.ts' },
  outdir: OUT_DIR,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: V8 keeps each module's source in the heap (about 1.3 MB less at
  // start), and function names stay readable in stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  legalComments: 'none',
  banner: { js: REQUIRE_SHIM },
  logLevel: 'warning',
});
