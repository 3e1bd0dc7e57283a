import { describe, expect, it } from 'vitest';
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
