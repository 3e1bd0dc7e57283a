import type { Redis } from 'ioredis';
import type { CacheStore } from './cache-store.js';

/**
 * A `CacheStore` in Redis: values as JSON under their key (`SET … PX ttl`, `MGET`, `DEL`), with
 * Redis's own expiry. The caller's ioredis client adds the fleet's key prefix. Keys carry no
 * token (src/cache/caching-slack-api.ts), and no index or set is kept, so nothing outlives its TTL.
 * Operations reject when Redis fails; src/shared-state/failover-store.ts decides what then.
 */
export function createRedisStore(redis: Redis): CacheStore {
  const parse = (raw: string | null): unknown => (raw === null ? undefined : JSON.parse(raw));
  return {
    get: async (key) => parse(await redis.get(key)),
    getMany: async (keys) => (keys.length === 0 ? [] : (await redis.mget(...keys)).map(parse)),
    async set(key, value, ttlMs) {
      const json = JSON.stringify(value);
      // As the memory store: a TTL of 0 (a type turned off, an answer already expired) keeps nothing.
      if (ttlMs <= 0 || json === undefined) return;
      await redis.set(key, json, 'PX', Math.ceil(ttlMs));
    },
    async add(key, value, ttlMs) {
      const json = JSON.stringify(value);
      if (ttlMs <= 0 || json === undefined) return false;
      return (await redis.set(key, json, 'PX', Math.ceil(ttlMs), 'NX')) === 'OK';
    },
    async delete(key) {
      await redis.del(key);
    },
  };
}
