import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { callKey } from '../slack/form.js';
import type { CacheType, SlackMethod } from '../slack/methods.js';
import type { SlackApi, SlackArgs, SlackCallOptions } from '../slack/slack-api.js';
import type { SlackToken } from '../slack/slack-token.js';
import type { SlackAuthTestResponse, SlackEnvelope } from '../slack/wire-types.js';
import { mayHaveWritten } from '../slack/write-outcome.js';
import {
  ALL_TAG,
  type CacheTtls,
  cacheTypeOf,
  DEFAULT_CACHE_TTLS,
  tagsOfRead,
  tagsOfWrite,
  tokenTag,
} from './cache-policy.js';
import type { CacheStore } from './cache-store.js';
import type { Provenance, ReadProvenance } from './provenance.js';
import { type SharedCall, shareCall } from './shared-call.js';

/** How a read was served, for metrics. */
export type CacheResult = 'hit' | 'miss' | 'shared';

/** What the cache reports; labels are types and method names, never tokens. */
export interface CacheObserver {
  /**
   * `response`: a whole GraphQL response (src/cache/response-cache-plugin.ts); `repeat_request`:
   * a request's bytes looked up before parsing (src/http/repeat-fast-path.ts); `user_directory`:
   * one user looked up in the shared user directory (src/cache/user-directory.ts).
   */
  lookup(
    type: CacheType | 'response' | 'repeat_request' | 'user_directory',
    result: CacheResult,
  ): void;
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
  /**
   * Other processes sharing `store` (a fleet): a miss another replica is already reading waits
   * for that replica's entry instead of calling Slack again.
   */
  flights?: SharedFlights;
}

/** Who is calling Slack for a cache key, across processes that share a store. */
export interface SharedFlights {
  /** Claims `key` for this process; false when another process holds it. */
  claim(key: string): Promise<boolean>;
  /** Whether some process still holds `key` (its answer is not stored yet). */
  held(key: string): Promise<boolean>;
  /** Gives `key` up once its answer is stored (or failed). */
  release(key: string): Promise<void>;
}

/** How often a miss waiting for another process's answer looks for it. */
const SHARED_FLIGHT_POLL_MS = 15;

/** A cached answer, the tag versions it was read under, and when it stops being served. */
interface Entry extends Provenance {
  response: SlackEnvelope;
}

/** A Slack call in flight, and the tag versions its answer will be stored under. */
interface Flight {
  call: SharedCall;
  versions: Promise<Readonly<Record<string, string>> | undefined>;
}

/**
 * A `SlackApi` whose answers say what cached state they came from (src/cache/read-log.ts), and
 * whose entries a change seen elsewhere (a Slack event) can drop by tag.
 */
export interface CachingSlackApi extends SlackApi, ReadProvenance {
  /**
   * Stops serving every token's entries carrying one of `tags` (src/cache/cache-policy.ts), and
   * keeps reads already in flight from storing or sharing their possibly older answers.
   */
  invalidateTags(tags: readonly string[]): Promise<void>;
  /**
   * Stops serving every entry of the tokens of these users or bots (Slack's `tokens_revoked`
   * names users, not tokens): the tokens this cache saw answer `auth.test` as one of them (the
   * governor asks it of every token before its first call). A user none of whose tokens the
   * cache knows may still have entries under a token it never identified: then everything goes.
   */
  invalidateTokensOf(userIds: readonly string[]): Promise<void>;
}

const KEY_PREFIX = 's1:';
const VERSION_TTL_MS = 86_400_000;

const versionKey = (tag: string): string => `${KEY_PREFIX}tag:${tag}`;
/** The token hashes `auth.test` answered as one user or bot, newest last. */
const ownerKey = (userId: string): string => `${KEY_PREFIX}owner:${userId}`;
/** Tokens remembered per user: a user holds one per app install, rarely more. */
const MAX_TOKENS_PER_OWNER = 32;

/**
 * Makes every entry `store` holds unservable at once: a fresh version of the tag every entry
 * carries (a replica that comes back from a Redis outage, during which its writes bumped
 * versions only locally). Whole responses carry their answers' tags, so they go too.
 */
export function invalidateEverything(store: CacheStore): Promise<void> {
  return store.set(versionKey(ALL_TAG), `reset.${randomBytes(8).toString('hex')}`, VERSION_TTL_MS);
}

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
 *   no token stored. A Redis store can keep the same layout (docs/operations.md#cache).
 * - A read whose Slack call overlapped a write in this process is not stored, so an answer from
 *   before the write can never be cached after it.
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
export function createCachingSlackApi(
  inner: SlackApi,
  { store, ttls = DEFAULT_CACHE_TTLS, observer, now = Date.now, flights }: CachingSlackApiOptions,
): CachingSlackApi {
  const inFlight = new Map<string, Flight>();
  // Answers served from, or stored in, the cache (by reference, so nothing outlives them).
  const provenance = new WeakMap<SlackEnvelope, Provenance>();
  // Versions outlive every entry; losing one early only turns its entries into misses.
  const versionTtlMs = Math.max(VERSION_TTL_MS, ...Object.values(ttls).map((s) => s * 1_000));
  const nonce = randomBytes(6).toString('hex');
  /** Bumped when a write starts and when it ends: a read spanning a change does not store. */
  let writes = 0;
  let versions = 0;

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

  /**
   * The current version of each tag, minting one for a tag nobody has versioned yet (or whose
   * version was evicted): entries written under a lost version can then never match again.
   */
  const versionsOf = async (tags: readonly string[]): Promise<Record<string, string>> => {
    const current = await store.getMany(tags.map(versionKey));
    const seen: Record<string, string> = {};
    for (const [index, tag] of tags.entries()) {
      let version = current[index];
      if (typeof version !== 'string') {
        // Another process may mint the same tag at once: the first version stored wins.
        const minted = freshVersion();
        const added = await store.add(versionKey(tag), minted, versionTtlMs);
        version = added ? minted : await store.get(versionKey(tag));
        if (typeof version !== 'string') {
          version = minted;
          await store.set(versionKey(tag), version, versionTtlMs);
        }
      }
      seen[tag] = version as string;
    }
    return seen;
  };

  const save = async (
    key: string,
    response: SlackEnvelope,
    versions: Readonly<Record<string, string>>,
    ttlMs: number,
    epoch: number,
  ): Promise<void> => {
    if (epoch !== writes) return;
    const entry: Entry = { response, tags: versions, expiresAt: now() + ttlMs };
    await store.set(key, entry, ttlMs);
    provenance.set(response, entry);
  };

  /**
   * The answer another process is reading for `key`, once it is stored; `undefined` when that
   * process gave up (or its answer is stale for us) and this one must call Slack itself.
   */
  const awaitShared = async (key: string): Promise<SlackEnvelope | undefined> => {
    for (;;) {
      const held = await flights?.held(key).catch(() => false);
      const stored = await lookup(key).catch(() => undefined);
      if (stored !== undefined || !held) return stored;
      await sleep(SHARED_FLIGHT_POLL_MS, undefined, { ref: false });
    }
  };

  /**
   * Calls Slack for a miss and stores the answer under the tag versions read BEFORE the call: a
   * write that bumps one of them afterwards (in this process or, with a shared store, in any
   * replica) leaves the entry unmatched, whichever side of the write Slack answered from.
   */
  /** Remembers that the token `tokenHash` acts as the user (and bot) `auth.test` answered. */
  const recordOwner = async (tokenHash: string, response: SlackEnvelope): Promise<void> => {
    const { user_id: userId, bot_id: botId } = response as Partial<SlackAuthTestResponse>;
    for (const owner of [userId, botId]) {
      if (typeof owner !== 'string' || owner === '') continue;
      const known = await store.get(ownerKey(owner));
      const hashes = Array.isArray(known) ? (known as string[]) : [];
      if (hashes.includes(tokenHash)) continue;
      const kept = [...hashes, tokenHash].slice(-MAX_TOKENS_PER_OWNER);
      await store.set(ownerKey(owner), kept, versionTtlMs);
    }
  };

  const fetch = (
    key: string,
    type: CacheType,
    method: SlackMethod,
    args: SlackArgs,
    token: SlackToken,
    options: SlackCallOptions | undefined,
  ): SharedCall => {
    const epoch = writes;
    const tags = [...tagsOfRead(method, args), tokenTag(token.hash)];
    // A store that fails only costs the entry: the answer is still read and returned.
    const versions = serially(() => versionsOf(tags)).catch(() => undefined);
    // Shared with later identical reads (any request): stopped only when all of them gave up.
    const call = shareCall(method, async (signal) => {
      const seen = await versions;
      const claimed = flights === undefined || (await flights.claim(key).catch(() => true));
      try {
        if (!claimed) {
          const stored = await awaitShared(key);
          if (stored !== undefined) {
            observer?.lookup(type, 'shared');
            options?.ledger?.answeredFromCache(type);
            return stored;
          }
        }
        observer?.lookup(type, 'miss');
        // The request that sent the call is charged for it (attempts, budget for retries).
        const response = await inner.call(method, args, token, { ...options, signal });
        if (method === 'auth.test') {
          await serially(() => recordOwner(token.hash, response)).catch(() => {});
        }
        if (seen !== undefined) {
          await serially(() => save(key, response, seen, ttls[type] * 1_000, epoch)).catch(
            () => {},
          );
        }
        return response;
      } finally {
        if (claimed) await flights?.release(key).catch(() => {});
        if (inFlight.get(key) === flight) inFlight.delete(key);
      }
    });
    const flight: Flight = { call, versions };
    inFlight.set(key, flight);
    return call;
  };

  /** Whether a call in flight may still answer a new caller: no write has bumped its tags. */
  const joinable = async (flight: Flight): Promise<boolean> => {
    const seen = await flight.versions;
    return seen !== undefined && (await isCurrent(seen).catch(() => false));
  };

  const read = async <T extends SlackEnvelope>(
    type: CacheType,
    method: SlackMethod,
    args: SlackArgs,
    token: SlackToken,
    options: SlackCallOptions | undefined,
  ): Promise<T> => {
    const key = `${KEY_PREFIX}${token.hash}:${callKey(method, args)}`;
    // A store that fails (e.g. a remote one that is down) only costs cache hits, never reads.
    const cached = await lookup(key).catch(() => undefined);
    if (cached !== undefined) {
      observer?.lookup(type, 'hit');
      options?.ledger?.answeredFromCache(type);
      return cached as T;
    }
    const pending = inFlight.get(key);
    if (pending !== undefined && (await joinable(pending))) {
      observer?.lookup(type, 'shared');
      options?.ledger?.answeredFromCache(type);
      return pending.call.join<T>(options?.signal);
    }
    return fetch(key, type, method, args, token, options).join<T>(options?.signal);
  };

  const bump = async (tags: readonly string[]): Promise<void> => {
    writes += 1;
    // Reads already in flight started before this change was known: later callers must not
    // join them.
    inFlight.clear();
    for (const tag of tags) await store.set(versionKey(tag), freshVersion(), versionTtlMs);
  };

  const invalidate = async (
    method: SlackMethod,
    args: SlackArgs,
    response: unknown,
  ): Promise<void> => {
    await bump(tagsOfWrite(method, args, response));
    observer?.invalidated(method);
  };

  const write = async <T extends SlackEnvelope>(
    method: SlackMethod,
    args: SlackArgs,
    token: SlackToken,
    options: SlackCallOptions | undefined,
  ): Promise<T> => {
    writes += 1;
    try {
      const response = await inner.call<T>(method, args, token, options);
      await serially(() => invalidate(method, args, response));
      return response;
    } catch (error) {
      // Only a write that may have happened drops entries: a refused one (a random token's
      // invalid_auth, channel_not_found, a 429) changed nothing, and must not empty every
      // token's cache.
      if (mayHaveWritten(error)) await serially(() => invalidate(method, args, undefined));
      throw error;
    }
  };

  return {
    call<T extends SlackEnvelope>(
      method: SlackMethod,
      args: SlackArgs,
      token: SlackToken,
      options?: SlackCallOptions,
    ): Promise<T> {
      const type = cacheTypeOf(method);
      if (type === undefined) return write<T>(method, args, token, options);
      if (ttls[type] <= 0) return inner.call<T>(method, args, token, options);
      return read<T>(type, method, args, token, options);
    },
    provenanceOf: (response) => provenance.get(response),
    invalidateTags: (tags) => serially(() => bump(tags)),
    invalidateTokensOf: (userIds) =>
      serially(async () => {
        const known = await store.getMany(userIds.map(ownerKey));
        if (!known.every(Array.isArray)) return bump([ALL_TAG]);
        const hashes = (known as string[][]).flat();
        await bump([...new Set(hashes)].map(tokenTag));
        await Promise.all(userIds.map((id) => store.delete(ownerKey(id))));
      }),
    isCurrent: (versions) => isCurrent(versions).catch(() => false),
  };
}
