import type { Logger } from 'pino';
import type { CacheTtls } from './cache/cache-policy.js';
import type { CacheStore } from './cache/cache-store.js';
import {
  type CachingSlackApi,
  createCachingSlackApi,
  invalidateEverything,
} from './cache/caching-slack-api.js';
import { createMemoryStore } from './cache/memory-store.js';
import { createRedisStore } from './cache/redis-store.js';
import type { ResponseCacheOptions } from './cache/response-cache-plugin.js';
import {
  createUserDirectory,
  type UserDirectory,
  userDirectoryTtlMs,
} from './cache/user-directory.js';
import { createGrantedScopes } from './cache/user-directory-scopes.js';
import type { Config } from './config.js';
import { createInstrumentedSlackApi } from './observability/instrumented-slack-api.js';
import type { GatewayMetrics } from './observability/metrics.js';
import type { GatewayTracing } from './observability/tracing.js';
import { createFailoverStore } from './shared-state/failover-store.js';
import type { SharedStateConnection } from './shared-state/redis-connection.js';
import { createSharedFlights } from './shared-state/shared-flights.js';
import { rememberBadTokens } from './slack/bad-tokens.js';
import { createCircuitBreaker } from './slack/circuit-breaker.js';
import { createSlackClient, type SlackClient } from './slack/client.js';
import { createGovernor, type Governor } from './slack/governor/governor.js';
import { createRateTable, type RateTable } from './slack/governor/rate-table.js';
import { createRedisGovernor } from './slack/governor/redis-governor.js';
import { createWorkspaceResolver } from './slack/governor/workspace-resolver.js';
import type { RetryPolicy } from './slack/retry.js';
import type { SlackApi } from './slack/slack-api.js';
import type { SlackAuthTestResponse } from './slack/wire-types.js';

/** The Slack side of a gateway: the client it must close, and the layers on top of it. */
export interface SlackStack {
  client: SlackClient;
  /** The outermost layer: what the loaders call. */
  slack: SlackApi;
  responseCache: ResponseCacheOptions | undefined;
  userDirectory: UserDirectory | undefined;
  /** Calls per rate window of each method, with the governor on (one operation takes no more). */
  rateTable: RateTable | undefined;
  /** The cross-request cache, which Slack events invalidate; absent when caching is off. */
  cache: CachingSlackApi | undefined;
}

/**
 * The Slack side, outermost first: bad tokens (a refused token is refused again without a call)
 * → cache (answers across requests, shares calls in flight,
 * invalidates after writes) → call spans (tracing on) → metrics → client (pool, retries) with
 * the governor pacing each attempt. The governor finds a token's workspace with auth.test
 * through the outermost layer, so that call is cached and shared with the loaders' own auth.test.
 */
export function createSlackStack(
  config: Config,
  retryPolicy: RetryPolicy,
  log: Logger,
  metrics: GatewayMetrics,
  tracing: GatewayTracing | undefined,
  sharedState?: SharedStateConnection,
  circuitClock?: () => number,
): SlackStack {
  let outermost: SlackApi | undefined;
  // The user directory (cache on, users TTL > 0) keys on the scopes Slack reports per token.
  const { slack, governor: pacing, cache } = config;
  const directoryTtlMs = cache.enabled ? userDirectoryTtlMs(cache.ttls) : 0;
  const grantedScopes =
    directoryTtlMs > 0 ? createGrantedScopes({ ttlMs: directoryTtlMs }) : undefined;
  const rateTable = pacing.enabled
    ? createRateTable({
        windowMs: pacing.windowMs,
        overrides: pacing.rateLimitOverrides,
        unlistedApp: slack.unlistedApp,
      })
    : undefined;
  const governor = rateTable
    ? createStackGovernor(config, rateTable, metrics, sharedState, () => outermost as SlackApi)
    : undefined;
  const client = createSlackClient({
    baseUrl: slack.apiUrl,
    maxConnections: slack.maxConnections,
    timeoutMs: slack.timeoutMs,
    retryPolicy: {
      ...retryPolicy,
      maxRetries: slack.maxRetries,
      maxTotalWaitMs: slack.maxRetryWaitMs,
    },
    logger: {
      warn: (message) => log.warn({ component: 'slack-client' }, message),
      debug: (message) => log.debug({ component: 'slack-client' }, message),
    },
    governor,
    circuitBreaker: createCircuitBreaker({
      failureThreshold: slack.circuitFailures,
      cooldownMs: slack.circuitCooldownMs,
      now: circuitClock,
    }),
    onGrantedScopes: grantedScopes?.record,
  });
  const measured = createInstrumentedSlackApi(client, metrics);
  // Call spans below the cache: each is a call Slack saw; cache answers are span events.
  const instrumented = tracing === undefined ? measured : tracing.traceSlack(measured);
  const cacheObserver = tracing === undefined ? metrics.cache : tracing.traceCache(metrics.cache);
  if (!cache.enabled) {
    outermost = rememberBadTokens(instrumented);
    return {
      client,
      slack: outermost,
      responseCache: undefined,
      userDirectory: undefined,
      rateTable,
      cache: undefined,
    };
  }
  // Each cache gets its own bounded memory store, so a large workspace's users never evict
  // Slack answers; in a fleet, these are the fallback while Redis is unreachable.
  const createStore = (): CacheStore => {
    const local = (): CacheStore => createMemoryStore(cache);
    if (sharedState === undefined) return local();
    return createFailoverStore(sharedState, createRedisStore(sharedState.redis), local);
  };
  // Writes during an outage bumped versions only locally: nothing shared from before may serve.
  sharedState?.onRestored((redis) => invalidateEverything(createRedisStore(redis)));
  const store = createStore();
  const caching = createCachingSlackApi(instrumented, {
    store,
    ttls: slack.unlistedApp ? unlistedAppTtls(cache.ttls) : cache.ttls,
    observer: cacheObserver,
    // A claim outlives the longest a miss may take: its governor wait, then its attempts.
    flights:
      sharedState === undefined
        ? undefined
        : createSharedFlights(
            sharedState,
            pacing.maxWaitMs + (slack.maxRetries + 1) * slack.timeoutMs,
          ),
  });
  // A token Slack refused is refused again without a call, for a minute (src/slack/bad-tokens.ts).
  outermost = rememberBadTokens(caching);
  const responseCache = cache.responsesEnabled
    ? { store, provenance: caching, observer: cacheObserver }
    : undefined;
  const userDirectory =
    grantedScopes === undefined
      ? undefined
      : createUserDirectory({
          store: createStore(),
          ttlMs: directoryTtlMs,
          scopes: grantedScopes,
          provenance: caching,
          observer: cacheObserver,
        });
  return { client, slack: outermost, responseCache, userDirectory, rateTable, cache: caching };
}

/**
 * The in-process governor, or in a fleet the one whose budgets live in Redis. It finds a token's
 * workspace with auth.test through the outermost layer (`slack()`), so that call is cached.
 */
function createStackGovernor(
  config: Config,
  limits: RateTable,
  metrics: GatewayMetrics,
  sharedState: SharedStateConnection | undefined,
  slack: () => SlackApi,
): Governor {
  const options = {
    limits,
    workspaces: createWorkspaceResolver({
      authTest: (token) => slack().call<SlackAuthTestResponse>('auth.test', {}, token),
    }),
    maxWaitMs: config.governor.maxWaitMs,
    observer: metrics.governor,
  };
  if (sharedState === undefined) return createGovernor(options);
  // A permit left unsettled by a replica that died mid-call frees after two attempt timeouts.
  return createRedisGovernor({
    ...options,
    connection: sharedState,
    leaseMs: 2 * config.slack.timeoutMs,
  });
}

/**
 * An unlisted app may read history and replies once a minute (https://docs.slack.dev/apis/web-api/rate-limits), so keeping a
 * page for a minute costs no freshness, and a client walking it with a small `first` never waits
 * a minute for the page it is reading again.
 */
function unlistedAppTtls(ttls: CacheTtls): CacheTtls {
  if (ttls.history <= 0) return ttls;
  return Object.freeze({ ...ttls, history: Math.max(ttls.history, UNLISTED_APP_WINDOW_S) });
}

const UNLISTED_APP_WINDOW_S = 60;
