/**
 * `peer-warm-reads`: one conversation by id (Q3) repeated with the same token at 50 connections,
 * every cache on, our gateway and each peer in alternating rounds: requests per second and CPU
 * per request (ours over the peer's), resident memory, Slack calls per request once warm.
 */
import { BENCH_TOKEN, startBenchGateway } from '../lib/bench-env.js';
import type { ServerProcess } from '../lib/child.js';
import { type GraphQLAnswer, graphqlTarget } from '../lib/graphql-target.js';
import {
  type Comparison,
  type Contender,
  compareInterleaved,
  type RoundResult,
} from '../lib/interleave.js';
import { createLoadClient } from '../lib/load.js';
import { residentMb } from '../lib/peer.js';
import { TAILCALL_PEER } from '../lib/peer-tailcall.js';
import { probeConversationList } from '../lib/probe.js';
import { median, round, summarizeRatios } from '../lib/stats.js';
import { meshQ3, oursQ3, tailcallQ3 } from './peer-queries.js';
import { AUTHORIZATION, problemsOf, withEachPeer } from './peer-servers.js';
import { CONNECTIONS, failuresOf, INTERLEAVED, roundsDetail } from './throughput.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

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

/**
 * The median round's share of a CPU used by ours, the peer and the load generator: when none is
 * near 1, req/s measured the machine's other load rather than either server.
 */
function busy(comparison: Comparison, peer: string) {
  const share = (name: string, of: (r: RoundResult) => number) =>
    round(median((comparison.rounds[name] ?? []).map(of)), 2);
  return {
    ours: share('ours', (r) => r.cpuShare.server),
    peer: share(peer, (r) => r.cpuShare.server),
    loadGenerator: share('ours', (r) => r.cpuShare.loadGenerator),
  };
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
        const cpuBusy = busy(comparison, started.peer.id);
        return {
          ...base,
          figure:
            `${ratios.perSecond.median}x req/s (rounds ${ratios.perSecond.min}–${ratios.perSecond.max}); ` +
            `${ratios.cpuPerRequest.median}x CPU/request (rounds ${ratios.cpuPerRequest.min}–${ratios.cpuPerRequest.max}); ` +
            `CPU busy ${cpuBusy.ours} vs ${cpuBusy.peer} (load generator ${cpuBusy.loadGenerator}); ` +
            `resident ${memory.oursMb} MB vs ${memory.peerMb} MB; Slack calls/request ${oursCalls} vs ${peerCalls}`,
          pass: failures === 0 && spec.met(ratios.perSecond.median, ratios.cpuPerRequest.median),
          details: {
            conversation: first.id,
            oursSlackCallsPerRequest: oursCalls,
            peerSlackCallsPerRequest: peerCalls,
            oursOverPeerPerSecond: ratios.perSecond,
            oursOverPeerCpuPerRequest: ratios.cpuPerRequest,
            cpuBusy,
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
