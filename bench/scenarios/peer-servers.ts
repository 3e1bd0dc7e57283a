/**
 * Running the peers (bench/lib/peer*.ts) in a scenario: each started in turn against the run's
 * emulator and pinned like our gateway, or reported with why it cannot run; and what the peer
 * scenarios share to talk to any of the servers.
 */
import { BENCH_TOKEN } from '../lib/bench-env.js';
import type { ServerProcess } from '../lib/child.js';
import { type GraphQLAnswer, postGraphQL } from '../lib/graphql-target.js';
import { type Peer, PeerUnavailable } from '../lib/peer.js';
import { MESH_PEER } from '../lib/peer-mesh.js';
import { TAILCALL_PEER } from '../lib/peer-tailcall.js';
import type { ScenarioContext } from './types.js';

/** Every request carries the token, as Tailcall forwards the caller's header to Slack. */
export const AUTHORIZATION = { authorization: `Bearer ${BENCH_TOKEN}` };

export type Started = { peer: Peer; server: ServerProcess } | { peer: Peer; unavailable: string };

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
export async function withEachPeer<T>(
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

export function post(url: string, query: string): Promise<GraphQLAnswer> {
  return postGraphQL(url, query, {}, AUTHORIZATION);
}

/** The GraphQL errors and Slack `ok: false` envelopes (which Mesh and Tailcall pass as data). */
export function problemsOf(answer: GraphQLAnswer): string[] {
  const problems = (answer.errors ?? []).map((error) => error.message);
  const text = JSON.stringify(answer.data ?? null);
  for (const match of text.matchAll(/"error":"([^"]+)"/g)) problems.push(`ok:false ${match[1]}`);
  if (answer.data === null || answer.data === undefined) problems.push('data: null');
  return problems;
}
