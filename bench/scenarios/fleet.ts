/**
 * Fleet scenario (issue 15): three gateways sharing one Redis, against an emulator enforcing
 * Slack's tiers over a compressed window, and 300 concurrent conversation lookups spread over the
 * replicas, with the Slack answer cache off so every lookup costs its conversations.info (Tier 3:
 * 50 a window). The same burst through one gateway is the yardstick. Measured: client-visible
 * errors, 429s, Slack calls sent (fleet over one replica) and completion over the tier-budget
 * minimum: the k-th call of window n+1 cannot arrive before a window after the k-th of window n,
 * so N calls need at least (ceil(N / 50) - 1) windows.
 *
 * Self-contained: its own emulator (demo workspace), its own redis-server, gateways in this
 * process (one event loop for all three: the figure is an upper bound on fleet overhead).
 */
import { performance } from 'node:perf_hooks';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { startEmulator } from '../../src/emulator/index.js';
import { DEMO_TOKENS } from '../../src/emulator/state/demo-workspace.js';
import { startRedisServer } from '../../src/fleet/redis-server.js';
import { round } from '../lib/stats.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

const QUERIES = 300;
const REPLICAS = 3;
const WINDOW_MS = 1_000;
const INFO_BUDGET = 50;
const LOOKUP = 'query Lookup($id: ID!) { conversation(id: $id) { id name } }';

interface Run {
  ms: number;
  errors: number;
  calls: number;
  rateLimited: number;
}

async function burst(
  gateways: readonly RunningGateway[],
  ids: readonly string[],
): Promise<number[]> {
  const post = async (url: string, id: string): Promise<number> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOOKUP, variables: { id } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    return response.status === 200 && body.errors === undefined ? 0 : 1;
  };
  return Promise.all(
    Array.from({ length: QUERIES }, (_, index) =>
      post(
        (gateways[index % gateways.length] as RunningGateway).url,
        ids[index % ids.length] as string,
      ),
    ),
  );
}

async function rateLimitedTotal(gateways: readonly RunningGateway[]): Promise<number> {
  let total = 0;
  for (const gateway of gateways) {
    const metric = await gateway.metrics.registry
      .getSingleMetric('slack_rate_limited_total')
      ?.get();
    for (const value of metric?.values ?? []) total += value.value;
  }
  return total;
}

async function run(replicas: number, redisUrl: string | undefined): Promise<Run> {
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    workspace: 'demo',
    config: { rateLimits: true, rateWindowMs: WINDOW_MS },
  });
  const config = parseConfig({
    LOG_LEVEL: 'silent',
    PORT: '0',
    SLACK_API_URL: emulator.url,
    SLACK_TOKEN: DEMO_TOKENS.user,
    SLACK_CACHE: 'off',
    SLACK_RATE_WINDOW_MS: String(WINDOW_MS),
    SLACK_RATE_MAX_WAIT_MS: '60000',
    CURSOR_SECRET: 'bench-fleet-cursor-secret-0123456789abcdef',
    ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl }),
  });
  const gateways: RunningGateway[] = [];
  try {
    for (let index = 0; index < replicas; index++) gateways.push(await startGateway(config));
    const list = await fetch(`${emulator.url}conversations.list?limit=200`, {
      headers: { authorization: `Bearer ${DEMO_TOKENS.user}` },
    });
    const ids = ((await list.json()) as { channels: { id: string }[] }).channels.map((c) => c.id);
    // Each replica knows the token's workspace before the clock starts (one auth.test each).
    for (const gateway of gateways) await burst([gateway], ids.slice(0, 1));
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS * 1.5));
    emulator.resetStats();
    const start = performance.now();
    const failures = await burst(gateways, ids);
    const ms = performance.now() - start;
    return {
      ms,
      errors: failures.reduce((sum, failed) => sum + failed, 0),
      calls: emulator.stats().total,
      rateLimited: await rateLimitedTotal(gateways),
    };
  } finally {
    for (const gateway of gateways) await gateway.close();
    await emulator.close();
  }
}

export async function fleetTierLimited(context: ScenarioContext): Promise<ScenarioResult> {
  const redis = await startRedisServer();
  try {
    context.log(`fleet: one replica, ${QUERIES} lookups`);
    const single = await run(1, undefined);
    context.log(`fleet: ${REPLICAS} replicas on Redis, ${QUERIES} lookups`);
    const fleet = await run(REPLICAS, redis.url);
    const floorMs = (Math.ceil(fleet.calls / INFO_BUDGET) - 1) * WINDOW_MS;
    const callRatio = round(fleet.calls / single.calls, 3);
    const timeRatio = round(fleet.ms / floorMs);
    return {
      id: 'fleet-tier-limits',
      title: `${REPLICAS} replicas on Redis, emulator enforcing tiers, ${QUERIES} concurrent lookups`,
      measure:
        'client-visible errors; 429s; Slack calls fleet / one replica; time / tier-budget minimum',
      target: '0; <= 1 per bucket; <= 1.05; <= 1.15',
      figure: `${fleet.errors}; ${fleet.rateLimited}; ${callRatio}; ${timeRatio} (${Math.round(fleet.ms)} ms / ${floorMs} ms)`,
      pass: fleet.errors === 0 && fleet.rateLimited <= 1 && callRatio <= 1.05 && timeRatio <= 1.15,
      details: {
        windowMs: WINDOW_MS,
        queries: QUERIES,
        replicas: REPLICAS,
        tierMinimumMs: floorMs,
        fleet: { ...fleet, ms: Math.round(fleet.ms) },
        single: { ...single, ms: Math.round(single.ms), timeRatio: round(single.ms / floorMs) },
      },
    };
  } finally {
    await redis.stop();
  }
}
