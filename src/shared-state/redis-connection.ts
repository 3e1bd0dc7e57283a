import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SharedStateConfig } from './shared-state-config.js';

/** What the connection reports, for logs and metrics (never the URL: it may hold a password). */
export interface SharedStateObserver {
  /** `true`: replicas share state through Redis; `false`: this replica runs on local state. */
  changed(shared: boolean, reason: string): void;
}

/**
 * One replica's link to the fleet's Redis, and whether the shared state may be used right now.
 *
 * `shared` is false from the moment Redis fails (a lost connection or any failed command) until
 * Redis answers again AND every `onRestored` hook has run. The hooks are how the caches avoid
 * serving what a write made stale during the outage: writes then bumped versions only locally.
 */
export interface SharedStateConnection {
  /** ioredis with `keyPrefix` set; commands fail fast (no offline queue) while disconnected. */
  readonly redis: Redis;
  /** Whether shared state may be read and written now. */
  readonly shared: boolean;
  /** Increases at the start of every outage: local fallback state from an older one is dropped. */
  readonly outage: number;
  /** Replicas seen alive in the last heartbeat (this one included); kept through an outage. */
  readonly replicas: number;
  /** Whoever saw a shared command fail calls this: the replica goes local until Redis is back. */
  failed(reason: unknown): void;
  /** Local state was written instead of shared state: the `onRestored` hooks must run (again). */
  wroteLocally(): void;
  /** Runs (with shared state still off) each time Redis comes back after an outage. */
  onRestored(hook: (redis: Redis) => Promise<void>): void;
  close(): Promise<void>;
}

export interface SharedStateConnectionOptions {
  observer?: SharedStateObserver;
  /** How often a replica renews its membership and counts the others. @default 2_000 */
  heartbeatMs?: number;
  /** How long a first connection may take before the replica starts on local state. @default 2_000 */
  connectTimeoutMs?: number;
}

/** Member → expiry (Redis time) in one sorted set; expired members are dropped on every beat. */
const HEARTBEAT_SCRIPT = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('ZCARD', KEYS[1])
`;

/**
 * Connects to `config.redisUrl`. Resolves once connected, or after `connectTimeoutMs` with the
 * replica on local state (Redis unreachable at start is an outage like any other: the replica
 * serves, and shares again once Redis answers).
 */
export async function connectSharedState(
  config: SharedStateConfig,
  { observer, heartbeatMs = 2_000, connectTimeoutMs = 2_000 }: SharedStateConnectionOptions = {},
): Promise<SharedStateConnection> {
  const redis = new Redis(config.redisUrl, {
    keyPrefix: config.keyPrefix,
    lazyConnect: true,
    // Fail fast while disconnected: callers fall back to local state instead of queueing.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
    connectTimeout: connectTimeoutMs,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
  });
  const member = randomBytes(8).toString('hex');
  const hooks: ((redis: Redis) => Promise<void>)[] = [];
  let shared = false;
  let outage = 0;
  let replicas = 1;
  let closed = false;
  // Whether something may have been served or written locally since the last shared period.
  let diverged = false;
  let restoring: Promise<void> | undefined;

  const goLocal = (reason: string): void => {
    diverged = true;
    if (!shared) return;
    shared = false;
    outage += 1;
    observer?.changed(false, reason);
  };

  const beat = async (): Promise<void> => {
    const count = await redis.eval(HEARTBEAT_SCRIPT, 1, 'replicas', member, heartbeatMs * 3);
    replicas = Math.max(1, Number(count));
  };

  const restore = (): Promise<void> => {
    restoring ??= (async () => {
      try {
        await beat();
        // A local write while the hooks run (the replica is still local) needs them again.
        while (diverged) {
          diverged = false;
          for (const hook of hooks) await hook(redis);
        }
        if (!shared && !closed) {
          shared = true;
          observer?.changed(true, 'connected');
        }
      } catch (error) {
        goLocal(describe(error));
      } finally {
        restoring = undefined;
      }
    })();
    return restoring;
  };

  // ioredis emits 'error' for every failed reconnect; the state change is what gets reported.
  redis.on('error', (error: unknown) => goLocal(describe(error)));
  redis.on('close', () => goLocal('connection closed'));
  redis.on('ready', () => void restore());

  const heartbeat = setInterval(() => {
    if (redis.status !== 'ready') return;
    // A replica that went local on a failed command (connection still up) comes back here.
    if (!shared) void restore();
    else beat().catch((error: unknown) => goLocal(describe(error)));
  }, heartbeatMs);
  heartbeat.unref();

  const connected = redis.connect().then(
    () => restoring,
    () => undefined,
  );
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, connectTimeoutMs).unref());
  await Promise.race([connected, timeout]);
  if (!shared) {
    // Served locally from the start: what this replica writes must be reconciled on connect.
    diverged = true;
    outage += 1;
    observer?.changed(false, 'unreachable at start');
  }

  return {
    redis,
    get shared() {
      return shared && redis.status === 'ready';
    },
    get outage() {
      return outage;
    },
    get replicas() {
      return replicas;
    },
    failed: (reason) => goLocal(describe(reason)),
    wroteLocally: () => {
      diverged = true;
    },
    onRestored: (hook) => {
      hooks.push(hook);
    },
    async close() {
      closed = true;
      clearInterval(heartbeat);
      await restoring;
      if (redis.status === 'ready') {
        await redis.zrem('replicas', member).catch(() => undefined);
        await redis.quit().catch(() => undefined);
      }
      redis.disconnect();
    },
  };
}

/** An error's message, without anything that could name the server's credentials. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\/\/[^@\s]*@/g, '//');
}
