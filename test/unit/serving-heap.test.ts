import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth, releaseStartupGarbage } from '../../src/serving-heap.js';

describe('releaseStartupGarbage', () => {
  it('collects what nothing references any more', async () => {
    let startupState: { rows: number[] } | undefined = {
      rows: Array.from({ length: 10_000 }, (_, index) => index),
    };
    const watcher = new WeakRef(startupState);
    startupState = undefined;
    // A WeakRef keeps its target alive until the job that created it ends.
    await nextTurn();
    releaseStartupGarbage();
    expect(watcher.deref()).toBeUndefined();
  });
});

describe('limitHeapGrowth', () => {
  it("leaves an operator's own --heap-growing-percent in place", () => {
    expect(limitHeapGrowth(['--heap-growing-percent=70'])).toBe(false);
    expect(limitHeapGrowth(['--max-old-space-size=512', '--heap_growing_percent=70'])).toBe(false);
    expect(limitHeapGrowth(['--heap-growing-percent', '70'])).toBe(false);
  });

  it('sets its own limit when the operator chose none', () => {
    expect(limitHeapGrowth(['--max-old-space-size=512', '--heap-growing-percentage'])).toBe(true);
  });
});
