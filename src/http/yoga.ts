import type { IncomingMessage, ServerResponse } from 'node:http';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type ResponseCacheOptions, useResponseCache } from '../cache/response-cache-plugin.js';
import type { UserDirectory } from '../cache/user-directory.js';
import type {
  CacheConfig,
  FrontendsConfig,
  ObservabilityConfig,
  PersistedOperationsMode,
  ServerConfig,
  SlackConfig,
} from '../config.js';
import { slackErrorToGraphQLError } from '../errors.js';
import type { GraphQLContext } from '../graphql/context-type.js';
import type { CursorSealer } from '../graphql/cursor-seal.js';
import type { LiveContext } from '../graphql/subscriptions/live-context.js';
import { useSharedEventExecution } from '../graphql/subscriptions/shared-execution.js';
import type { LevelLogger } from '../observability/logger.js';
import {
  type ObservabilityOptions,
  useObservability,
} from '../observability/observability-plugin.js';
import {
  type OperationLimits,
  useOperationLimits,
} from '../operation-cost/operation-limits-plugin.js';
import { useSlackCost } from '../operation-cost/slack-cost-plugin.js';
import type { SlackApi } from '../slack/slack-api.js';
import { createContext } from './context.js';
import { corsFor, useVaryOrigin } from './cors.js';
import { useCsrfGuard } from './csrf-guard.js';
import { useErrorCodes } from './error-codes-plugin.js';
import {
  graphiqlOptionsFor,
  renderGraphiqlPage,
  useNoFraming,
  useRootRedirect,
} from './graphiql.js';
import { createGraphiqlPageCache } from './graphiql-page-cache.js';
import { useHostGuard } from './host-guard.js';
import { type PersistedDocuments, usePersistedDocuments } from './persisted-documents.js';
import { READY_PATH, type Readiness, useReadiness } from './readiness.js';
import { createRepeatFastPath } from './repeat-fast-path.js';
import { useSettleOnResult } from './request-signal.js';
import { useSimpleRequestGuard } from './simple-request-guard.js';

/** The gateway's HTTP paths. */
export const GRAPHQL_PATH = '/graphql';
const HEALTH_PATH = '/healthz';

/** What frontends and GraphiQL get (src/http/cors.ts, persisted-documents.ts, graphiql.ts). */
export interface ClientOptions {
  /** Persisted documents by sha256, and whether arbitrary documents run too. @default none */
  persisted?: { mode: PersistedOperationsMode; documents: PersistedDocuments };
  /** The embedded emulator's demo token, pre-filled in GraphiQL. @default none */
  demoToken?: string | undefined;
}

export interface GatewayDependencies {
  schema: GraphQLSchema;
  /** The only door to Slack; the loaders of every request call through it. */
  slack: SlackApi;
  /** The parts of the gateway's `Config` yoga reads. */
  config: {
    /** `allowedHosts` unset: any host. */
    server?: Pick<ServerConfig, 'allowedHosts'>;
    frontends: Pick<FrontendsConfig, 'corsOrigins'>;
    slack: Pick<SlackConfig, 'defaultToken'> & Partial<Pick<SlackConfig, 'unlistedApp'>>;
    /** `repeatFastPathEnabled` unset: on with the response cache. */
    cache?: Partial<Pick<CacheConfig, 'repeatFastPathEnabled'>>;
    /** `slackCostExposure`: `extensions.slackCost` (src/operation-cost/slack-cost-plugin.ts). @default never */
    observability: Pick<ObservabilityConfig, 'logLevel'> &
      Partial<Pick<ObservabilityConfig, 'slackCostExposure'>>;
  };
  /** Persisted documents and GraphiQL's demo token. @default arbitrary documents only */
  clients?: ClientOptions;
  /**
   * Metrics (`GET /metrics`), request ids and JSON request logs; `levelLogger` replaces yoga's
   * own logger.
   * @default yoga's console logger, no metrics
   */
  observability?: Omit<ObservabilityOptions, 'routes'> & { levelLogger: LevelLogger };
  /**
   * Operation limits and the Slack-call budget, the request body limit and `/readyz`
   * (src/operation-cost, src/http/readiness.ts).
   * @default no operation limits, yoga's 25 MB body limit, no `/readyz`
   */
  hardening?: {
    limits: OperationLimits;
    maxRequestBodyBytes: number;
    readiness: Readiness;
    /** Seals connection cursors with the configured `CURSOR_SECRET`. @default per process */
    cursorSealer?: CursorSealer | undefined;
    /** Calls of each method one operation may make (the rate bucket's size). @default unlimited */
    slackCallsPerMethod?: ((method: string) => number) | undefined;
    /** Milliseconds an operation may take before its Slack calls are cancelled. @default none */
    operationDeadlineMs?: number | undefined;
  };
  /**
   * Whole query responses kept while the Slack answers they came from stay cached
   * (src/cache/response-cache-plugin.ts).
   * @default off
   */
  responseCache?: ResponseCacheOptions | undefined;
  /** Users shared between tokens of one workspace (src/cache/user-directory.ts). @default off */
  userDirectory?: UserDirectory | undefined;
  /** The operation-span plugin (src/observability/tracing-plugin.ts). @default no tracing */
  tracing?: Plugin | undefined;
  /** Slack events for subscriptions (src/graphql/subscriptions). @default subscriptions fail */
  live?: LiveContext | undefined;
}

/**
 * What yoga's caller hands it besides the request: node:http's `req`/`res` (SSE subscriptions
 * are cut off by destroying `res`), or a WebSocket transport's own `disconnect`.
 */
export interface ServerContext {
  req?: IncomingMessage;
  res?: ServerResponse;
  disconnect?: () => void;
}

export type Gateway = YogaServerInstance<ServerContext, GraphQLContext>;

/**
 * Builds the yoga instance (it never listens; see src/http/server.ts): per-request context, error
 * masking, GraphiQL with inlined assets (works offline), `GET /healthz`, CORS only for the
 * configured origins, and no form-encoded POSTs (cross-site request forgery).
 * @see https://the-guild.dev/graphql/yoga-server/docs/features/error-masking
 */
export function createGateway({
  schema,
  slack,
  config,
  observability,
  hardening,
  clients,
  responseCache,
  userDirectory,
  tracing,
  live,
}: GatewayDependencies): Gateway {
  const graphiqlOptions = graphiqlOptionsFor({ demoToken: clients?.demoToken });
  const graphiqlPage = createGraphiqlPageCache(() => renderGraphiqlPage(graphiqlOptions));
  const plugins: Plugin[] = [];
  // First: a request to a name the gateway does not answer to (DNS rebinding) costs nothing.
  const allowedHosts = config.server?.allowedHosts;
  if (allowedHosts !== undefined) {
    plugins.push(useHostGuard({ allowedHosts, exemptPaths: [HEALTH_PATH, READY_PATH] }));
  }
  plugins.push(
    useSimpleRequestGuard(),
    useRootRedirect(GRAPHQL_PATH),
    useCsrfGuard({
      graphqlPath: GRAPHQL_PATH,
      allowedOrigins: config.frontends.corsOrigins,
      hasDefaultToken: config.slack.defaultToken !== undefined,
    }),
    useErrorCodes(),
    useSettleOnResult(),
    // `@defer` and `@stream`, answered as multipart/mixed (or SSE) to clients that accept it.
    useDeferStream(),
    // Before the Slack-cost plugin, which wraps the subscribe function this one sets.
    useSharedEventExecution({ observe: observability?.metrics.subscriptionEvent }),
    useNoFraming(),
    graphiqlPage.plugin,
  );
  if (config.frontends.corsOrigins.length > 0) plugins.push(useVaryOrigin());
  if (clients?.persisted !== undefined) {
    plugins.push(usePersistedDocuments(clients.persisted.mode, clients.persisted.documents));
  }
  if (hardening !== undefined) {
    plugins.push(
      useReadiness(hardening.readiness),
      useOperationLimits(hardening.limits, { unlistedApp: config.slack.unlistedApp ?? false }),
    );
  }
  if (observability !== undefined) {
    const { metricsPath } = observability;
    const routes = [GRAPHQL_PATH, HEALTH_PATH, ...(metricsPath === undefined ? [] : [metricsPath])];
    plugins.push(useObservability({ ...observability, routes }));
  }
  if (tracing !== undefined) plugins.push(tracing);
  // Before the response cache, which stops execution for a response it answers.
  const slackCostExposure = config.observability.slackCostExposure ?? 'never';
  if (slackCostExposure !== 'never') plugins.push(useSlackCost(slackCostExposure));
  // Last: a cached answer stops execution, after the limits and metrics above have seen it.
  if (responseCache !== undefined && config.cache?.repeatFastPathEnabled === false) {
    plugins.push(useResponseCache(responseCache));
  } else if (responseCache !== undefined) {
    // Its repeats are answered from their bytes, after the guards and metrics' onRequest.
    const fastPath = createRepeatFastPath({
      graphqlPath: GRAPHQL_PATH,
      defaultToken: config.slack.defaultToken,
      provenance: responseCache.provenance,
      maxRequestBodyBytes: hardening?.maxRequestBodyBytes,
      observer: responseCache.observer,
    });
    plugins.push(
      useResponseCache({ ...responseCache, onHit: fastPath.answeredFromCache }),
      fastPath.plugin,
    );
  }
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    context: ({ request, res, disconnect }) =>
      createContext(
        request,
        {
          slack,
          defaultToken: config.slack.defaultToken,
          slackCallBudget: hardening?.limits.slackCallBudget,
          slackCallsPerMethod: hardening?.slackCallsPerMethod,
          deadlineMs: hardening?.operationDeadlineMs,
          cursorSealer: hardening?.cursorSealer,
          responseCache: responseCache?.provenance,
          userDirectory,
          observeBatch: observability?.metrics.observeLoaderBatch,
          live,
          unlistedApp: config.slack.unlistedApp,
        },
        disconnect ?? (res === undefined ? undefined : () => res.destroy()),
      ),
    maxRequestBodySize: hardening?.maxRequestBodyBytes,
    // Batching (several operations in one request) stays off: each request is one operation, so
    // the limits and the Slack-call budget apply per request.
    batching: false,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: HEALTH_PATH,
    landingPage: false,
    logging:
      observability?.levelLogger ??
      (config.observability.logLevel === 'silent' ? false : config.observability.logLevel),
    maskedErrors: { maskError: maskGatewayError, isDev: false },
    graphiql: graphiqlOptions,
    renderGraphiQL: graphiqlPage.render,
    // Off unless origins are listed: with a default token, a page on any origin could otherwise
    // read the caller's Slack data through the gateway.
    cors: corsFor(config.frontends.corsOrigins),
    multipart: false,
    plugins,
  });
}

/**
 * yoga's `maskError`: Slack failures (found as `originalError`, e.g. a loader rejection) become
 * GatewayErrors through the one mapping in src/errors.ts, keeping the field's path and location;
 * GraphQLErrors thrown on purpose pass through; anything else is masked.
 */
function maskGatewayError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const mapped = slackErrorToGraphQLError(original);
  if (mapped === undefined) return maskError(error, message, false);
  if (!(error instanceof GraphQLError)) return mapped;
  return new GraphQLError(mapped.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: mapped,
    extensions: mapped.extensions,
  });
}
