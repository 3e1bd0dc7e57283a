/**
 * `peer-calls`: the Slack calls a cold query costs on our gateway (a fresh process per query) and
 * on each peer, and the rows it returns, for Q1, Q2 and Q3 (bench/scenarios/peer-queries.ts).
 */
import { BENCH_TOKEN } from '../lib/bench-env.js';
import type { GraphQLAnswer } from '../lib/graphql-target.js';
import type { Peer } from '../lib/peer.js';
import { TAILCALL_PEER } from '../lib/peer-tailcall.js';
import { probeConversationList } from '../lib/probe.js';
import { callBreakdown, runOnColdGateway } from './fresh-gateway.js';
import {
  MESH_LIST,
  meshJoinQuery,
  meshQ3,
  OURS_Q1,
  OURS_Q2,
  oursQ3,
  TAILCALL_Q1,
  TAILCALL_Q2,
  tailcallQ3,
} from './peer-queries.js';
import { post, problemsOf, withEachPeer } from './peer-servers.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

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
