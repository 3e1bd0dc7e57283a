/**
 * Cached reads of one conversation by id (the same request from 50 connections): our gateway
 * with the repeat-request fast path (src/http/repeat-fast-path.ts) against the same gateway
 * without it (`SLACK_REPEAT_FAST_PATH=off`: the whole-response cache behind yoga's pipeline),
 * in interleaved rounds. Both make no Slack call per request once warm.
 */
import { BENCH_TOKEN, startBenchGateway } from '../lib/bench-env.js';
import type { ServerProcess } from '../lib/child.js';
import { graphqlTarget } from '../lib/graphql-target.js';
import { type Comparison, type Contender, compareInterleaved } from '../lib/interleave.js';
import { createLoadClient } from '../lib/load.js';
import { probeConversationList } from '../lib/probe.js';
import { median, round } from '../lib/stats.js';
import { ONE_CONVERSATION } from './queries.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

const CONNECTIONS = 50;

function contender(name: string, server: ServerProcess, id: string): Contender {
  return {
    name,
    server,
    client: createLoadClient(graphqlTarget(server.ready, ONE_CONVERSATION, { id }), CONNECTIONS),
  };
}

function summary(comparison: Comparison, name: string) {
  const rounds = comparison.rounds[name] ?? [];
  return {
    perSecond: round(median(rounds.map((r) => r.perSecond))),
    cpuMsPerRequest: round(median(rounds.map((r) => r.cpuMsPerRequest)), 3),
    p50Ms: round(median(rounds.map((r) => r.latencyMs.p50))),
    p99Ms: round(median(rounds.map((r) => r.latencyMs.p99))),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}

export async function repeatFastPath(context: ScenarioContext): Promise<ScenarioResult> {
  const { emulator } = context;
  const list = await probeConversationList(emulator.apiUrl, BENCH_TOKEN, 1);
  const id = list.conversations[0]?.id;
  if (id === undefined) throw new Error('the bench workspace has no conversation');
  const fast = await startBenchGateway(emulator.apiUrl, context.placement, context.gatewayEnv);
  const without = await startBenchGateway(emulator.apiUrl, context.placement, {
    ...context.gatewayEnv,
    SLACK_REPEAT_FAST_PATH: 'off',
  });
  const ours = contender('fast path', fast, id);
  const before = contender('response cache only', without, id);
  try {
    for (const side of [ours, before]) {
      for (let index = 0; index < 3; index += 1) await side.client.once();
    }
    await emulator.control.resetStats();
    context.log('cached reads of one conversation: fast path vs response cache only');
    const comparison = await compareInterleaved(ours, before, {
      rounds: context.quick ? 2 : 4,
      limits: { connections: CONNECTIONS, maxRequests: 200_000, maxSeconds: context.quick ? 2 : 6 },
      warmup: { connections: CONNECTIONS, maxRequests: 2_000, maxSeconds: 3 },
    });
    const calls = (await emulator.control.stats()).total;
    const fastSide = summary(comparison, ours.name);
    const beforeSide = summary(comparison, before.name);
    const ratio = comparison.perSecondRatio.median;
    return {
      id: 'cached-read-fast-path',
      title: 'cached reads of one conversation by id, 50 connections',
      measure: 'req/s and CPU per request: fast path vs the response cache alone, same run',
      target: 'more req/s, less CPU per request; 0 Slack calls',
      figure:
        `${ratio}x req/s (rounds ${comparison.perSecondRatio.min}–${comparison.perSecondRatio.max}; ` +
        `${fastSide.perSecond} vs ${beforeSide.perSecond}); CPU/request ` +
        `${fastSide.cpuMsPerRequest} ms vs ${beforeSide.cpuMsPerRequest} ms; ${calls} Slack calls`,
      pass: ratio > 1 && calls === 0 && fastSide.failures + beforeSide.failures === 0,
      details: {
        query: 'ONE_CONVERSATION (conversation by id with topic and creator name)',
        perSecondRatio: comparison.perSecondRatio,
        cpuPerRequestRatio: comparison.cpuPerRequestRatio,
        fastPath: fastSide,
        responseCacheOnly: beforeSide,
        slackCalls: calls,
      },
    };
  } finally {
    await ours.client.close();
    await before.client.close();
    await fast.stop();
    await without.stop();
  }
}
