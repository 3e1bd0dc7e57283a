/**
 * Where cached Slack answers live. Values are plain JSON data (Slack response bodies and short
 * strings), so a store may keep them as they are (in memory) or serialise them (Redis: `SET key
 * json PX ttl`, `MGET`, `DEL`). Every operation is async for that reason.
 *
 * Keys never contain a token: the caching layer builds them from a SHA-256 of the token.
 * @see docs/operations.md#cache (tag versions are ordinary keys, so Redis needs no other command)
 */
export interface CacheStore {
  /** The value under `key`, or `undefined` if absent or expired. */
  get(key: string): Promise<unknown>;
  /** The values under `keys`, in order, `undefined` for each one absent or expired (Redis `MGET`). */
  getMany(keys: readonly string[]): Promise<unknown[]>;
  /** `getMany` without waiting, offered by a store in this process (not by Redis). */
  peekMany?(keys: readonly string[]): unknown[];
  /** Stores `value` under `key` for `ttlMs` milliseconds (Redis `SET … PX`). */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /**
   * Stores `value` under `key` only if nothing is there (Redis `SET … PX NX`); resolves with
   * whether it did. Used to mint tag versions, so concurrent processes agree on one.
   */
  add(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  /** Removes `key` if present. */
  delete(key: string): Promise<void>;
}
