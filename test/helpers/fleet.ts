import { setTimeout as sleep } from 'node:timers/promises';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { type Config, type ConfigOverrides, parseConfig, withOverrides } from '../../src/config.js';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import type { EmulatorConfig } from '../../src/emulator/emulator-config.js';
import { type RedisServerProcess, startRedisServer } from '../../src/fleet/redis-server.js';
import { rapidRetryPolicy } from '../../src/slack/retry.js';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from './emulator.js';
import type { GraphQLBody } from './gateway.js';

/** The same secret on every replica, as the fleet rules require. */
export const FLEET_CURSOR_SECRET = 'fleet-test-cursor-secret-0123456789abcdef';

export interface FleetReplica {
  readonly url: string;
  readonly gateway: RunningGateway;
  /** POSTs a GraphQL request over a real socket (as alice unless `token` says otherwise). */
  graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; body: GraphQLBody<TData> }>;
  /** A counter or gauge of this replica's /metrics, summed over the series matching `labels`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
}

export interface TestFleet {
  readonly redis: RedisServerProcess;
  readonly emulator: EmulatorHandle;
  readonly replicas: readonly FleetReplica[];
  /** The sum of `metric(name, labels)` over every replica. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

export interface TestFleetOptions {
  replicas?: number;
  emulatorConfig?: Partial<EmulatorConfig>;
  /** Over the fleet defaults: cache, response cache and governor on, rapid retries. */
  gatewayConfig?: Omit<ConfigOverrides, 'sharedState'>;
  /** The Redis URL replica `index` connects to (e.g. through a proxy). @default the server's */
  redisUrlOf?: (index: number, redis: RedisServerProcess) => string | Promise<string>;
}

/**
 * Starts a redis-server of its own, one emulator and `replicas` real gateways (in this process,
 * each on its own loopback port) sharing state through that Redis.
 */
export async function startTestFleet({
  replicas = 3,
  emulatorConfig,
  gatewayConfig,
  redisUrlOf = (_, redis) => redis.url,
}: TestFleetOptions = {}): Promise<TestFleet> {
  const redis = await startRedisServer();
  const emulator = await startTestEmulator(undefined, emulatorConfig);
  const base = parseConfig({
    LOG_LEVEL: 'silent',
    SLACK_API_URL: emulator.url,
    REDIS_URL: redis.url,
    CURSOR_SECRET: FLEET_CURSOR_SECRET,
    PORT: '0',
    // Replicas' answers are compared whole; extensions.slackCost has its own tests.
    EXPOSE_SLACK_COST: 'off',
  });
  const started: FleetReplica[] = [];
  const close = async (): Promise<void> => {
    for (const replica of started) await replica.gateway.close();
    await emulator.close();
    await redis.stop();
  };
  try {
    for (let index = 0; index < replicas; index++) {
      const config = withOverrides(
        withOverrides(base, {
          slack: { timeoutMs: 2_000, maxRetryWaitMs: rapidRetryPolicy.maxTotalWaitMs },
        }),
        {
          ...gatewayConfig,
          sharedState: Object.freeze({
            ...(base.sharedState as NonNullable<Config['sharedState']>),
            redisUrl: await redisUrlOf(index, redis),
          }),
        },
      );
      const gateway = await startGateway(config, { retryPolicy: rapidRetryPolicy });
      started.push(replicaOf(gateway));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    redis,
    emulator,
    replicas: started,
    async metric(name, labels) {
      let sum = 0;
      for (const replica of started) sum += await replica.metric(name, labels);
      return sum;
    },
    close,
  };
}

function replicaOf(gateway: RunningGateway): FleetReplica {
  return {
    url: gateway.url,
    gateway,
    async graphql<TData>(query: string, variables?: Record<string, unknown>, token?: string) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${token ?? SCENARIO_TOKENS.alice}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody<TData> };
    },
    async metric(name, labels = {}) {
      const metric = (await gateway.metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
      return metric
        .filter((value) =>
          Object.entries(labels).every(([label, wanted]) => String(value.labels[label]) === wanted),
        )
        .reduce((sum, value) => sum + value.value, 0);
    },
  };
}

/** Polls `condition` (a state change the test waits for, never a timing assertion). */
export async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (await condition()) return;
    await sleep(50);
  }
  throw new Error(`gave up waiting until ${what}`);
}
