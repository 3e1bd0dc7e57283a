import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { createCachingSlackApi } from './cache/caching-slack-api.js';
import { createMemoryStore } from './cache/memory-store.js';
import type { ResponseCacheOptions } from './cache/response-cache-plugin.js';
import {
  createUserDirectory,
  type UserDirectory,
  userDirectoryTtlMs,
} from './cache/user-directory.js';
import { createGrantedScopes } from './cache/user-directory-scopes.js';
import { loadClientOptions } from './clients/client-options.js';
import type { Config } from './config.js';
import { createCursorSealer } from './graphql/cursor-seal.js';
import { schema } from './graphql/schema.js';
import { createReadiness } from './lifecycle/readiness.js';
import { createInstrumentedSlackApi } from './observability/instrumented-slack-api.js';
import { createGatewayLogger, toLevelLogger } from './observability/logger.js';
import { createMetrics, type GatewayMetrics } from './observability/metrics.js';
import type { GatewayTracing } from './observability/tracing.js';
import { type RunningServer, startServer } from './server.js';
import { createCircuitBreaker } from './slack/circuit-breaker.js';
import { createSlackClient, type SlackClient } from './slack/client.js';
import { createGovernor } from './slack/governor/governor.js';
import { createRateTable } from './slack/governor/rate-table.js';
import { createWorkspaceResolver } from './slack/governor/workspace-resolver.js';
import { defaultRetryPolicy, type RetryPolicy } from './slack/retry.js';
import type { SlackApi } from './slack/slack-api.js';
import type { SlackAuthTestResponse } from './slack/wire-types.js';
import { createGateway, GRAPHQL_PATH } from './yoga.js';

export interface StartGatewayOptions {
  /**
   * Backoff shape of Slack retries; its bounds are replaced by `slackMaxRetries` and
   * `slackMaxRetryWaitMs` from the config.
   * @default defaultRetryPolicy
   */
  retryPolicy?: RetryPolicy;
}

/** A listening gateway and everything it owns. */
export interface RunningGateway {
  /** e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  readonly server: RunningServer;
  /** The gateway's Prometheus metrics (also served at `config.metricsPath`). */
  readonly metrics: GatewayMetrics;
  /**
   * Graceful shutdown: `/readyz` turns 503 at once; after `shutdownDelayMs` the listener closes,
   * in-flight requests get `shutdownGraceMs` to finish, then the Slack connection pool closes.
   */
  close(): Promise<void>;
}

/**
 * Wires config → Slack client → yoga → HTTP server and starts listening. Used by `npm start`
 * (src/main.ts) and by the test helper, so tests run the real composition.
 */
export async function startGateway(
  config: Config,
  { retryPolicy = defaultRetryPolicy }: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const clients = await loadClientOptions(config);
  const log = createGatewayLogger({ level: config.logLevel });
  const levelLogger = toLevelLogger(log);
  const metrics = createMetrics();
  const tracing = config.tracingEnabled ? await startGatewayTracing(config, log) : undefined;
  const { client, slack, responseCache, userDirectory } = createSlackStack(
    config,
    retryPolicy,
    log,
    metrics,
    tracing,
  );
  const readiness = createReadiness();
  const yoga = createGateway({
    schema,
    slack,
    config,
    hardening: {
      limits: {
        maxDepth: config.maxQueryDepth,
        maxAliases: config.maxAliases,
        maxDirectives: config.maxDirectives,
        maxFields: config.maxFields,
        maxTokens: config.maxTokens,
        slackCallBudget: config.slackCallBudget,
      },
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      readiness,
      cursorSealer:
        config.cursorSecret === undefined
          ? undefined
          : createCursorSealer(Buffer.from(config.cursorSecret)),
    },
    observability: { metrics, logger: log, levelLogger, metricsPath: config.metricsPath },
    clients,
    responseCache,
    userDirectory,
    tracing: tracing?.plugin,
  });
  let server: RunningServer;
  try {
    server = await startServer(yoga, { port: config.port, host: config.host });
  } catch (error) {
    await client.close();
    await tracing?.shutdown();
    throw error;
  }
  return {
    url: `${server.origin}${GRAPHQL_PATH}`,
    server,
    metrics,
    async close() {
      readiness.drain();
      if (config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs);
      await server.close(config.shutdownGraceMs);
      await client.close();
      await tracing?.shutdown();
    },
  };
}

/**
 * Tracing's OpenTelemetry SDK and exporter are imported only when it is on: off, no span code
 * runs and none is loaded.
 */
async function startGatewayTracing(config: Config, log: Logger): Promise<GatewayTracing> {
  const { startTracing } = await import('./observability/tracing.js');
  return startTracing(config, {
    warn: (message) => log.warn({ component: 'tracing' }, message),
  });
}

/**
 * The Slack side, outermost first: cache (answers across requests, shares calls in flight,
 * invalidates after writes) → call spans (tracing on) → metrics → client (pool, retries) with
 * the governor pacing each attempt. The governor finds a token's workspace with auth.test
 * through the outermost layer, so that call is cached and shared with the loaders' own auth.test.
 */
function createSlackStack(
  config: Config,
  retryPolicy: RetryPolicy,
  log: Logger,
  metrics: GatewayMetrics,
  tracing: GatewayTracing | undefined,
): {
  client: SlackClient;
  slack: SlackApi;
  responseCache: ResponseCacheOptions | undefined;
  userDirectory: UserDirectory | undefined;
} {
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
    ttls: config.cacheTtls,
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
