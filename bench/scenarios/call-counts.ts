/**
 * Scenarios 1 and 2: a cold query's Slack calls, against the computed minimum, exactly.
 */
import { BENCH_TOKEN } from '../lib/bench-env.js';
import { callBreakdown, runOnColdGateway } from './fresh-gateway.js';
import { planListWithCreators, planListWithMembers, type QueryPlan } from './plan.js';
import { LIST_WITH_CREATORS, LIST_WITH_MEMBERS } from './queries.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

const FIRST = 200;
const MEMBERS = 5;

function edgeCount(data: unknown): number {
  const edges = (data as { conversations?: { edges?: unknown[] } } | undefined)?.conversations
    ?.edges;
  return edges?.length ?? 0;
}

async function compare(
  context: ScenarioContext,
  base: Pick<ScenarioResult, 'id' | 'title' | 'measure' | 'target'>,
  query: string,
  plan: QueryPlan,
): Promise<ScenarioResult> {
  const run = await runOnColdGateway(context, query);
  const measured = run.calls.total;
  const errors = run.answer.errors?.map((error) => error.message) ?? [];
  const edges = edgeCount(run.answer.data);
  const pass = errors.length === 0 && edges === plan.conversations && measured === plan.total;
  return {
    ...base,
    figure: `${measured} calls (minimum ${plan.total})`,
    pass,
    countsExact: pass,
    ...(errors.length > 0 ? { note: `GraphQL errors: ${errors.slice(0, 3).join('; ')}` } : {}),
    details: {
      measured: callBreakdown(run.calls.calls),
      measuredTotal: measured,
      minimum: plan.calls,
      minimumTotal: plan.total,
      distinctUsers: plan.distinctUsers,
      conversations: edges,
      queryMs: Math.round(run.ms),
    },
  };
}

export async function listWithCreatorsCalls(context: ScenarioContext): Promise<ScenarioResult> {
  const plan = await planListWithCreators(context.emulator.apiUrl, BENCH_TOKEN, FIRST);
  return compare(
    context,
    {
      id: 'list-creators-calls',
      title: 'list 200 conversations with topic, purpose, creator names',
      measure: 'Slack calls per query (cold cache)',
      target: 'the computed minimum, exactly',
    },
    LIST_WITH_CREATORS,
    plan,
  );
}

export async function listWithMembersCalls(context: ScenarioContext): Promise<ScenarioResult> {
  const plan = await planListWithMembers(context.emulator.apiUrl, BENCH_TOKEN, FIRST, MEMBERS);
  return compare(
    context,
    {
      id: 'list-members-calls',
      title: '200 conversations with creator name and 5 members each',
      measure: 'Slack calls per query (cold cache)',
      target: 'the computed minimum, exactly',
    },
    LIST_WITH_MEMBERS,
    plan,
  );
}
