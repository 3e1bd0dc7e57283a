/**
 * `peer-tier-limits`: the emulator enforces Slack's tiers over a compressed window while 100
 * lookups of different conversations arrive at once, at our gateway (with the tier budgets of the
 * `tier-limits` scenario), then at each peer, each starting with empty buckets: answers that
 * fail, Slack calls sent, time.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { BENCH_TOKEN, startBenchGateway } from '../lib/bench-env.js';
import { tierLimitedGatewayEnv } from '../lib/gateway-settings.js';
import type { GraphQLAnswer } from '../lib/graphql-target.js';
import { TAILCALL_PEER } from '../lib/peer-tailcall.js';
import { probeConversationList } from '../lib/probe.js';
import { callBreakdown } from './fresh-gateway.js';
import { meshWithCreator, oursWithCreator, tailcallWithCreator } from './peer-queries.js';
import { AUTHORIZATION, post, problemsOf, withEachPeer } from './peer-servers.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

const BURST_QUERIES = 100;
const WINDOW_MS = 3_000;

interface BurstOutcome {
  /** Answers without the conversation (and, where the server can join it, its creator's name). */
  incomplete: number;
  problems: string[];
  calls: number;
  breakdown: Record<string, number>;
  ms: number;
}

async function burst(
  context: ScenarioContext,
  url: string,
  ids: readonly string[],
  queryOf: (id: string) => string,
  complete: (data: unknown, id: string) => boolean,
): Promise<BurstOutcome> {
  const { control } = context.emulator;
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: ids.length });
  try {
    await control.configure({ rateLimits: true, rateWindowMs: WINDOW_MS });
    await control.resetStats();
    const start = performance.now();
    const answers = await Promise.all(
      ids.map(async (id) => {
        const response = await pool.request({
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...AUTHORIZATION },
          body: JSON.stringify({ query: queryOf(id) }),
        });
        const text = await response.body.text();
        let answer: GraphQLAnswer;
        try {
          answer = JSON.parse(text) as GraphQLAnswer;
        } catch {
          answer = { errors: [{ message: `HTTP ${response.statusCode}: ${text.slice(0, 80)}` }] };
        }
        return { id, answer };
      }),
    );
    const ms = performance.now() - start;
    const stats = await control.stats();
    const failed = answers.filter(
      ({ id, answer }) => problemsOf(answer).length > 0 || !complete(answer.data, id),
    );
    return {
      incomplete: failed.length,
      problems: [...new Set(failed.flatMap(({ answer }) => problemsOf(answer)))].slice(0, 5),
      calls: stats.total,
      breakdown: callBreakdown(stats.calls),
      ms: Math.round(ms),
    };
  } finally {
    // Off, so the next server's burst starts with every bucket empty (on resets them).
    await control.configure({ rateLimits: false });
    await pool.close();
  }
}

type ConversationData = {
  conversation?: { id?: string; creator?: { name?: string } | null } | null;
  conversations_info?: { channel?: { id?: string } | null } | null;
};

/** Ours and Tailcall: the conversation with its creator's name (every sampled one has one). */
function withCreatorName(data: unknown, id: string): boolean {
  const conversation = (data as ConversationData | undefined)?.conversation;
  return conversation?.id === id && typeof conversation.creator?.name === 'string';
}

/** Mesh: the conversation (its creator's name would take a second query per conversation). */
function meshConversation(data: unknown, id: string): boolean {
  return (data as ConversationData | undefined)?.conversations_info?.channel?.id === id;
}

function describeBurst(name: string, outcome: BurstOutcome | string): string {
  if (typeof outcome === 'string') return `${name}: ${outcome}`;
  const first = outcome.problems[0];
  const example = first === undefined ? '' : ` (e.g. ${first.slice(0, 80)})`;
  return `${name} ${outcome.incomplete} failed${example}, ${outcome.calls} calls, ${outcome.ms} ms`;
}

export async function peerTierLimits(context: ScenarioContext): Promise<ScenarioResult> {
  const { conversations } = await probeConversationList(
    context.emulator.apiUrl,
    BENCH_TOKEN,
    BURST_QUERIES,
  );
  const ids = conversations.filter((c) => c.creator).map((c) => c.id);
  const gateway = await startBenchGateway(context.emulator.apiUrl, context.placement, {
    ...context.gatewayEnv,
    ...tierLimitedGatewayEnv(WINDOW_MS),
  });
  let ours: BurstOutcome;
  try {
    await post(gateway.ready, 'query Identity { viewer { team { id } } }');
    ours = await burst(context, gateway.ready, ids, oursWithCreator, withCreatorName);
  } finally {
    await gateway.stop();
  }
  const peers = await withEachPeer(context, async (started) => ({
    peer: started.peer,
    outcome:
      'server' in started
        ? await burst(
            context,
            started.server.ready,
            ids,
            started.peer === TAILCALL_PEER ? tailcallWithCreator : meshWithCreator,
            started.peer === TAILCALL_PEER ? withCreatorName : meshConversation,
          )
        : started.unavailable,
  }));
  const measured = peers.flatMap(({ outcome }) => (typeof outcome === 'string' ? [] : [outcome]));
  return {
    id: 'peer-tier-limits',
    title: `${ids.length} concurrent lookups under Slack's tiers (${WINDOW_MS / 1000} s window), vs peers`,
    measure: 'failed answers, Slack calls sent, time',
    target: 'ours: 0 failed',
    figure: [
      describeBurst('ours', ours),
      ...peers.map(({ peer, outcome }) => describeBurst(peer.title, outcome)),
    ].join('; '),
    pass: measured.length === 0 ? null : ours.incomplete === 0,
    details: {
      windowMs: WINDOW_MS,
      queries: ids.length,
      ours,
      ...Object.fromEntries(peers.map(({ peer, outcome }) => [peer.id, outcome])),
      meshNote: 'Mesh answers carry the creator ID only: a name takes a second query',
    },
  };
}
