/**
 * Our gateway next to its peers (Tailcall; GraphQL Mesh + Hive Gateway), in the same run, against
 * the same emulator, with the same token:
 * - `peer-calls`: Slack calls a cold query costs on each server (Q1, Q2, Q3), and the rows it
 *   returns;
 * - `peer-tier-limits`: 100 concurrent lookups of different conversations while the emulator
 *   enforces Slack's tiers: errors the clients see, calls sent, time;
 * - `peer-warm-reads`: one conversation by id repeated at 50 connections with every cache on:
 *   requests per second and CPU per request in interleaved rounds, and resident memory.
 * A peer that is not set up (or cannot run here) is reported as such, with what to run.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { BENCH_TOKEN, startBenchGateway } from '../lib/bench-env.js';
import type { ServerProcess } from '../lib/child.js';
import { tierLimitedGatewayEnv } from '../lib/gateway-settings.js';
import { type GraphQLAnswer, graphqlTarget, postGraphQL } from '../lib/graphql-target.js';
import { type Comparison, type Contender, compareInterleaved } from '../lib/interleave.js';
import { createLoadClient } from '../lib/load.js';
import { type Peer, PeerUnavailable, residentMb } from '../lib/peer.js';
import { MESH_PEER } from '../lib/peer-mesh.js';
import { TAILCALL_PEER } from '../lib/peer-tailcall.js';
import { probeConversationList } from '../lib/probe.js';
import { round, summarizeRatios } from '../lib/stats.js';
import { callBreakdown, runOnColdGateway } from './fresh-gateway.js';
import {
  MESH_LIST,
  meshJoinQuery,
  meshQ3,
  meshWithCreator,
  OURS_Q1,
  OURS_Q2,
  oursQ3,
  oursWithCreator,
  TAILCALL_Q1,
  TAILCALL_Q2,
  tailcallQ3,
  tailcallWithCreator,
} from './peer-queries.js';
import { CONNECTIONS, failuresOf, INTERLEAVED, roundsDetail } from './throughput.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

/** Every request carries the token, as Tailcall forwards the caller's header to Slack. */
const AUTHORIZATION = { authorization: `Bearer ${BENCH_TOKEN}` };

type Started = { peer: Peer; server: ServerProcess } | { peer: Peer; unavailable: string };

async function startPeer(context: ScenarioContext, peer: Peer): Promise<Started> {
  try {
    const server = await peer.start(context.emulator.apiUrl, BENCH_TOKEN);
    if (context.placement) server.pin(context.placement.server);
    return { peer, server };
  } catch (error) {
    if (error instanceof PeerUnavailable) return { peer, unavailable: error.message };
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { peer, unavailable: `failed to start: ${message}` };
  }
}

/** Starts each peer in turn, runs `use` with it (or with why it is unavailable), stops it. */
async function withEachPeer<T>(
  context: ScenarioContext,
  use: (started: Started) => Promise<T>,
): Promise<T[]> {
  const outcomes: T[] = [];
  for (const peer of [TAILCALL_PEER, MESH_PEER]) {
    const started = await startPeer(context, peer);
    try {
      outcomes.push(await use(started));
    } finally {
      if ('server' in started) await started.server.stop();
    }
  }
  return outcomes;
}

function post(url: string, query: string): Promise<GraphQLAnswer> {
  return postGraphQL(url, query, {}, AUTHORIZATION);
}

/** The GraphQL errors and Slack `ok: false` envelopes (which Mesh and Tailcall pass as data). */
function problemsOf(answer: GraphQLAnswer): string[] {
  const problems = (answer.errors ?? []).map((error) => error.message);
  const text = JSON.stringify(answer.data ?? null);
  for (const match of text.matchAll(/"error":"([^"]+)"/g)) problems.push(`ok:false ${match[1]}`);
  if (answer.data === null || answer.data === undefined) problems.push('data: null');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Slack calls per query

interface CallCount {
  calls: number;
  breakdown: Record<string, number>;
  rows: number;
  /** GraphQL operations the client sent for the data. */
  operations: number;
  problems: string[];
}

type Channels = { id: string; creator?: string }[];

function channelsOf(answer: GraphQLAnswer, field: string): Channels {
  const data = answer.data as Record<string, { channels?: Channels } | undefined> | undefined;
  return data?.[field]?.channels ?? [];
}

/** Runs `client` on a freshly reset emulator counter and reads what it cost. */
async function countCalls(
  context: ScenarioContext,
  client: () => Promise<{ rows: number; operations: number; answers: GraphQLAnswer[] }>,
): Promise<CallCount> {
  await context.emulator.control.resetStats();
  const { rows, operations, answers } = await client();
  const stats = await context.emulator.control.stats();
  return {
    calls: stats.total,
    breakdown: callBreakdown(stats.calls),
    rows,
    operations,
    problems: answers.flatMap(problemsOf).slice(0, 5),
  };
}

interface Query {
  id: string;
  title: string;
  /** What each server is sent for it. */
  ours: string;
  peers(
    url: string,
    peer: Peer,
  ): Promise<{ rows: number; operations: number; answers: GraphQLAnswer[] }>;
}

/** Mesh has no link from a conversation to its creator or members: its client joins them. */
async function meshJoin(url: string, withMembers: boolean) {
  const list = await post(url, MESH_LIST);
  const channels = channelsOf(list, 'conversations_list');
  const creators = [...new Set(channels.flatMap((c) => (c.creator ? [c.creator] : [])))];
  const join = await post(
    url,
    meshJoinQuery(creators, withMembers ? channels.map((c) => c.id) : []),
  );
  return { rows: channels.length, operations: 2, answers: [list, join] };
}

async function tailcallList(url: string, query: string) {
  const answer = await post(url, query);
  return { rows: channelsOf(answer, 'conversations').length, operations: 1, answers: [answer] };
}

function listQueries(): Query[] {
  return [
    {
      id: 'q1',
      title: 'Q1: 200 conversations with topic, purpose and creator names',
      ours: OURS_Q1,
      peers: (url, peer) =>
        peer === TAILCALL_PEER ? tailcallList(url, TAILCALL_Q1) : meshJoin(url, false),
    },
    {
      id: 'q2',
      title: 'Q2: 200 conversations with creator names and 5 members each',
      ours: OURS_Q2,
      peers: (url, peer) =>
        peer === TAILCALL_PEER ? tailcallList(url, TAILCALL_Q2) : meshJoin(url, true),
    },
  ];
}

function byIdQuery(id: string): Query {
  return {
    id: 'q3',
    title: 'Q3: one conversation by id with name and topic',
    ours: oursQ3(id),
    peers: async (url, peer) => {
      const answer = await post(url, peer === TAILCALL_PEER ? tailcallQ3(id) : meshQ3(id));
      return { rows: problemsOf(answer).length === 0 ? 1 : 0, operations: 1, answers: [answer] };
    },
  };
}

function oursRows(answer: GraphQLAnswer): number {
  const data = answer.data as
    | { conversations?: { edges?: unknown[] }; conversation?: unknown }
    | undefined;
  if (data?.conversations) return data.conversations.edges?.length ?? 0;
  return data?.conversation ? 1 : 0;
}

function describeCount(name: string, count: CallCount | string): string {
  if (typeof count === 'string') return `${name}: ${count}`;
  const operations = count.operations > 1 ? ` in ${count.operations} queries` : '';
  const problems = count.problems.length > 0 ? `, errors: ${count.problems[0]}` : '';
  return `${name} ${count.calls}${operations} (${count.rows} row${count.rows === 1 ? '' : 's'}${problems})`;
}

export async function peerCalls(context: ScenarioContext): Promise<ScenarioResult[]> {
  const [first] = (await probeConversationList(context.emulator.apiUrl, BENCH_TOKEN, 1))
    .conversations;
  if (!first) throw new Error('the bench workspace has no conversation');
  const queries = [...listQueries(), byIdQuery(first.id)];

  const ours = new Map<string, CallCount>();
  for (const query of queries) {
    const run = await runOnColdGateway(context, query.ours);
    ours.set(query.id, {
      calls: run.calls.total,
      breakdown: callBreakdown(run.calls.calls),
      rows: oursRows(run.answer),
      operations: 1,
      problems: problemsOf(run.answer),
    });
  }
  // One process per peer for all three queries: neither caches a list, and Q3 comes last.
  const perPeer = await withEachPeer(context, async (started) => {
    const counts = new Map<string, CallCount | string>();
    for (const query of queries) {
      counts.set(
        query.id,
        'server' in started
          ? await countCalls(context, () => query.peers(started.server.ready, started.peer))
          : started.unavailable,
      );
    }
    return { peer: started.peer, counts };
  });

  return queries.map((query) => {
    const mine = ours.get(query.id) as CallCount;
    const theirs = perPeer.map(({ peer, counts }) => ({
      peer,
      count: counts.get(query.id) as CallCount | string,
    }));
    const measured = theirs.flatMap(({ count }) => (typeof count === 'string' ? [] : [count]));
    const fewest =
      mine.problems.length === 0 &&
      measured.every((count) => mine.calls <= count.calls && mine.rows >= count.rows);
    return {
      id: `peer-calls-${query.id}`,
      title: `${query.title}, vs peers`,
      measure: 'Slack calls per query, cold (rows returned)',
      target: 'ours: no more calls than any peer, every row',
      figure: [
        describeCount('ours', mine),
        ...theirs.map(({ peer, count }) => describeCount(peer.title, count)),
      ].join('; '),
      pass: measured.length === 0 ? null : fewest,
      details: {
        ours: mine,
        ...Object.fromEntries(theirs.map(({ peer, count }) => [peer.id, count])),
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The burst under Slack's tiers

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
  return `${name} ${outcome.incomplete} failed, ${outcome.calls} calls, ${outcome.ms} ms`;
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

// ---------------------------------------------------------------------------------------------
// Warm reads

function contender(name: string, server: ServerProcess, query: string): Contender {
  const target = graphqlTarget(server.ready, query);
  return {
    name,
    server,
    client: createLoadClient(
      { ...target, headers: { ...target.headers, ...AUTHORIZATION } },
      CONNECTIONS,
    ),
  };
}

/** Slack calls per request once warm (0 when the server answers from its cache). */
async function warmCallsPerRequest(context: ScenarioContext, side: Contender): Promise<number> {
  const first = await side.client.once();
  if (first.status !== 200 || problemsOf(JSON.parse(first.body) as GraphQLAnswer).length > 0) {
    throw new Error(`${side.name}: ${first.status} ${first.body.slice(0, 200)}`);
  }
  await context.emulator.control.resetStats();
  const probe = await side.client.run({ connections: 10, maxRequests: 200, maxSeconds: 10 });
  return round((await context.emulator.control.stats()).total / Math.max(probe.requests, 1), 3);
}

/** Ours over the peer, per round: req/s, and CPU per request. */
function oursOverPeer(comparison: Comparison, peer: string) {
  const ours = comparison.rounds.ours ?? [];
  const theirs = comparison.rounds[peer] ?? [];
  return {
    perSecond: comparison.perSecondRatio,
    cpuPerRequest: summarizeRatios(
      ours.map((r, i) => r.cpuMsPerRequest / Math.max(theirs[i]?.cpuMsPerRequest ?? 0, 1e-9)),
    ),
  };
}

const WARM_TARGETS: Record<
  string,
  { target: string; met(perSecond: number, cpu: number): boolean }
> = {
  tailcall: {
    target: 'ours >= 0.9x req/s, <= 2x CPU/request (issue 16)',
    met: (perSecond, cpu) => perSecond >= 0.9 && cpu <= 2,
  },
  'mesh-hive-gateway': {
    target: 'ours >= 2.5x req/s',
    met: (perSecond) => perSecond >= 2.5,
  },
};

export async function peerWarmReads(context: ScenarioContext): Promise<ScenarioResult[]> {
  const [first] = (await probeConversationList(context.emulator.apiUrl, BENCH_TOKEN, 1))
    .conversations;
  if (!first) throw new Error('the bench workspace has no conversation');
  const gateway = await startBenchGateway(
    context.emulator.apiUrl,
    context.placement,
    context.gatewayEnv,
  );
  const ours = contender('ours', gateway, oursQ3(first.id));
  try {
    const oursCalls = await warmCallsPerRequest(context, ours);
    return await withEachPeer(context, async (started) => {
      const spec = WARM_TARGETS[started.peer.id] as (typeof WARM_TARGETS)[string];
      const base = {
        id: `peer-warm-reads-${started.peer.id}`,
        title: `Q3 cached reads, 50 connections, vs ${started.peer.title}`,
        measure: 'ours req/s ÷ peer; ours CPU per request ÷ peer (interleaved rounds)',
        target: spec.target,
      };
      if (!('server' in started)) {
        return { ...base, figure: started.unavailable, pass: null, details: {} };
      }
      const query = started.peer === TAILCALL_PEER ? tailcallQ3(first.id) : meshQ3(first.id);
      const peer = contender(started.peer.id, started.server, query);
      try {
        const peerCalls = await warmCallsPerRequest(context, peer);
        context.log(`warm reads: ours vs ${started.peer.title} (interleaved rounds)`);
        const comparison = await compareInterleaved(ours, peer, INTERLEAVED);
        const ratios = oursOverPeer(comparison, started.peer.id);
        const memory = { oursMb: residentMb(gateway.pid), peerMb: residentMb(started.server.pid) };
        const failures = failuresOf(comparison);
        return {
          ...base,
          figure:
            `${ratios.perSecond.median}x req/s (rounds ${ratios.perSecond.min}–${ratios.perSecond.max}); ` +
            `${ratios.cpuPerRequest.median}x CPU/request (rounds ${ratios.cpuPerRequest.min}–${ratios.cpuPerRequest.max}); ` +
            `resident ${memory.oursMb} MB vs ${memory.peerMb} MB; Slack calls/request ${oursCalls} vs ${peerCalls}`,
          pass: failures === 0 && spec.met(ratios.perSecond.median, ratios.cpuPerRequest.median),
          details: {
            conversation: first.id,
            oursSlackCallsPerRequest: oursCalls,
            peerSlackCallsPerRequest: peerCalls,
            oursOverPeerPerSecond: ratios.perSecond,
            oursOverPeerCpuPerRequest: ratios.cpuPerRequest,
            residentMemory: memory,
            failures,
            rounds: roundsDetail(comparison),
          },
        };
      } finally {
        await peer.client.close();
      }
    });
  } finally {
    await ours.client.close();
    await gateway.stop();
  }
}
