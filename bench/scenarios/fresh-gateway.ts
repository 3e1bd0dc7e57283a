/**
 * Runs one operation on a gateway process started for it, so no cache of an earlier scenario
 * (the gateway's cache outlives requests) can lower the count, and reads what it cost.
 */
import { performance } from 'node:perf_hooks';
import { startBenchGateway } from '../lib/bench-env.js';
import type { EmulatorCalls } from '../lib/emulator-control.js';
import { type GraphQLAnswer, postGraphQL } from '../lib/graphql-target.js';
import { IDENTITY } from './queries.js';
import type { ScenarioContext } from './types.js';

export interface ColdRun {
  answer: GraphQLAnswer;
  calls: EmulatorCalls;
  /** Wall time of the operation, as the client saw it. */
  ms: number;
}

/**
 * Starts a gateway, resolves the token's identity first (auth.test is looked up once per token
 * per process, so it is not part of what a query costs), resets the emulator's counters, runs
 * `query` once and returns its answer, its Slack calls and its time.
 */
export async function runOnColdGateway(
  context: ScenarioContext,
  query: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ColdRun> {
  const gateway = await startBenchGateway(context.emulator.apiUrl, context.placement, {
    ...context.gatewayEnv,
    ...env,
  });
  try {
    const identity = await postGraphQL(gateway.ready, IDENTITY);
    if (identity.errors) throw new Error(`identity: ${JSON.stringify(identity.errors)}`);
    await context.emulator.control.resetStats();
    const start = performance.now();
    const answer = await postGraphQL(gateway.ready, query);
    const ms = performance.now() - start;
    const calls = await context.emulator.control.stats();
    return { answer, calls, ms };
  } finally {
    await gateway.stop();
  }
}

/** `{ method: count }` without zero entries, sorted by method. */
export function callBreakdown(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(calls)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
