import type { CacheStore } from '../cache/cache-store.js';
import type { SharedStateConnection } from './redis-connection.js';

/**
 * A `CacheStore` on the fleet's Redis while it is up, and on this replica's own memory while it
 * is not, so an outage costs cache hits and never a request. Each outage starts from an empty
 * local store (`createLocal`), and what it held is never read once Redis is back: entries stored
 * locally were invalidated only by this replica's writes.
 */
export function createFailoverStore(
  connection: SharedStateConnection,
  shared: CacheStore,
  createLocal: () => CacheStore,
): CacheStore {
  let local = createLocal();
  let localOutage = connection.outage;

  const localStore = (): CacheStore => {
    if (localOutage !== connection.outage) {
      local = createLocal();
      localOutage = connection.outage;
    }
    return local;
  };

  /** Runs `operation` on Redis when shared, else (or when Redis fails) on local state. */
  const route = async <T>(
    operation: (store: CacheStore) => Promise<T>,
    onLocal?: () => void,
  ): Promise<T> => {
    if (connection.shared) {
      try {
        return await operation(shared);
      } catch (error) {
        connection.failed(error);
      }
    }
    onLocal?.();
    return operation(localStore());
  };

  return {
    get: (key) => route((store) => store.get(key)),
    getMany: (keys) => route((store) => store.getMany(keys)),
    set: (key, value, ttlMs) =>
      route((store) => store.set(key, value, ttlMs), connection.wroteLocally),
    add: (key, value, ttlMs) =>
      route((store) => store.add(key, value, ttlMs), connection.wroteLocally),
    delete: (key) => route((store) => store.delete(key)),
  };
}
