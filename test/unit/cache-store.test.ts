import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../src/cache/memory-store.js';

describe('the in-memory cache store', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const store = createMemoryStore({ maxEntries: 2 });
    await store.set('a', 1, 1_000);
    await store.set('b', 2, 1_000);
    expect(await store.get('a')).toBe(1);
    await store.set('c', 3, 1_000);
    expect(await store.getMany(['a', 'b', 'c'])).toEqual([1, undefined, 3]);
    expect(store.size).toBe(2);
  });

  it('evicts beyond maxBytes and refuses a value larger than the whole budget', async () => {
    const store = createMemoryStore({ maxBytes: 20 });
    await store.set('a', 'x'.repeat(10), 1_000);
    await store.set('b', 'y'.repeat(10), 1_000);
    expect(store.bytes).toBeLessThanOrEqual(20);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('y'.repeat(10));
    await store.set('huge', 'z'.repeat(100), 1_000);
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('b')).toBe('y'.repeat(10));
  });

  it('forgets an entry when its TTL has passed', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    await store.set('a', { ok: true }, 500);
    now = 499;
    expect(await store.get('a')).toEqual({ ok: true });
    now = 500;
    expect(await store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it('drops an expired entry and its bytes unread, so it never costs a live entry its place', async () => {
    vi.useFakeTimers();
    try {
      const store = createMemoryStore({ maxBytes: 40, now: () => Date.now() });
      await store.set('live', 'y'.repeat(10), 60_000); // 4 + 12 bytes
      await store.set('old', 'x'.repeat(10), 500); // 3 + 12 bytes, the most recently used
      expect(store.bytes).toBe(31);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(store.size).toBe(1);
      expect(store.bytes).toBe(16);
      // 16 + 15 fits: had the expired entry kept its 15 bytes, `live` (least recent) would go.
      await store.set('new', 'z'.repeat(10), 60_000);
      expect(await store.getMany(['live', 'new'])).toEqual(['y'.repeat(10), 'z'.repeat(10)]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('replaces, deletes, and ignores a zero TTL', async () => {
    const store = createMemoryStore();
    await store.set('a', 1, 1_000);
    await store.set('a', 2, 1_000);
    expect(await store.get('a')).toBe(2);
    expect(store.size).toBe(1);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    await store.set('b', 1, 0);
    expect(store.size).toBe(0);
  });
});
