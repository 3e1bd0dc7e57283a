/**
 * Scenario 3: the members query with 50 ms injected per Slack call, against its critical path
 * (sequential rounds of calls × 50 ms). The gateway runs with its cache off, so every round costs
 * the cold query's calls, while the process and its connections stay warm between rounds (a
 * fresh process would mostly time JIT warm-up and 200 socket handshakes). A direct client that
 * sends the minimal plan's rounds itself is timed in alternation, to show what the emulator and
 * this machine allow on top of the theoretical bound. Both are timed again with no injected
 * latency: what remains is CPU time (the emulator answering 200 calls on one CPU, the gateway
 * sending them and parsing the answers, GraphQL), which the bound leaves out; wall time minus it,
 * over the bound, shows how well the injected waits overlap.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { BENCH_TOKEN, startBenchGateway } from '../lib/bench-env.js';
import { postGraphQL } from '../lib/graphql-target.js';
import { LIST_MAX_LIMIT, USERS_LIST_MAX_LIMIT } from '../lib/probe.js';
import { median, round } from '../lib/stats.js';
import { planListWithMembers } from './plan.js';
import { LIST_WITH_MEMBERS } from './queries.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

const LATENCY_MS = 50;

/** The minimal plan sent by hand: the list, then members of each and the users pages at once. */
async function directPlan(pool: Pool, apiPath: string, userPages: number): Promise<number> {
  const call = async (method: string, body: string) => {
    const response = await pool.request({
      path: `${apiPath}${method}`,
      method: 'POST',
      headers: {
        authorization: `Bearer ${BENCH_TOKEN}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    const answer = (await response.body.json()) as {
      ok: boolean;
      error?: string;
      channels?: { id: string }[];
      response_metadata?: { next_cursor?: string };
    };
    if (!answer.ok) throw new Error(`direct ${method}: ${answer.error}`);
    return answer;
  };
  const start = performance.now();
  const list = await call('conversations.list', `limit=${LIST_MAX_LIMIT}`);
  const users = async () => {
    let cursor = '';
    for (let page = 0; page < userPages; page += 1) {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const answer = await call('users.list', `limit=${USERS_LIST_MAX_LIMIT}${after}`);
      cursor = answer.response_metadata?.next_cursor ?? '';
    }
  };
  await Promise.all([
    ...(list.channels ?? [])
      .slice(0, 200)
      .map((channel) => call('conversations.members', `channel=${channel.id}&limit=6`)),
    users(),
  ]);
  return performance.now() - start;
}

export async function membersWithLatency(context: ScenarioContext): Promise<ScenarioResult> {
  const { emulator } = context;
  const plan = await planListWithMembers(emulator.apiUrl, BENCH_TOKEN, 200, 5);
  const boundMs = plan.hops * LATENCY_MS;
  const rounds = context.quick ? 1 : 7;
  const gateway = await startBenchGateway(emulator.apiUrl, context.placement, {
    ...context.gatewayEnv,
    SLACK_CACHE: 'off',
  });
  const api = new URL(emulator.apiUrl);
  const pool = new Pool(api.origin, { connections: 256 });
  const oursMs: number[] = [];
  const directMs: number[] = [];
  const oursCpuMs: number[] = [];
  const directCpuMs: number[] = [];
  const calls: number[] = [];
  let errors = 0;
  const userPages = plan.calls['users.list'] ?? 0;
  const ours = async (): Promise<number> => {
    const start = performance.now();
    const answer = await postGraphQL(gateway.ready, LIST_WITH_MEMBERS);
    if (answer.errors) errors += 1;
    return performance.now() - start;
  };
  try {
    // Warm-up at 0 ms (JIT, sockets), then the timed rounds at 0 ms and at 50 ms.
    for (let index = 0; index < (context.quick ? 1 : 10); index += 1) {
      await ours();
      await directPlan(pool, api.pathname, userPages);
    }
    for (let index = 0; index < rounds; index += 1) {
      oursCpuMs.push(await ours());
      directCpuMs.push(await directPlan(pool, api.pathname, userPages));
    }
    await emulator.control.configure({ latencyMs: LATENCY_MS });
    for (let index = 0; index < rounds; index += 1) {
      await emulator.control.resetStats();
      oursMs.push(await ours());
      calls.push((await emulator.control.stats()).total);
      directMs.push(await directPlan(pool, api.pathname, userPages));
    }
  } finally {
    await emulator.control.configure({ latencyMs: 0 });
    await pool.close();
    await gateway.stop();
  }
  const ratio = round(median(oursMs) / boundMs);
  const directRatio = round(median(directMs) / boundMs);
  const overlap = round((median(oursMs) - median(oursCpuMs)) / boundMs);
  return {
    id: 'members-latency-50ms',
    title: 'same, 50 ms injected per Slack call',
    measure: 'wall time / critical-path bound (sequential hops × 50 ms)',
    target: '<= 1.15',
    figure:
      `${ratio} (${Math.round(median(oursMs))} ms / ${boundMs} ms, ${plan.hops} hops); ` +
      `a direct client sending the minimal plan: ${directRatio}; ` +
      `the same query with no injected latency takes ${Math.round(median(oursCpuMs))} ms ` +
      `(direct ${Math.round(median(directCpuMs))} ms), so the waits overlap to ${overlap}`,
    pass: errors === 0 && ratio <= 1.15,
    ...(errors > 0
      ? { note: `${errors} queries answered with errors (warm-up, 0 ms and 50 ms rounds)` }
      : {}),
    details: {
      latencyMs: LATENCY_MS,
      hops: plan.hops,
      boundMs,
      oursMs: oursMs.map((ms) => Math.round(ms)),
      oursMedianMs: Math.round(median(oursMs)),
      ratio,
      directPlanMs: directMs.map((ms) => Math.round(ms)),
      directMedianMs: Math.round(median(directMs)),
      directRatio,
      noLatencyOursMs: oursCpuMs.map((ms) => Math.round(ms)),
      noLatencyOursMedianMs: Math.round(median(oursCpuMs)),
      noLatencyDirectMs: directCpuMs.map((ms) => Math.round(ms)),
      noLatencyDirectMedianMs: Math.round(median(directCpuMs)),
      waitsOverlapRatio: overlap,
      oursOverDirect: round(median(oursMs) / median(directMs)),
      callsPerQuery: calls,
      minimumCalls: plan.total,
      rounds,
      gateway: 'cache off (every round cold), process and connections warm, 256 connections',
    },
  };
}
