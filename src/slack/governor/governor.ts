import { hashToken } from '../../cache/token-hash.js';
import { Bucket, type Permit } from './bucket.js';
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
  admit(method: string, token: string): Promise<Permit>;
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
}

const NO_OBSERVER: GovernorObserver = {
  admitted: () => {},
  rejected: () => {},
  queueChanged: () => {},
  rateLimited: () => {},
};

/**
 * Creates the governor. Slack buckets limits per method × workspace × app
 * (docs/slack-behaviour.md#rate-limits), so every token of one workspace shares a bucket here too.
 * `auth.test` is what finds a token's workspace, so its own bucket is per token hash; if auth.test
 * fails (a revoked token), the call is paced per token hash and Slack reports the real error.
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
export function createGovernor({
  limits,
  workspaces,
  maxWaitMs = 10_000,
  clock = systemClock,
  observer = NO_OBSERVER,
}: GovernorOptions): Governor {
  const buckets = new Map<string, Bucket>();

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
      buckets.set(key, bucket);
    }
    return bucket;
  };

  return {
    async admit(method, token) {
      let scope: string;
      if (method === 'auth.test') {
        scope = `token:${hashToken(token)}`;
      } else {
        try {
          scope = `team:${await workspaces.resolve(token)}`;
        } catch {
          scope = `token:${hashToken(token)}`;
        }
      }
      return bucketFor(scope, method).acquire();
    },
  };
}
