import type { SharedFlights } from '../cache/caching-slack-api.js';
import type { SharedStateConnection } from './redis-connection.js';

/**
 * Cache misses in flight, claimed in Redis (`SET flight:<key> 1 NX PX ttl`), so two replicas
 * missing the same Slack page at the same moment cost one call: the second waits for the first's
 * entry. While Redis is unreachable every replica calls for itself.
 * @param ttlMs how long a claim stands if its replica dies before releasing it.
 */
export function createSharedFlights(
  connection: SharedStateConnection,
  ttlMs: number,
): SharedFlights {
  const { redis } = connection;
  const flightKey = (key: string): string => `flight:${key}`;
  const guard = async <T>(operation: () => Promise<T>, fallback: T): Promise<T> => {
    if (!connection.shared) return fallback;
    try {
      return await operation();
    } catch (error) {
      connection.failed(error);
      return fallback;
    }
  };
  return {
    claim: (key) =>
      guard(async () => (await redis.set(flightKey(key), '1', 'PX', ttlMs, 'NX')) === 'OK', true),
    held: (key) => guard(async () => (await redis.exists(flightKey(key))) === 1, false),
    release: (key) =>
      guard(async () => {
        await redis.del(flightKey(key));
      }, undefined),
  };
}
