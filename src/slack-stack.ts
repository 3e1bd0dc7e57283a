import type { Logger } from 'pino';
import type { CacheTtls } from './cache/cache-policy.js';
import { createCachingSlackApi } from './cache/caching-slack-api.js';
import { createMemoryStore } from './cache/memory-store.js';
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
import { createCircuitBreaker } from './slack/circuit-breaker.js';
import { createSlackClient, type SlackClient } from './slack/client.js';
import { createGovernor } from './slack/governor/governor.js';
import { createRateTable } from './slack/governor/rate-table.js';
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
}

/**
 * The Slack side, outermost first: cache (answers across requests, shares calls in flight,
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
): SlackStack {
  let outermost: SlackApi | undefined;
  // The user directory (cache on, users TTL > 0) keys on the scopes Slack reports per token.
  const directoryTtlMs = config.cacheEnabled ? userDirectoryTtlMs(config.cacheTtls) : 0;
  const grantedScopes =
    directoryTtlMs > 0 ? createGrantedScopes({ ttlMs: directoryTtlMs }) : undefined;
  const governor = config.governorEnabled
    ? createGovernor({
        limits: createRateTable({
          windowMs: config.rateWindowMs,
          overrides: config.rateLimitOverrides,
          unlistedApp: config.unlistedApp,
        }),
        workspaces: createWorkspaceResolver({
          authTest: (token) =>
            (outermost as SlackApi).call<SlackAuthTestResponse>('auth.test', {}, token),
        }),
        maxWaitMs: config.rateMaxWaitMs,
        observer: metrics.governor,
      })
    : undefined;
  const client = createSlackClient({
    baseUrl: config.slackApiUrl,
    maxConnections: config.slackMaxConnections,
    timeoutMs: config.slackTimeoutMs,
    retryPolicy: {
      ...retryPolicy,
      maxRetries: config.slackMaxRetries,
      maxTotalWaitMs: config.slackMaxRetryWaitMs,
    },
    logger: { warn: (message) => log.warn({ component: 'slack-client' }, message) },
    governor,
    circuitBreaker: createCircuitBreaker({
      failureThreshold: config.slackCircuitFailures,
      cooldownMs: config.slackCircuitCooldownMs,
    }),
    onGrantedScopes: grantedScopes?.record,
  });
  const measured = createInstrumentedSlackApi(client, metrics);
  // Call spans below the cache: each is a call Slack saw; cache answers are span events.
  const instrumented = tracing === undefined ? measured : tracing.traceSlack(measured);
  const cacheObserver = tracing === undefined ? metrics.cache : tracing.traceCache(metrics.cache);
  if (!config.cacheEnabled) {
    outermost = instrumented;
    return { client, slack: outermost, responseCache: undefined, userDirectory: undefined };
  }
  const store = createMemoryStore({
    maxEntries: config.cacheMaxEntries,
    maxBytes: config.cacheMaxBytes,
  });
  const caching = createCachingSlackApi(instrumented, {
    store,
    ttls: config.unlistedApp ? unlistedAppTtls(config.cacheTtls) : config.cacheTtls,
    observer: cacheObserver,
  });
  outermost = caching;
  const responseCache = config.responseCacheEnabled
    ? { store, provenance: caching, observer: cacheObserver }
    : undefined;
  // Its own store (same bounds as the cache's), so a large workspace never evicts Slack answers.
  const userDirectory =
    grantedScopes === undefined
      ? undefined
      : createUserDirectory({
          store: createMemoryStore({
            maxEntries: config.cacheMaxEntries,
            maxBytes: config.cacheMaxBytes,
          }),
          ttlMs: directoryTtlMs,
          scopes: grantedScopes,
          provenance: caching,
          observer: cacheObserver,
        });
  return { client, slack: outermost, responseCache, userDirectory };
}

/**
 * An unlisted app may read history and replies once a minute (REFERENCE.md §3.6), so keeping a
 * page for a minute costs no freshness, and a client walking it with a small `first` never waits
 * a minute for the page it is reading again.
 */
function unlistedAppTtls(ttls: CacheTtls): CacheTtls {
  if (ttls.history <= 0) return ttls;
  return Object.freeze({ ...ttls, history: Math.max(ttls.history, UNLISTED_APP_WINDOW_S) });
}

const UNLISTED_APP_WINDOW_S = 60;
