/**
 * Lets a benchmark ask a server process for its memory: the parent writes `heap` on the child's
 * stdin; the child collects garbage (it runs with `--expose-gc`) and prints
 * `heap <heap bytes> gc <rss bytes>`.
 */
import { createInterface } from 'node:readline';

export function answerHeapProbes(): void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'heap') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.stdout.write(`heap ${heapUsed} ${gc ? 'gc' : 'nogc'} ${rss}\n`);
  });
}
