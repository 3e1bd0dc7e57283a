import type { SlackToken } from '../slack-token.js';
import { Bucket, type Permit } from './bucket.js';
import { bucketScope, knownBucketScope } from './bucket-scope.js';
import { type Clock, systemClock } from './clock.js';
import type { RateTable } from './rate-table.js';
import type { WorkspaceResolver } from './workspace-resolver.js';

export type { Permit } from './bucket.js';

/** What the governor reports, for metrics; labels are method names only (never a token). */
export interface GovernorObserver {
  /** A call of `method` got its permit after `waitedMs`. */
  admitted(method: string, waitedMs: number): void;
  /** A call of `method` was refused because its wait would exceed the deadline. */
  rejected(method: string): void;
  /** Calls of `method` waiting, over all workspaces, changed by `delta`. */
  queueChanged(method: string, delta: 1 | -1): void;
  /** Slack answered a call of `method` with 429. */
  rateLimited(method: string): void;
}

/**
 * Paces Slack calls per (workspace, method): a call asks for a permit before each attempt and
 * settles it afterwards (see src/slack/client.ts `gate`).
 */
export interface Governor {
  /**
   * Waits for the budget of `method` in the token's workspace. Rejects with
   * `SlackRateLimitedError` (→ `RATE_LIMITED` with `extensions.retryAfter`) instead of waiting
   * longer than the deadline.
   */
  admit(method: string, token: SlackToken, signal?: AbortSignal): Promise<Permit>;
  /**
   * A permit at once when the token's workspace is known and its bucket can send now with nobody
   * queued; `undefined` otherwise (then `admit`). A call admitted so leaves in the turn it was
   * made: calls started together (200 members pages) leave together instead of a promise hop
   * apart, behind whatever else the turn runs (GraphQL walking the nodes that asked for them).
   */
  tryAdmit?(method: string, token: SlackToken): Permit | undefined;
}

export interface GovernorOptions {
  /** Budget per method. */
  limits: RateTable;
  /** Token → workspace, for every method but `auth.test`. */
  workspaces: WorkspaceResolver;
  /**
   * The longest a call may wait for its budget; beyond that it fails fast with `RATE_LIMITED`.
   * @default 10_000
   */
  maxWaitMs?: number;
  /** @default systemClock */
  clock?: Clock;
  observer?: GovernorObserver;
  /**
   * Buckets kept before idle ones are forgotten. A token's own buckets (auth.test, and calls of a
   * token whose workspace is unknown) are forgotten first once nothing waits in them.
   * @default 10_000
   */
  maxBuckets?: number;
}

const NO_OBSERVER: GovernorObserver = {
  admitted: () => {},
  rejected: () => {},
  queueChanged: () => {},
  rateLimited: () => {},
};

/**
 * Creates the governor: one bucket per (workspace, method) in this process (src/slack/governor/
 * bucket-scope.ts says whose budget a call spends). Buckets are bounded (`maxBuckets`) and idle
 * ones forgotten.
 */
export function createGovernor({
  limits,
  workspaces,
  maxWaitMs = 10_000,
  clock = systemClock,
  observer = NO_OBSERVER,
  maxBuckets = 10_000,
}: GovernorOptions): Governor {
  const buckets = new Map<string, Bucket>();
  let sweptAt = clock.now();

  /**
   * Forgets idle buckets once per minute, and whenever there are too many: then also the quiet
   * buckets of single tokens, oldest first (their only state is a per-token pace, which a random
   * token must not be able to make the process keep).
   */
  const sweep = (): void => {
    const now = clock.now();
    if (buckets.size <= maxBuckets && now - sweptAt < 60_000) return;
    sweptAt = now;
    for (const [key, bucket] of buckets) if (bucket.idle()) buckets.delete(key);
    // Down to 90%, so a flood of new tokens sweeps once per thousand buckets, not per bucket.
    for (const [key, bucket] of buckets) {
      if (buckets.size <= maxBuckets * 0.9) break;
      if (key.startsWith('token:') && bucket.quiet()) buckets.delete(key);
    }
  };

  const bucketFor = (scope: string, method: string): Bucket => {
    const key = `${scope}\u0000${method}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = new Bucket(method, limits(method), maxWaitMs, clock, {
        admitted: (waitedMs) => observer.admitted(method, waitedMs),
        rejected: () => observer.rejected(method),
        queueChanged: (delta) => observer.queueChanged(method, delta),
        rateLimited: () => observer.rateLimited(method),
      });
      sweep();
      buckets.set(key, bucket);
    }
    return bucket;
  };

  return {
    async admit(method, token, signal) {
      const scope = await bucketScope(method, token, workspaces);
      return bucketFor(scope, method).acquire(token.hash, signal);
    },
    tryAdmit(method, token) {
      const scope = knownBucketScope(method, token, workspaces);
      return scope === undefined ? undefined : bucketFor(scope, method).tryAcquire(token.hash);
    },
  };
}
