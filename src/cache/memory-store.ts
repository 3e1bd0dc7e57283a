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
  value: unknown;
  expiresAt: number;
  bytes: number;
}

/** A `CacheStore` in this process that also reports its size. */
export interface MemoryStore extends CacheStore {
  /** Entries currently held (expired ones may linger until touched or evicted). */
  readonly size: number;
  /** Approximate bytes currently held. */
  readonly bytes: number;
}

/**
 * A bounded in-memory LRU with a TTL per entry. A `Map` iterates in insertion order, so
 * re-inserting an entry on every read keeps the least recently used one first, where eviction
 * takes it. Values are kept by reference: readers must not mutate them.
 */
export function createMemoryStore({
  maxEntries = 10_000,
  maxBytes = 64 * 1024 * 1024,
  now = Date.now,
}: MemoryStoreOptions = {}): MemoryStore {
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const remove = (key: string, entry: Entry): void => {
    entries.delete(key);
    bytes -= entry.bytes;
  };

  const read = (key: string): unknown => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      remove(key, entry);
      return undefined;
    }
    entries.delete(key);
    entries.set(key, entry);
    return entry.value;
  };

  const set = (key: string, value: unknown, ttlMs: number): void => {
    const previous = entries.get(key);
    if (previous !== undefined) remove(key, previous);
    const size = key.length + (JSON.stringify(value)?.length ?? 0);
    if (ttlMs > 0 && size <= maxBytes) {
      entries.set(key, { value, expiresAt: now() + ttlMs, bytes: size });
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(oldest, entry);
      }
    }
  };

  return {
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    get: (key) => Promise.resolve(read(key)),
    getMany: (keys) => Promise.resolve(keys.map(read)),
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
      const entry = entries.get(key);
      if (entry !== undefined) remove(key, entry);
      return Promise.resolve();
    },
  };
}
