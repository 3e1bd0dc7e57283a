import type { RequestListener } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createEventDedupe, EVENT_DEDUPE_TTL_MS } from './events/event-dedupe.js';
import { createEventIngest, type EventIngest, type TagInvalidator } from './events/event-ingest.js';
import { createSlackEventsEndpoint, SLACK_EVENTS_PATH } from './events/http-endpoint.js';
import { createLiveBus } from './events/live-bus.js';
import type { SocketModeIngest } from './events/socket-mode.js';
import { createCursorSealer } from './graphql/cursor-seal.js';
import { schema } from './graphql/schema.js';
import { createStreamCounter, type LiveContext } from './graphql/subscriptions/live-context.js';
import { loadClientOptions } from './http/client-options.js';
import type { PersistedDocuments } from './http/persisted-documents.js';
import { createReadiness } from './http/readiness.js';
import { type RunningServer, startServer } from './http/server.js';
import { checkTokenScopes } from './http/token-scope-check.js';
import { attachGraphqlWebSocket, type GraphqlWebSocket } from './http/websocket.js';
import { createGateway, GRAPHQL_PATH } from './http/yoga.js';
import { createGatewayLogger, toLevelLogger } from './observability/logger.js';
import { createMetrics, type GatewayMetrics } from './observability/metrics.js';
import type { GatewayTracing } from './observability/tracing.js';
import { createFleetEvents, type FleetEvents } from './shared-state/fleet-events.js';
import type { SharedStateConnection } from './shared-state/redis-connection.js';
import { createSharedEventDedupe } from './shared-state/shared-event-dedupe.js';
import type { SharedStateConfig } from './shared-state/shared-state-config.js';
import { defaultRetryPolicy, type RetryPolicy } from './slack/retry.js';
import { createSlackStack } from './slack-stack.js';

export interface StartGatewayOptions {
  /**
   * Backoff shape of Slack retries; its bounds are replaced by `slack.maxRetries` and
   * `slack.maxRetryWaitMs` from the config.
   * @default defaultRetryPolicy
   */
  retryPolicy?: RetryPolicy;
  /** Events held for a subscriber that is not reading before it is cut off. @default 256 */
  subscriberBufferSize?: number;
  /** The Slack circuit breaker's clock (epoch ms), e.g. one a test moves by hand. @default Date.now */
  circuitClock?: () => number;
}

/** A listening gateway and everything it owns. */
export interface RunningGateway {
  /** e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  readonly server: RunningServer;
  /** The gateway's Prometheus metrics (also served at `config.observability.metricsPath`). */
  readonly metrics: GatewayMetrics;
  /** Subscription streams open now (SSE and WebSocket). */
  readonly openStreams: number;
  /**
   * Scopes the persisted operations need that the default token lacks, as checked at start
   * (and logged as a warning); `undefined` when not checked (demo mode, no token or manifest).
   */
  readonly missingScopes: readonly string[] | undefined;
  /**
   * Graceful shutdown: `/readyz` turns 503 at once; after `server.shutdownDelayMs` the listener
   * closes, in-flight requests get `server.shutdownGraceMs` to finish, then the Slack connection pool closes.
   */
  close(): Promise<void>;
}

/**
 * Wires config → Slack client → yoga → HTTP server and starts listening. Used by `npm start`
 * (src/main.ts) and by the test helper, so tests run the real composition.
 */
export async function startGateway(
  config: Config,
  {
    retryPolicy = defaultRetryPolicy,
    subscriberBufferSize = 256,
    circuitClock,
  }: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const clients = await loadClientOptions(config);
  const log = createGatewayLogger({ level: config.observability.logLevel });
  const levelLogger = toLevelLogger(log);
  const metrics = createMetrics();
  const missingScopes = await startupScopeCheck(config, clients.persisted?.documents, log);
  const tracing = config.tracing.enabled ? await startGatewayTracing(config, log) : undefined;
  const sharedState =
    config.sharedState === undefined
      ? undefined
      : await connectFleet(config.sharedState, log, metrics);
  const { client, slack, responseCache, userDirectory, rateTable, cache } = createSlackStack(
    config,
    retryPolicy,
    log,
    metrics,
    tracing,
    sharedState,
    circuitClock,
  );
  const readiness = createReadiness();
  // Slack events in (HTTP and/or Socket Mode): cache invalidation, then subscriptions.
  const eventsOn =
    config.events.signingSecret !== undefined || config.events.appToken !== undefined;
  const live: LiveContext = {
    bus: createLiveBus(),
    bufferSize: subscriberBufferSize,
    streams: createStreamCounter(),
  };
  const onEventError = (error: unknown) =>
    log.error({ component: 'slack-events', err: error }, 'event not applied');
  // In a fleet, one replica takes each delivery and relays it to the others' subscribers.
  const fleetEvents =
    eventsOn && sharedState !== undefined
      ? startFleetEvents(sharedState, live, cache, log, metrics, onEventError)
      : undefined;
  const localDedupe = createEventDedupe();
  const ingest = createEventIngest({
    dedupe:
      sharedState === undefined
        ? localDedupe
        : createSharedEventDedupe(sharedState, localDedupe, EVENT_DEDUPE_TTL_MS),
    bus: live.bus,
    cache,
    users: userDirectory,
    relay: fleetEvents,
    observe: (outcome) => metrics.slackEvent(outcome),
    onError: onEventError,
  });
  const { yoga, listener } = createGateway({
    schema,
    slack,
    config,
    hardening: {
      limits: config.limits,
      maxRequestBodyBytes: config.server.maxRequestBodyBytes,
      readiness,
      cursorSealer:
        config.cursorSecret === undefined
          ? undefined
          : createCursorSealer(Buffer.from(config.cursorSecret)),
      slackCallsPerMethod: rateTable && ((method) => rateTable(method).calls),
      operationDeadlineMs: config.limits.operationDeadlineMs,
    },
    observability: {
      metrics,
      logger: log,
      levelLogger,
      metricsPath: config.observability.metricsPath,
      metricsToken: config.observability.metricsToken,
    },
    clients,
    responseCache,
    userDirectory,
    tracing: tracing?.plugin,
    live: eventsOn ? live : undefined,
  });
  let server: RunningServer;
  let sockets: GraphqlWebSocket;
  let socketMode: SocketModeIngest | undefined;
  try {
    server = await startServer(routeSlackEvents(listener, config, ingest, log), config.server);
    sockets = attachGraphqlWebSocket(server.httpServer, yoga, {
      path: GRAPHQL_PATH,
      maxPayload: config.server.maxRequestBodyBytes,
    });
    if (config.events.appToken !== undefined) {
      // Slack's Socket Mode client (about 14 MB resident) is loaded only when it is used.
      const { createSocketModeIngest } = await import('./events/socket-mode.js');
      socketMode = createSocketModeIngest({
        appToken: config.events.appToken,
        slackApiUrl: config.slack.apiUrl,
        ingest,
        onError: (error) => log.warn({ component: 'socket-mode', err: error }, 'ack failed'),
      });
      await socketMode.start();
    }
  } catch (error) {
    await socketMode?.close();
    await client.close();
    await fleetEvents?.close();
    await sharedState?.close();
    await tracing?.shutdown();
    throw error;
  }
  return {
    url: `${server.origin}${GRAPHQL_PATH}`,
    server,
    metrics,
    missingScopes,
    get openStreams() {
      return live.streams.open;
    },
    async close() {
      readiness.drain();
      if (config.server.shutdownDelayMs > 0) await sleep(config.server.shutdownDelayMs);
      await socketMode?.close();
      // Upgraded sockets are no longer the HTTP server's: close them, or it never closes.
      await sockets.close();
      await server.close(config.server.shutdownGraceMs);
      await client.close();
      await fleetEvents?.close();
      await sharedState?.close();
      await tracing?.shutdown();
    },
  };
}

/**
 * Connects to the fleet's Redis; each switch between shared and local state is logged and counted.
 * ioredis (about 13 MB resident) is loaded only by a gateway that has a fleet.
 */
async function connectFleet(
  settings: SharedStateConfig,
  log: Logger,
  metrics: GatewayMetrics,
): Promise<SharedStateConnection> {
  const { connectSharedState } = await import('./shared-state/redis-connection.js');
  const fleetLog = log.child({ component: 'shared-state' });
  return connectSharedState(settings, {
    observer: {
      changed(shared, reason) {
        metrics.sharedState.changed(shared, reason);
        if (shared) fleetLog.info('Redis reachable: sharing budgets and caches with the fleet');
        else
          fleetLog.warn(
            { reason },
            'Redis unreachable: serving from local caches with a local share of each budget; Slack events reach only the subscribers of the replica that takes them',
          );
      },
    },
  });
}

/** The fleet's event stream; whether this replica hears the others is logged and counted. */
function startFleetEvents(
  connection: SharedStateConnection,
  live: LiveContext,
  cache: TagInvalidator | undefined,
  log: Logger,
  metrics: GatewayMetrics,
  onError: (error: unknown) => void,
): FleetEvents {
  const fleetLog = log.child({ component: 'fleet-events' });
  return createFleetEvents({
    connection,
    bus: live.bus,
    cache,
    onError,
    observer: {
      relayed: metrics.fleetEvents.relayed,
      listening(up) {
        metrics.fleetEvents.listening(up);
        if (up) fleetLog.info('Listening to the Slack events other replicas take');
        else fleetLog.warn('Not hearing the Slack events other replicas take until Redis is back');
      },
    },
  });
}

/**
 * With `SLACK_SIGNING_SECRET`, `POST /slack/events` goes to the Events API endpoint ahead of
 * yoga (it needs the raw body); everything else to yoga.
 */
function routeSlackEvents(
  gateway: RequestListener,
  config: Config,
  ingest: EventIngest,
  log: Logger,
): RequestListener {
  const { signingSecret } = config.events;
  if (signingSecret === undefined) return gateway;
  const endpoint = createSlackEventsEndpoint({
    signingSecret,
    ingest,
    // Debug only: a forger must not be able to flood the logs either.
    onRefused: (problem) => log.debug({ component: 'slack-events', problem }, 'delivery refused'),
  });
  return (request, response) => {
    const path = request.url?.split('?', 1)[0];
    if (path === SLACK_EVENTS_PATH) endpoint(request, response);
    else gateway(request, response);
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
 * With a real default token and persisted operations, warns once at start when the token lacks
 * scopes they need (src/http/token-scope-check.ts). A failed check only warns: the gateway
 * starts either way.
 */
async function startupScopeCheck(
  config: Config,
  documents: PersistedDocuments | undefined,
  log: Logger,
): Promise<readonly string[] | undefined> {
  const { defaultToken: token, embeddedEmulator, apiUrl, timeoutMs } = config.slack;
  if (embeddedEmulator || token === undefined || documents === undefined) return undefined;
  try {
    const { missing } = await checkTokenScopes({
      schema,
      slackApiUrl: apiUrl,
      token,
      documents,
      timeoutMs,
    });
    if (missing.length > 0) {
      log.warn(
        { component: 'scopes', missing },
        `The Slack token lacks scopes the persisted operations need: ${missing.join(', ')} (see docs/cost.md).`,
      );
    }
    return missing;
  } catch (error) {
    log.warn(
      { component: 'scopes', error: error instanceof Error ? error.message : String(error) },
      'Could not check the Slack token against the persisted operations.',
    );
    return undefined;
  }
}
