import { randomBytes } from 'node:crypto';
import { SlackRateLimitedError } from '../slack/errors.js';
import type { CacheType, SlackMethod } from '../slack/methods.js';
import type { SlackApi, SlackArgs } from '../slack/slack-api.js';
import type { SlackEnvelope } from '../slack/wire-types.js';
import {
  type CacheTtls,
  cacheTypeOf,
  DEFAULT_CACHE_TTLS,
  tagsOfRead,
  tagsOfWrite,
} from './cache-policy.js';
import type { CacheStore } from './cache-store.js';
import type { Provenance, ReadProvenance } from './provenance.js';
import { hashToken } from './token-hash.js';

/** How a read was served, for metrics. */
export type CacheResult = 'hit' | 'miss' | 'shared';

/** What the cache reports; labels are types and method names, never tokens. */
export interface CacheObserver {
  /**
   * `response`: a whole GraphQL response (src/cache/response-cache-plugin.ts); `user_directory`:
   * one user looked up in the shared user directory (src/cache/user-directory.ts).
   */
  lookup(type: CacheType | 'response' | 'user_directory', result: CacheResult): void;
  /** A write (or a write in doubt) of `method` bumped its tags. */
  invalidated(method: SlackMethod): void;
}

export interface CachingSlackApiOptions {
  store: CacheStore;
  /** Seconds per type; 0 turns a type off. @default DEFAULT_CACHE_TTLS */
  ttls?: CacheTtls;
  observer?: CacheObserver;
  /** Milliseconds, for entries' expiry; injectable for tests. @default Date.now */
  now?: () => number;
}

/** A cached answer, the tag versions it was read under, and when it stops being served. */
interface Entry extends Provenance {
  response: SlackEnvelope;
}

/** A `SlackApi` whose answers say what cached state they came from (src/cache/read-log.ts). */
export interface CachingSlackApi extends SlackApi, ReadProvenance {}

const KEY_PREFIX = 's1:';
const VERSION_TTL_MS = 86_400_000;

/**
 * A `SlackApi` that serves read methods from `store` across requests and tokens' lifetimes,
 * below the per-request loaders.
 *
 * - Keys: SHA-256 of the token + method + canonical arguments, so one token's answer is never
 *   served to another token (visibility in Slack is per token).
 * - In flight: concurrent identical calls (same key) share one Slack call.
 * - Invalidation by version keys: an entry records the version of each of its tags (its
 *   conversations, `lists`, `all`); a write sets fresh versions for the tags it touches, so
 *   every token's entries about that conversation stop being served, with no index of keys and
 *   no token stored. A Redis store can keep the same layout (REDIS.md: "version keys").
 * - A read whose Slack call overlapped a write in this process is not stored, so an answer from
 *   before the write can never be cached after it.
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
export function createCachingSlackApi(
  inner: SlackApi,
  { store, ttls = DEFAULT_CACHE_TTLS, observer, now = Date.now }: CachingSlackApiOptions,
): CachingSlackApi {
  const inFlight = new Map<string, Promise<SlackEnvelope>>();
  // Answers served from, or stored in, the cache (by reference, so nothing outlives them).
  const provenance = new WeakMap<SlackEnvelope, Provenance>();
  // Versions outlive every entry; losing one early only turns its entries into misses.
  const versionTtlMs = Math.max(VERSION_TTL_MS, ...Object.values(ttls).map((s) => s * 1_000));
  const nonce = randomBytes(6).toString('hex');
  /** Bumped when a write starts and when it ends: a read spanning a change does not store. */
  let writes = 0;
  let versions = 0;

  const versionKey = (tag: string): string => `${KEY_PREFIX}tag:${tag}`;
  const freshVersion = (): string => `${nonce}.${++versions}`;

  const isCurrent = async (versions: Readonly<Record<string, string>>): Promise<boolean> => {
    const tags = Object.keys(versions);
    const current = await store.getMany(tags.map(versionKey));
    return tags.every((tag, index) => current[index] === versions[tag]);
  };

  const lookup = async (key: string): Promise<SlackEnvelope | undefined> => {
    const entry = (await store.get(key)) as Entry | undefined;
    if (entry === undefined) return undefined;
    if (await isCurrent(entry.tags)) {
      provenance.set(entry.response, entry);
      return entry.response;
    }
    await store.delete(key);
    return undefined;
  };

  // Saves and invalidations run one at a time: two saves that both found a tag unversioned would
  // otherwise each mint a version, and the first entry would never match again. Only misses and
  // writes queue here, and Slack's rate limits keep both rare.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  const save = async (
    key: string,
    method: SlackMethod,
    args: SlackArgs,
    response: SlackEnvelope,
    ttlMs: number,
    epoch: number,
  ): Promise<void> => {
    const tags = tagsOfRead(method, args);
    const current = await store.getMany(tags.map(versionKey));
    const seen: Record<string, string> = {};
    for (const [index, tag] of tags.entries()) {
      const existing = current[index];
      // A tag nobody has versioned yet (or whose version was evicted) gets one now; entries
      // written under a lost version can then never match again.
      const version = typeof existing === 'string' ? existing : freshVersion();
      if (version !== existing) await store.set(versionKey(tag), version, versionTtlMs);
      seen[tag] = version;
    }
    if (epoch !== writes) return;
    const entry: Entry = { response, tags: seen, expiresAt: now() + ttlMs };
    await store.set(key, entry, ttlMs);
    provenance.set(response, entry);
  };

  const read = async <T extends SlackEnvelope>(
    type: CacheType,
    method: SlackMethod,
    args: SlackArgs,
    token: string,
  ): Promise<T> => {
    const key = `${KEY_PREFIX}${hashToken(token)}:${method}:${canonicalArgs(args)}`;
    // A store that fails (e.g. a remote one that is down) only costs cache hits, never reads.
    const cached = await lookup(key).catch(() => undefined);
    if (cached !== undefined) {
      observer?.lookup(type, 'hit');
      return cached as T;
    }
    const pending = inFlight.get(key);
    if (pending !== undefined) {
      observer?.lookup(type, 'shared');
      return pending as Promise<T>;
    }
    observer?.lookup(type, 'miss');
    const epoch = writes;
    const call = inner.call<T>(method, args, token).then(async (response) => {
      await serially(() => save(key, method, args, response, ttls[type] * 1_000, epoch)).catch(
        () => {},
      );
      return response;
    });
    inFlight.set(key, call);
    const forget = (): void => {
      if (inFlight.get(key) === call) inFlight.delete(key);
    };
    call.then(forget, forget);
    return call;
  };

  const invalidate = async (
    method: SlackMethod,
    args: SlackArgs,
    response: unknown,
  ): Promise<void> => {
    writes += 1;
    // Reads already in flight started before this write ended: later callers must not join them.
    inFlight.clear();
    const tags = tagsOfWrite(method, args, response);
    for (const tag of tags) await store.set(versionKey(tag), freshVersion(), versionTtlMs);
    observer?.invalidated(method);
  };

  const write = async <T extends SlackEnvelope>(
    method: SlackMethod,
    args: SlackArgs,
    token: string,
  ): Promise<T> => {
    writes += 1;
    try {
      const response = await inner.call<T>(method, args, token);
      await serially(() => invalidate(method, args, response));
      return response;
    } catch (error) {
      // A 429 was never executed; anything else (even ok:false, e.g. an invite that reached some
      // users) may have changed something.
      if (!(error instanceof SlackRateLimitedError)) {
        await serially(() => invalidate(method, args, undefined));
      }
      throw error;
    }
  };

  return {
    call<T extends SlackEnvelope>(method: SlackMethod, args: SlackArgs, token: string): Promise<T> {
      const type = cacheTypeOf(method);
      if (type === undefined) return write<T>(method, args, token);
      if (ttls[type] <= 0) return inner.call<T>(method, args, token);
      return read<T>(type, method, args, token);
    },
    provenanceOf: (response) => provenance.get(response),
    isCurrent: (versions) => isCurrent(versions).catch(() => false),
  };
}

/** Arguments as Slack receives them: sorted by name, `undefined` dropped, values stringified. */
export function canonicalArgs(args: SlackArgs): string {
  const entries = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => [name, String(value)])
    .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : a === b ? 0 : 1));
  return JSON.stringify(entries);
}
