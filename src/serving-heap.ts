/**
 * V8 heap settings of the serving process (`npm start`), applied from inside it so that
 * `node dist/main.js` needs no command-line flags. Measured in docs/benchmarks.md (issue 16).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How much the old generation may grow past what survived the last full collection before the
 * next one, in percent. V8's default factor (up to 4x under a high allocation rate) let the old
 * generation of this gateway grow to about 125 MB of mostly dead objects around a live heap of
 * about 26 MB under 50 concurrent uncached queries. 40% holds the whole process near 150 MB
 * resident for 3 to 9% more CPU per request in measured pairs (20% and 30% cost about 15%).
 */
export const HEAP_GROWING_PERCENT = 40;

/**
 * Limits the old generation's growth (read by V8 at every full collection, so it applies now),
 * unless the operator chose a value on Node's command line or in `NODE_OPTIONS`: theirs stays.
 * Says whether it set the limit.
 */
export function limitHeapGrowth(
  nodeArguments: readonly string[],
  percent = HEAP_GROWING_PERCENT,
): boolean {
  if (nodeArguments.some(isHeapGrowingFlag)) return false;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return true;
}

/** V8 reads `-` and `_` alike in flag names. */
function isHeapGrowingFlag(argument: string): boolean {
  return /^--heap[-_]growing[-_]percent(=|$)/.test(argument);
}

/**
 * Collects the garbage of start-up (module evaluation, the schema build, the warm-up) before the
 * gateway says it is ready. The second collection runs at a low allocation rate, so V8 also
 * shrinks the young generation, which start-up grew to its maximum, and returns those pages.
 */
export function releaseStartupGarbage(): void {
  // `gc` exists only in contexts created after --expose-gc: the main context's globals stay as they are.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  // Sweeping and unmapping on this thread, so the pages are returned before `gateway ready`
  // (concurrently they would be returned a few hundred milliseconds later on a busy machine).
  setFlagsFromString('--no-concurrent-sweeping');
  try {
    collect();
    collect();
  } finally {
    setFlagsFromString('--concurrent-sweeping');
  }
}
