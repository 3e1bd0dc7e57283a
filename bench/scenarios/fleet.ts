/**
 * Fleet scenario (issue 15): three gateways sharing one Redis, against an emulator enforcing
 * Slack's tiers over a compressed window, and 300 concurrent conversation lookups spread over the
 * replicas, with the Slack answer cache off so every lookup costs its conversations.info (Tier 3:
 * 50 a window). The same burst through one gateway is the yardstick. Measured: client-visible
 * errors, 429s, Slack calls sent (fleet over one replica) and completion over the tier-budget
 * minimum: the k-th call of window n+1 cannot arrive before a window after the k-th of window n,
 * so N calls need at least (ceil(N / 50) - 1) windows.
 *
 * Every replica runs in its own process (bench/servers/gateway-host.ts, configured by environment
 * like `npm start`), as a fleet does; the emulator is the run's own process, and this process
 * only sends the load. (With the three gateways in this process, their shared event loop, not the
 * budget, set the pace: on a loaded machine the first Slack call left a second or two after the
 * burst began, and each window's 50 calls took longer than the window to go out.)
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { startRedisServer } from '../../src/fleet/redis-server.js';
import { BENCH_TOKEN, startBenchGateway } from '../lib/bench-env.js';
import type { ServerProcess } from '../lib/child.js';
import { tierLimitedGatewayEnv } from '../lib/gateway-settings.js';
import { probeConversationList } from '../lib/probe.js';
import { median, round } from '../lib/stats.js';
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
  /** When the first lookup was answered: how long the burst took to get going. */
  firstAnswerMs: number;
}

/** One GraphQL endpoint and its connection pool (one connection per concurrent lookup). */
interface Target {
  readonly pool: Pool;
  readonly path: string;
}

function targetOf(gateway: ServerProcess): Target {
  const url = new URL(gateway.ready);
  return { pool: new Pool(url.origin, { connections: QUERIES }), path: url.pathname };
}

/** Posts a lookup; 0 when answered without an error, 1 otherwise. */
async function lookup({ pool, path }: Target, id: string): Promise<number> {
  const response = await pool.request({
    path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOOKUP, variables: { id } }),
  });
  const body = (await response.body.json()) as { errors?: unknown[] };
  return response.statusCode === 200 && body.errors === undefined ? 0 : 1;
}

/** `slack_rate_limited_total` summed over a gateway's /metrics. */
async function rateLimitedOf({ pool }: Target): Promise<number> {
  const response = await pool.request({ path: '/metrics', method: 'GET' });
  const text = await response.body.text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('slack_rate_limited_total')) total += Number(line.split(' ').at(-1));
  }
  return total;
}

async function run(
  context: ScenarioContext,
  ids: readonly string[],
  replicas: number,
  redisUrl: string | undefined,
): Promise<Run> {
  const { emulator } = context;
  const env = {
    ...context.gatewayEnv,
    ...tierLimitedGatewayEnv(WINDOW_MS),
    SLACK_CACHE: 'off',
    SLACK_RATE_MAX_WAIT_MS: '60000',
    CURSOR_SECRET: 'bench-fleet-cursor-secret-0123456789abcdef',
    ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl }),
  };
  const gateways: ServerProcess[] = [];
  const targets: Target[] = [];
  try {
    for (let index = 0; index < replicas; index++) {
      const gateway = await startBenchGateway(emulator.apiUrl, context.placement, env);
      gateways.push(gateway);
      targets.push(targetOf(gateway));
    }
    // Each replica knows the token's workspace before the clock starts (one auth.test each).
    for (const target of targets) await lookup(target, ids[0] as string);
    await emulator.control.configure({ rateLimits: true, rateWindowMs: WINDOW_MS });
    // The warm-up's slots free a window after their answers.
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS * 1.5));
    await emulator.control.resetStats();
    const start = performance.now();
    let firstAnswerMs: number | undefined;
    const failures = await Promise.all(
      Array.from({ length: QUERIES }, async (_, index) => {
        const failed = await lookup(
          targets[index % targets.length] as Target,
          ids[index % ids.length] as string,
        );
        firstAnswerMs ??= performance.now() - start;
        return failed;
      }),
    );
    const ms = performance.now() - start;
    let rateLimited = 0;
    for (const target of targets) rateLimited += await rateLimitedOf(target);
    return {
      ms,
      errors: failures.reduce((sum, failed) => sum + failed, 0),
      calls: (await emulator.control.stats()).total,
      rateLimited,
      firstAnswerMs: firstAnswerMs ?? ms,
    };
  } finally {
    await emulator.control.configure({ rateLimits: false });
    for (const target of targets) await target.pool.close();
    for (const gateway of gateways) await gateway.stop();
  }
}

/** Rounds of (one replica, fleet), interleaved so both sides see the same machine load. */
const ROUNDS = 2;

export async function fleetTierLimited(context: ScenarioContext): Promise<ScenarioResult> {
  const list = await probeConversationList(context.emulator.apiUrl, BENCH_TOKEN, QUERIES);
  const ids = list.conversations.map((conversation) => conversation.id);
  const redis = await startRedisServer();
  try {
    const rounds: { single: Run; fleet: Run; floorMs: number }[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      context.log(`fleet: round ${index + 1}, one replica, ${QUERIES} lookups`);
      const single = await run(context, ids, 1, undefined);
      context.log(`fleet: round ${index + 1}, ${REPLICAS} replicas on Redis, ${QUERIES} lookups`);
      const fleet = await run(context, ids, REPLICAS, redis.url);
      for (const [name, measured] of [
        ['one replica', single],
        [`${REPLICAS} replicas`, fleet],
      ] as const) {
        context.log(
          `fleet: ${name}: ${Math.round(measured.ms)} ms, first answer at ${Math.round(measured.firstAnswerMs)} ms, ${measured.calls} Slack calls, ${measured.errors} errors, ${measured.rateLimited} 429s`,
        );
      }
      rounds.push({
        single,
        fleet,
        floorMs: (Math.ceil(fleet.calls / INFO_BUDGET) - 1) * WINDOW_MS,
      });
    }
    const timeRatios = rounds.map(({ fleet, floorMs }) => fleet.ms / floorMs);
    const timeRatio = round(median(timeRatios));
    const callRatio = round(
      Math.max(...rounds.map(({ fleet, single }) => fleet.calls / single.calls)),
      3,
    );
    const errors = Math.max(...rounds.map(({ fleet }) => fleet.errors));
    const rateLimited = Math.max(...rounds.map(({ fleet }) => fleet.rateLimited));
    const floorMs = Math.max(...rounds.map((measured) => measured.floorMs));
    const fleetMs = median(rounds.map(({ fleet }) => fleet.ms));
    return {
      id: 'fleet-tier-limits',
      title: `${REPLICAS} replicas on Redis, emulator enforcing tiers, ${QUERIES} concurrent lookups`,
      measure:
        'client-visible errors; 429s; Slack calls fleet / one replica; time / tier-budget minimum (median of rounds)',
      target: '0; <= 1 per bucket; <= 1.05; <= 1.15',
      figure: `${errors}; ${rateLimited}; ${callRatio}; ${timeRatio} (${Math.round(fleetMs)} ms / ${floorMs} ms)`,
      pass: errors === 0 && rateLimited <= 1 && callRatio <= 1.05 && timeRatio <= 1.15,
      note: `time fleet / one replica, median of ${ROUNDS} interleaved rounds: ${round(median(rounds.map(({ fleet, single }) => fleet.ms / single.ms)))}`,
      details: {
        windowMs: WINDOW_MS,
        queries: QUERIES,
        replicas: REPLICAS,
        tierMinimumMs: floorMs,
        timeRatios: timeRatios.map((ratio) => round(ratio)),
        rounds: rounds.map(({ single, fleet }) => ({
          fleet: {
            ...fleet,
            ms: Math.round(fleet.ms),
            firstAnswerMs: Math.round(fleet.firstAnswerMs),
          },
          single: {
            ...single,
            ms: Math.round(single.ms),
            firstAnswerMs: Math.round(single.firstAnswerMs),
            timeRatio: round(single.ms / floorMs),
          },
        })),
      },
    };
  } finally {
    await redis.stop();
  }
}
