/**
 * Scenario 6: the emulator enforces Slack's tiers over a compressed window and 100 queries arrive
 * at once, each needing its own conversations.info (Tier 3: 50 a window), so the calls cannot all
 * go in one window. Measured: errors the clients see, Slack calls sent over calls needed (429s
 * and retries are waste), and time over the least the tier budgets allow.
 *
 * Where the time goes: Slack counts a call when it arrives, over a sliding window, so the k-th
 * call of the second window cannot arrive before a window after the k-th of the first. The last
 * query therefore ends no sooner than the 50th call of the first window, plus the window, plus
 * that query's own dependent calls (the floor counts those, timed directly). The 50th call
 * leaves only once the gateway has taken in 50 GraphQL requests: `firstWindowMs` (the 50th
 * answer) shows how long that took.
 */
import { performance } from 'node:perf_hooks';
import { Pool, request } from 'undici';
import { BENCH_TOKEN, startBenchGateway } from '../lib/bench-env.js';
import { tierLimitedGatewayEnv } from '../lib/gateway-settings.js';
import { cheapestUserPlan } from '../lib/minimum.js';
import { type ProbedConversation, probeConversationList, probeUserPages } from '../lib/probe.js';
import { round } from '../lib/stats.js';
import { callBreakdown } from './fresh-gateway.js';
import { IDENTITY, ONE_CONVERSATION } from './queries.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

const QUERIES = 100;
const WINDOW_MS = 3_000;
/** Calls per window of the emulator's tiers (src/emulator/limits/rate-limiter.ts). */
const TIER_BUDGET: Readonly<Record<string, number>> = {
  'conversations.info': 50,
  'users.info': 100,
  'users.list': 20,
};

/** Direct chains timed for the floor's dependent calls (the fastest counts: it is a floor). */
const HOP_SAMPLES = 5;

/** The least time `calls` of a method take under a sliding-window budget: whole windows waited. */
function windowWaitMs(calls: Record<string, number>): number {
  return Math.max(
    ...Object.entries(calls).map(([method, count]) => {
      const budget = TIER_BUDGET[method] ?? 20;
      return Math.max(0, Math.ceil(count / budget) - 1) * WINDOW_MS;
    }),
  );
}

/**
 * What the 100 operations need: each its conversations.info, plus each one's cheapest way to its
 * creator (users.info for one user), with identical calls of concurrent operations counted once,
 * as the gateway shares calls in flight.
 */
function neededCalls(
  conversations: readonly ProbedConversation[],
  userPages: readonly (readonly string[])[],
): Record<string, number> {
  const distinct = new Set<string>();
  for (const conversation of conversations) {
    distinct.add(`conversations.info ${conversation.id}`);
    if (!conversation.creator) continue;
    const plan = cheapestUserPlan(new Set([conversation.creator]), userPages);
    for (let page = 0; page < plan.pages; page += 1) distinct.add(`users.list ${page}`);
    if (plan.infoCalls > 0) distinct.add(`users.info ${conversation.creator}`);
  }
  const needed: Record<string, number> = {};
  for (const key of distinct) {
    const method = key.split(' ')[0] as string;
    needed[method] = (needed[method] ?? 0) + 1;
  }
  return needed;
}

async function directCall(apiUrl: string, method: string, args: Record<string, string>) {
  const response = await request(`${apiUrl}${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${BENCH_TOKEN}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(args).toString(),
  });
  const body = (await response.body.json()) as { ok: boolean; error?: string };
  if (!body.ok) throw new Error(`direct ${method}: ${body.error}`);
}

/**
 * What must follow the last window even for a client with no overhead: the conversations.info
 * let in by the window, then users.info for the creator it names (known only from that answer).
 * Timed directly against the emulator before the run, limits off; the fastest of a few chains.
 */
async function dependentCallsMs(
  apiUrl: string,
  conversation: ProbedConversation,
  withUser: boolean,
): Promise<number> {
  const chains: number[] = [];
  for (let sample = 0; sample < HOP_SAMPLES; sample += 1) {
    const start = performance.now();
    await directCall(apiUrl, 'conversations.info', { channel: conversation.id });
    if (withUser && conversation.creator) {
      await directCall(apiUrl, 'users.info', { user: conversation.creator });
    }
    chains.push(performance.now() - start);
  }
  return Math.min(...chains);
}

export async function tierLimited(context: ScenarioContext): Promise<ScenarioResult> {
  const { emulator } = context;
  const list = await probeConversationList(emulator.apiUrl, BENCH_TOKEN, QUERIES);
  const userPages = await probeUserPages(emulator.apiUrl, BENCH_TOKEN);
  const needed = neededCalls(list.conversations, userPages);
  const neededTotal = Object.values(needed).reduce((sum, count) => sum + count, 0);
  const waitMs = windowWaitMs(needed);
  const sampled =
    list.conversations.findLast((conversation) => conversation.creator) ?? list.conversations[0];
  const chainMs =
    sampled === undefined
      ? 0
      : await dependentCallsMs(emulator.apiUrl, sampled, (needed['users.info'] ?? 0) > 0);
  const floorMs = Math.round(waitMs + chainMs);

  const gateway = await startBenchGateway(emulator.apiUrl, context.placement, {
    ...context.gatewayEnv,
    ...tierLimitedGatewayEnv(WINDOW_MS),
  });
  const origin = new URL(gateway.ready);
  const pool = new Pool(origin.origin, { connections: QUERIES });
  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await pool.request({
      path: origin.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.body.json()) as { errors?: { extensions?: { code?: string } }[] };
  };
  try {
    await post(IDENTITY, {});
    await emulator.control.configure({ rateLimits: true, rateWindowMs: WINDOW_MS });
    await emulator.control.resetStats();
    const start = performance.now();
    const answeredAt: number[] = [];
    const answers = await Promise.all(
      list.conversations.map(async (conversation) => {
        const answer = await post(ONE_CONVERSATION, { id: conversation.id });
        answeredAt.push(performance.now() - start);
        return answer;
      }),
    );
    const ms = performance.now() - start;
    const budget = TIER_BUDGET['conversations.info'] as number;
    const stats = await emulator.control.stats();
    const errors = answers.filter((answer) => answer.errors && answer.errors.length > 0);
    const codes = [
      ...new Set(errors.flatMap((a) => a.errors?.map((e) => e.extensions?.code) ?? [])),
    ];
    const sentRatio = round(stats.total / neededTotal, 3);
    const timeRatio = round(ms / floorMs);
    return {
      id: 'tier-limits',
      title: 'emulator enforcing tiers with a compressed window, 100 concurrent queries',
      measure: 'client-visible errors; calls sent / calls needed; time / tier-budget minimum',
      target: '0; <= 1.05; <= 1.1',
      figure: `${errors.length}; ${sentRatio}; ${timeRatio} (${Math.round(ms)} ms / ${floorMs} ms)`,
      pass: errors.length === 0 && sentRatio <= 1.05 && timeRatio <= 1.1,
      ...(codes.length > 0 ? { note: `error codes seen: ${codes.join(', ')}` } : {}),
      details: {
        windowMs: WINDOW_MS,
        queries: QUERIES,
        errors: errors.length,
        errorCodes: codes,
        sent: callBreakdown(stats.calls),
        sentTotal: stats.total,
        needed,
        neededTotal,
        wallMs: Math.round(ms),
        tierMinimumMs: floorMs,
        windowWaitMs: waitMs,
        dependentCallsMs: round(chainMs),
        firstAnswerMs: Math.round(answeredAt[0] ?? ms),
        firstWindowMs: Math.round(answeredAt[budget - 1] ?? ms),
      },
    };
  } finally {
    await emulator.control.configure({ rateLimits: false });
    await pool.close();
    await gateway.stop();
  }
}
