import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { releaseStartupGarbage } from '../../src/serving-heap.js';

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
