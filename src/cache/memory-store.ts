import { LRUCache } from 'lru-cache';
import type { CacheStore } from './cache-store.js';

export interface MemoryStoreOptions {
  /** Entries kept at most; the least recently used go first. @default 10_000 */
  maxEntries?: number;
  /** Approximate bytes kept at most (JSON length of the values). @default 64 MiB */
  maxBytes?: number;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
}

interface Entry {
  readonly value: unknown;
  readonly expiresAt: number;
}

/** A `CacheStore` in this process that also reports its size. */
export interface MemoryStore extends CacheStore {
  /** Entries currently held. */
  readonly size: number;
  /** Approximate bytes currently held. */
  readonly bytes: number;
  /** `get` without waiting: the store is in this process. */
  peek(key: string): unknown;
}

/**
 * A bounded in-memory LRU (lru-cache) with a TTL per entry. An entry is dropped when it expires
 * (`ttlAutopurge`), so expired answers never hold bytes or entries that live ones need. Values
 * are kept by reference: readers must not mutate them.
 * @see https://isaacs.github.io/node-lru-cache/
 */
export function createMemoryStore({
  maxEntries = 10_000,
  maxBytes = 64 * 1024 * 1024,
  now = Date.now,
}: MemoryStoreOptions = {}): MemoryStore {
  const entries = new LRUCache<string, Entry>({
    max: maxEntries,
    maxSize: maxBytes,
    ttlAutopurge: true,
    // Read the clock on every check: lru-cache otherwise reuses one reading for a millisecond.
    ttlResolution: 0,
    perf: { now },
  });

  // lru-cache's own check differs at the edges (a start time of 0 counts as none; an entry is
  // stale only after its TTL), so a read checks the exact expiry itself.
  const read = (key: string): unknown => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now()) return entry.value;
    entries.delete(key);
    return undefined;
  };

  const set = (key: string, value: unknown, ttlMs: number): void => {
    const size = key.length + (JSON.stringify(value)?.length ?? 0);
    // lru-cache reads a 0 TTL as "forever": such an entry is not kept.
    if (ttlMs <= 0 || size > maxBytes) {
      entries.delete(key);
      return;
    }
    entries.set(key, { value, expiresAt: now() + ttlMs }, { ttl: ttlMs, size });
  };

  return {
    get size() {
      return entries.size;
    },
    get bytes() {
      return entries.calculatedSize;
    },
    get: (key) => Promise.resolve(read(key)),
    getMany: (keys) => Promise.resolve(keys.map(read)),
    peek: read,
    peekMany: (keys) => keys.map(read),
    set(key, value, ttlMs) {
      set(key, value, ttlMs);
      return Promise.resolve();
    },
    add(key, value, ttlMs) {
      if (read(key) !== undefined) return Promise.resolve(false);
      set(key, value, ttlMs);
      return Promise.resolve(true);
    },
    delete(key) {
      entries.delete(key);
      return Promise.resolve();
    },
  };
}
