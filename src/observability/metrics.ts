import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheObserver } from '../cache/caching-slack-api.js';
import type { IngestOutcome } from '../events/event-ingest.js';
import type { EventExecutionOutcome } from '../graphql/subscriptions/shared-execution.js';
import type { FleetEventsObserver } from '../shared-state/fleet-events.js';
import type { SharedStateObserver } from '../shared-state/redis-connection.js';
import type { GovernorObserver } from '../slack/governor/governor.js';
import { LabelLimiter } from './label-limiter.js';

/** Outcome of a GraphQL operation: `ok`, `error` (some field failed) or `invalid` (never ran). */
type OperationOutcome = 'ok' | 'error' | 'invalid';

/**
 * The gateway's Prometheus metrics, in a registry of its own (two gateways in one process, as in
 * tests, never collide). Labels are Slack method names, cache types, loader names, operation
 * names and HTTP routes: never a token or anything derived from one.
 * @see https://prometheus.io/docs/practices/naming/
 */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** A Slack call finished (after the client's retries); `outcome` is `ok` or an error code. */
  slackCall(method: string, outcome: string, seconds: number): void;
  readonly governor: GovernorObserver;
  readonly cache: CacheObserver;
  /** Fleet mode only: this replica shares state through Redis, or runs on local state. */
  readonly sharedState: SharedStateObserver;
  /** A signed Slack delivery was taken (`accepted`) or recognised as a repeat (`duplicate`). */
  slackEvent(outcome: IngestOutcome): void;
  /** Fleet mode with events on: deliveries relayed between replicas. */
  readonly fleetEvents: FleetEventsObserver;
  /** A subscription payload was resolved by its own execution or shared its group's. */
  subscriptionEvent(outcome: EventExecutionOutcome): void;
  /**
   * One DataLoader batch of `size` keys was dispatched by `loader` (e.g. `users`). For loaders
   * to call from their batch functions.
   */
  observeLoaderBatch(loader: string, size: number): void;
  /** A GraphQL operation finished. */
  graphqlOperation(name: string, type: string, outcome: OperationOutcome, seconds: number): void;
  /** An HTTP request was answered. */
  httpRequest(route: string, status: number, seconds: number): void;
  /** The exposition text for `GET /metrics`. */
  render(): Promise<{ contentType: string; body: string }>;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const BATCH_SIZES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

interface MetricsOptions {
  /** Also export Node's process metrics (heap, event loop lag, GC…). @default true */
  processMetrics?: boolean;
  /** Distinct operation names kept as labels; later ones count as `other`. @default 200 */
  maxOperationNames?: number;
}

/** Creates the metrics and their registry. */
export function createMetrics({
  processMetrics = true,
  maxOperationNames = 200,
}: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (processMetrics) collectDefaultMetrics({ register: registry });

  const slackCalls = new Counter({
    name: 'slack_calls_total',
    help: 'Slack Web API calls by method and outcome (ok, a Slack error code, rate_limited, http_error, request_error).',
    labelNames: ['method', 'outcome'] as const,
    registers,
  });
  const slackDuration = new Histogram({
    name: 'slack_call_duration_seconds',
    help: 'Time of a Slack call including governor waits and retries.',
    labelNames: ['method'] as const,
    buckets: SECONDS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'slack_rate_limited_total',
    help: 'HTTP 429 answers from Slack, by method.',
    labelNames: ['method'] as const,
    registers,
  });
  const governorWait = new Histogram({
    name: 'governor_wait_seconds',
    help: 'Time a Slack call waited for its (workspace, method) budget.',
    labelNames: ['method'] as const,
    buckets: [0, ...SECONDS],
    registers,
  });
  const governorQueue = new Gauge({
    name: 'governor_queue_depth',
    help: 'Slack calls waiting for budget, by method (all workspaces).',
    labelNames: ['method'] as const,
    registers,
  });
  const governorRejected = new Counter({
    name: 'governor_rejected_total',
    help: 'Slack calls failed fast with RATE_LIMITED because their wait would pass the deadline.',
    labelNames: ['method'] as const,
    registers,
  });
  const cacheHits = new Counter({
    name: 'cache_hits_total',
    help: 'Slack reads served from the cache, by type.',
    labelNames: ['type'] as const,
    registers,
  });
  const cacheMisses = new Counter({
    name: 'cache_misses_total',
    help: 'Slack reads that called Slack, by type.',
    labelNames: ['type'] as const,
    registers,
  });
  const cacheShared = new Counter({
    name: 'cache_inflight_shared_total',
    help: 'Slack reads that joined an identical call already in flight, by type.',
    labelNames: ['type'] as const,
    registers,
  });
  const cacheInvalidations = new Counter({
    name: 'cache_invalidations_total',
    help: 'Writes that invalidated cached entries, by Slack method.',
    labelNames: ['method'] as const,
    registers,
  });
  const loaderBatch = new Histogram({
    name: 'loader_batch_size',
    help: 'Keys per DataLoader batch, by loader.',
    labelNames: ['loader'] as const,
    buckets: BATCH_SIZES,
    registers,
  });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by name, type and outcome (ok, error, invalid).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers,
  });
  const operationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Execution time of GraphQL operations, by name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: SECONDS,
    registers,
  });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route and status code.',
    labelNames: ['route', 'status'] as const,
    buckets: SECONDS,
    registers,
  });
  const sharedStateUp = new Gauge({
    name: 'shared_state_up',
    help: 'Fleet mode: 1 while this replica shares budgets and caches through Redis, 0 while it runs on local state (an outage).',
    registers,
  });
  const sharedStateChanges = new Counter({
    name: 'shared_state_changes_total',
    help: 'Fleet mode: switches between shared (Redis) and local state, by the state switched to.',
    labelNames: ['state'] as const,
    registers,
  });
  const slackEvents = new Counter({
    name: 'slack_events_total',
    help: 'Signed Slack event deliveries: accepted (acted on) or duplicate (a retry, or taken by another replica).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const fleetEventsRelayed = new Counter({
    name: 'fleet_events_total',
    help: "Fleet mode: deliveries published to the other replicas, kept local_only (Redis unreachable: only this replica's subscribers heard them), or received from another replica.",
    labelNames: ['direction'] as const,
    registers,
  });
  const subscriptionEvents = new Counter({
    name: 'subscription_event_executions_total',
    help: 'Subscription payloads: executed (resolved for this subscriber) or shared (the result of another subscriber of the same token, document and variables, for the same event).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const subscriptionEventOutcomes = {
    executed: subscriptionEvents.labels({ outcome: 'executed' }),
    shared: subscriptionEvents.labels({ outcome: 'shared' }),
  };
  const fleetEventsListening = new Gauge({
    name: 'fleet_events_listening',
    help: 'Fleet mode: 1 while this replica hears the deliveries other replicas take, 0 while it cannot.',
    registers,
  });
  // Operation names come from clients: cap them so a client cannot grow the series without end.
  const operationNames = new LabelLimiter(maxOperationNames);

  return {
    registry,
    slackCall(method, outcome, seconds) {
      slackCalls.inc({ method, outcome });
      slackDuration.observe({ method }, seconds);
    },
    governor: {
      admitted: (method, waitedMs) => governorWait.observe({ method }, waitedMs / 1_000),
      rejected: (method) => governorRejected.inc({ method }),
      queueChanged: (method, delta) => governorQueue.inc({ method }, delta),
      rateLimited: (method) => rateLimited.inc({ method }),
    },
    cache: {
      lookup(type, result) {
        if (result === 'hit') cacheHits.inc({ type });
        else if (result === 'miss') cacheMisses.inc({ type });
        else cacheShared.inc({ type });
      },
      invalidated: (method) => cacheInvalidations.inc({ method }),
    },
    sharedState: {
      changed(shared) {
        sharedStateUp.set(shared ? 1 : 0);
        sharedStateChanges.inc({ state: shared ? 'shared' : 'local' });
      },
    },
    slackEvent: (outcome) => slackEvents.inc({ outcome }),
    // One call per subscriber and event: the labelled children are looked up once.
    subscriptionEvent: (outcome) => subscriptionEventOutcomes[outcome].inc(),
    fleetEvents: {
      relayed: (direction) => fleetEventsRelayed.inc({ direction }),
      listening: (up) => fleetEventsListening.set(up ? 1 : 0),
    },
    observeLoaderBatch: (loader, size) => loaderBatch.observe({ loader }, size),
    graphqlOperation(name, type, outcome, seconds) {
      const operation = operationNames.label(name);
      operations.inc({ operation, type, outcome });
      if (outcome !== 'invalid') operationDuration.observe({ operation, type }, seconds);
    },
    httpRequest: (route, status, seconds) =>
      requestDuration.observe({ route, status: String(status) }, seconds),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
