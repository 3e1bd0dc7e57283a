import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SharedStateConnection } from '../../shared-state/redis-connection.js';
import { SlackRateLimitedError } from '../errors.js';
import type { SlackToken } from '../slack-token.js';
import type { Permit } from './bucket.js';
import { bucketScope } from './bucket-scope.js';
import { createGovernor, type Governor, type GovernorObserver } from './governor.js';
import type { BucketLimit, RateTable } from './rate-table.js';
import type { WorkspaceResolver } from './workspace-resolver.js';

export interface RedisGovernorOptions {
  connection: SharedStateConnection;
  /** Budget per method, for the whole fleet. */
  limits: RateTable;
  workspaces: WorkspaceResolver;
  /** The longest a call may wait for its budget. @default 10_000 */
  maxWaitMs?: number;
  /**
   * How long a permit may stay unsettled before its slot counts as answered (a replica that died
   * mid-call); at least one attempt's timeout. @default 30_000
   */
  leaseMs?: number;
  observer?: GovernorObserver;
}

/**
 * The slots of one (workspace, method) bucket, in a sorted set scored by when each slot frees:
 * a call in flight (`f:` member) frees no sooner than a window after its answer, so its score is
 * a lease + window until it is settled; an answered call (`a:` member) frees a window after its
 * answer. The pause after a 429 is a key that expires with the Retry-After. Times are Redis's own
 * clock (`TIME`), so replicas' clocks never matter.
 *
 * ACQUIRE (KEYS: slots, pause; ARGV: calls, windowMs, leaseMs, id, position, take): drops freed
 * slots; if `take` and the bucket is neither paused nor full, adds `f:id` and answers {1, 0};
 * otherwise answers {0, ms until the caller at queue `position` could be sent}, estimated as the
 * in-process bucket does (src/slack/governor/bucket.ts `estimate`).
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local calls, window, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local position = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local paused = redis.call('PTTL', KEYS[2])
local start = now
if paused > 0 then start = now + paused end
local slots = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
if ARGV[6] == '1' and paused <= 0 and #slots / 2 < calls then
  redis.call('ZADD', KEYS[1], now + lease + window, 'f:' .. ARGV[4])
  redis.call('PEXPIRE', KEYS[1], lease + window)
  return {1, 0}
end
local frees = {}
for i = 1, #slots, 2 do
  local at = tonumber(slots[i + 1])
  if string.sub(slots[i], 1, 2) == 'f:' then at = now + window end
  if at > start then table.insert(frees, at) end
end
table.sort(frees)
local free = calls - #frees
local rounds = 0
while position >= calls and position >= free + #frees do
  position = position - calls
  rounds = rounds + 1
end
local eta = start
if position >= free then eta = math.max(start, frees[position - free + 1]) end
return {0, eta + rounds * window - now}
`;

/**
 * SETTLE (KEYS: slots, pause; ARGV: id, windowMs, leaseMs, retryAfterMs): the call `id` was
 * answered now; with a Retry-After, the bucket pauses for it on every replica (never shorter than
 * a pause already running).
 */
const SETTLE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local window, lease, retry = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREM', KEYS[1], 'f:' .. ARGV[1])
redis.call('ZADD', KEYS[1], now + window, 'a:' .. ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease + window)
if retry > 0 and redis.call('PTTL', KEYS[2]) < retry then
  redis.call('SET', KEYS[2], '1', 'PX', retry)
end
return 1
`;

interface Waiter {
  readonly token: SlackToken;
  readonly enqueuedAt: number;
  readonly resolve: (permit: Permit | Promise<Permit>) => void;
  readonly reject: (error: SlackRateLimitedError) => void;
}

/**
 * A governor whose budgets are shared by every replica through Redis: one budget per (workspace,
 * method) for the fleet, the same rule as the in-process governor (a slot is held from send until
 * a window after the answer), a 429 pausing the bucket on every replica for its Retry-After.
 *
 * Our own Lua rather than rate-limiter-flexible: its Redis limiter counts points in fixed
 * windows from the moment of consumption, which can let Slack see twice the budget across a
 * window boundary and cannot hold a slot from send to answer + window, nor say when the N-th
 * waiter could go.
 *
 * Waiting calls queue in this process (FIFO per bucket); the head asks Redis for a slot and
 * sleeps for the estimated wait when there is none. While Redis is unreachable, calls go to an
 * in-process governor holding this replica's share of each budget (budget ÷ replicas last seen).
 */
export function createRedisGovernor({
  connection,
  limits,
  workspaces,
  maxWaitMs = 10_000,
  leaseMs = 30_000,
  observer,
}: RedisGovernorOptions): Governor {
  const redis = connection.redis;
  const queues = new Map<string, Waiter[]>();
  let local: { outage: number; governor: Governor } | undefined;

  /** The in-process fallback of the current outage, sized to this replica's share. */
  const fallback = (): Governor => {
    if (local?.outage !== connection.outage) {
      const replicas = connection.replicas;
      const share = (method: string): BucketLimit => {
        const limit = limits(method);
        return { calls: Math.max(1, Math.floor(limit.calls / replicas)), windowMs: limit.windowMs };
      };
      local = {
        outage: connection.outage,
        governor: createGovernor({ limits: share, workspaces, maxWaitMs, observer }),
      };
    }
    return local.governor;
  };

  const acquire = async (
    keys: [string, string],
    limit: BucketLimit,
    id: string,
    position: number,
    take: boolean,
  ): Promise<{ granted: boolean; waitMs: number }> => {
    const [granted, waitMs] = (await redis.eval(
      ACQUIRE,
      2,
      ...keys,
      limit.calls,
      limit.windowMs,
      leaseMs,
      id,
      position,
      take ? 1 : 0,
    )) as [number, number];
    return { granted: granted === 1, waitMs };
  };

  const permit = (
    method: string,
    keys: [string, string],
    limit: BucketLimit,
    id: string,
  ): Permit => {
    let settled = false;
    const settle = (retryAfterMs: number): void => {
      if (settled) return;
      settled = true;
      // A lost settle leaves the slot leased until it expires: slower, never over budget.
      redis
        .eval(SETTLE, 2, ...keys, id, limit.windowMs, leaseMs, retryAfterMs)
        .catch((error: unknown) => connection.failed(error));
    };
    return {
      release: () => settle(0),
      rateLimited: (retryAfterMs) => {
        observer?.rateLimited(method);
        settle(Math.max(1, Math.ceil(retryAfterMs)));
      },
    };
  };

  const tooLong = (method: string, waitMs: number): SlackRateLimitedError => {
    observer?.rejected(method);
    return new SlackRateLimitedError(method, Math.max(1, Math.ceil(waitMs / 1_000)));
  };

  /** Serves the head of a bucket's queue until it is empty; one pump per bucket at a time. */
  const pump = async (
    bucket: string,
    queue: Waiter[],
    method: string,
    keys: [string, string],
    limit: BucketLimit,
  ): Promise<void> => {
    for (;;) {
      if (queue.length === 0) {
        // In the same turn as the last check: a new caller then starts a queue of its own.
        queues.delete(bucket);
        return;
      }
      const head = queue[0] as Waiter;
      const id = randomBytes(8).toString('hex');
      let answer: { granted: boolean; waitMs: number };
      try {
        answer = await acquire(keys, limit, id, 0, true);
      } catch (error) {
        connection.failed(error);
        // Everyone waiting here continues on this replica's local share.
        for (const waiter of queue.splice(0)) {
          observer?.queueChanged(method, -1);
          waiter.resolve(fallback().admit(method, waiter.token));
        }
        queues.delete(bucket);
        return;
      }
      const waited = performance.now() - head.enqueuedAt;
      if (answer.granted) {
        queue.shift();
        observer?.queueChanged(method, -1);
        observer?.admitted(method, waited);
        head.resolve(permit(method, keys, limit, id));
      } else if (waited + answer.waitMs > maxWaitMs) {
        queue.shift();
        observer?.queueChanged(method, -1);
        head.reject(tooLong(method, answer.waitMs));
      } else {
        // Never longer than a window: another replica's answers may free a slot sooner.
        await sleep(Math.max(1, Math.min(answer.waitMs, limit.windowMs)), undefined, {
          ref: false,
        });
      }
    }
  };

  return {
    async admit(method, token) {
      if (!connection.shared) return fallback().admit(method, token);
      const scope = await bucketScope(method, token, workspaces);
      const bucket = `gov:${scope}:${method}`;
      const keys: [string, string] = [`${bucket}:slots`, `${bucket}:pause`];
      const limit = limits(method);
      const position = queues.get(bucket)?.length ?? 0;
      const id = randomBytes(8).toString('hex');
      try {
        const answer = await acquire(keys, limit, id, position, position === 0);
        if (answer.granted) {
          observer?.admitted(method, 0);
          return permit(method, keys, limit, id);
        }
        if (answer.waitMs > maxWaitMs) throw tooLong(method, answer.waitMs);
      } catch (error) {
        if (error instanceof SlackRateLimitedError) throw error;
        connection.failed(error);
        return fallback().admit(method, token);
      }
      return new Promise<Permit>((resolve, reject) => {
        const waiter: Waiter = { token, enqueuedAt: performance.now(), resolve, reject };
        observer?.queueChanged(method, 1);
        const queue = queues.get(bucket);
        if (queue !== undefined) {
          queue.push(waiter);
          return;
        }
        const started = [waiter];
        queues.set(bucket, started);
        void pump(bucket, started, method, keys, limit);
      });
    },
  };
}
