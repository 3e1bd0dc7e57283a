/**
 * Scenario 4: a query repeated once its answers are cached: Slack calls (must be 0) and latency
 * against one direct emulator call for the same list (`conversations.list`, 201 rows), timed in
 * alternation.
 */
import { BENCH_TOKEN, startBenchGateway } from '../lib/bench-env.js';
import { graphqlTarget, postGraphQL } from '../lib/graphql-target.js';
import { createLoadClient } from '../lib/load.js';
import { median, round } from '../lib/stats.js';
import { LIST_WITH_CREATORS } from './queries.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

export async function warmRepeat(context: ScenarioContext): Promise<ScenarioResult> {
  const { emulator } = context;
  const gateway = await startBenchGateway(emulator.apiUrl, context.placement, context.gatewayEnv);
  const ours = createLoadClient(graphqlTarget(gateway.ready, LIST_WITH_CREATORS), 1);
  const direct = createLoadClient(
    {
      origin: new URL(emulator.apiUrl).origin,
      path: `${new URL(emulator.apiUrl).pathname}conversations.list`,
      method: 'POST',
      headers: {
        authorization: `Bearer ${BENCH_TOKEN}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'limit=201',
    },
    1,
  );
  try {
    const first = await postGraphQL(gateway.ready, LIST_WITH_CREATORS);
    if (first.errors) throw new Error(`first query: ${first.errors[0]?.message}`);
    await emulator.control.resetStats();
    const repeats = context.quick ? 5 : 50;
    for (let index = 0; index < repeats; index += 1) await ours.once();
    const warmCalls = (await emulator.control.stats()).total / repeats;

    // Both sides warm up first (JIT, sockets), as a long-running server is, before the timed pairs.
    const warmUp = context.quick ? 0 : 500;
    for (let index = 0; index < warmUp; index += 1) {
      await ours.once();
      await direct.once();
    }
    const pairs = context.quick ? 20 : 500;
    const oursMs: number[] = [];
    const directMs: number[] = [];
    for (let index = 0; index < pairs; index += 1) {
      oursMs.push((await ours.once()).ms);
      directMs.push((await direct.once()).ms);
    }
    const ratio = round(median(oursMs) / median(directMs));
    const cacheWired = warmCalls === 0;
    return {
      id: 'warm-repeat',
      title: 'warm repeat of a query',
      measure: 'Slack calls / latency vs a direct emulator call',
      target: '0 calls; <= 1.5x',
      figure: `${warmCalls} calls; ${ratio}x (${round(median(oursMs))} ms vs ${round(median(directMs))} ms)${context.quick ? ', latency not judged in quick mode' : ''}`,
      pass: cacheWired && (context.quick || ratio <= 1.5),
      countsExact: cacheWired,
      ...(cacheWired
        ? {}
        : { note: `cache not wired: a warm repeat still costs ${warmCalls} Slack calls` }),
      details: {
        query: 'LIST_WITH_CREATORS (200 conversations with creator names)',
        direct: 'POST conversations.list limit=201, one call',
        warmCallsPerQuery: warmCalls,
        repeats,
        warmUp,
        pairs,
        oursMedianMs: round(median(oursMs)),
        directMedianMs: round(median(directMs)),
        latencyRatio: ratio,
      },
    };
  } finally {
    await ours.close();
    await direct.close();
    await gateway.stop();
  }
}
