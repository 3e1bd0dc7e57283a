/**
 * Scenarios 5 and 7: requests per second of the same 200-conversation list shape, 50 connections,
 * our gateway (answers cached after the first request) against the minimal yoga + Pothos
 * baseline and against the Mesh + Hive Gateway peer, in interleaved rounds.
 */
import { BENCH_TOKEN, startBaseline, startBenchGateway } from '../lib/bench-env.js';
import type { ServerProcess } from '../lib/child.js';
import { graphqlTarget } from '../lib/graphql-target.js';
import { type Comparison, type Contender, compareInterleaved } from '../lib/interleave.js';
import { createLoadClient, type LoadLimits } from '../lib/load.js';
import { PeerUnavailable } from '../lib/peer.js';
import { MESH_PEER } from '../lib/peer-mesh.js';
import { round } from '../lib/stats.js';
import { BASELINE_LIST_PLAIN, LIST_PLAIN, PEER_LIST_PLAIN } from './queries.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

export const CONNECTIONS = 50;
/** Every interleaved comparison here: four rounds of 6 s after a short warm-up of each side. */
export const INTERLEAVED = {
  rounds: 4,
  limits: { connections: CONNECTIONS, maxRequests: 100_000, maxSeconds: 6 },
  warmup: { connections: CONNECTIONS, maxRequests: 2_000, maxSeconds: 3 },
} satisfies { rounds: number; limits: LoadLimits; warmup: LoadLimits };

function contender(name: string, server: ServerProcess, query: string): Contender {
  return {
    name,
    server,
    client: createLoadClient(graphqlTarget(server.ready, query), CONNECTIONS),
  };
}

export function roundsDetail(comparison: Comparison) {
  return Object.fromEntries(
    Object.entries(comparison.rounds).map(([name, rounds]) => [
      name,
      rounds.map((r) => ({
        perSecond: r.perSecond,
        requests: r.requests,
        failures: r.failures,
        p50Ms: r.latencyMs.p50,
        p99Ms: r.latencyMs.p99,
        cpuMsPerRequest: r.cpuMsPerRequest,
        cpuShare: r.cpuShare,
      })),
    ]),
  );
}

export function failuresOf(comparison: Comparison): number {
  return Object.values(comparison.rounds)
    .flat()
    .reduce((sum, r) => sum + r.failures, 0);
}

export async function throughputScenarios(context: ScenarioContext): Promise<ScenarioResult[]> {
  const { emulator } = context;
  const gateway = await startBenchGateway(emulator.apiUrl, context.placement, context.gatewayEnv);
  const baseline = await startBaseline(emulator.apiUrl, context.placement);
  const ours = contender('ours', gateway, LIST_PLAIN);
  const yardstick = contender('baseline', baseline, BASELINE_LIST_PLAIN);
  const results: ScenarioResult[] = [];
  try {
    // Calls of ours alone: one warm-up request fills the cache, the rest should cost nothing.
    await ours.client.once();
    await emulator.control.resetStats();
    const probe = await ours.client.run({ connections: 10, maxRequests: 200, maxSeconds: 10 });
    const oursCalls = (await emulator.control.stats()).total / Math.max(probe.requests, 1);
    const cacheNote =
      oursCalls === 0
        ? undefined
        : `cache not wired: ours made ${round(oursCalls)} Slack calls per request`;

    context.log('cached reads: ours vs baseline (interleaved rounds)');
    const vsBaseline = await compareInterleaved(ours, yardstick, INTERLEAVED);
    const ratio = vsBaseline.perSecondRatio.median;
    results.push({
      id: 'cached-reads-vs-baseline',
      title: 'cached reads, 50 connections',
      measure: 'req/s vs a minimal yoga+Pothos server doing the same shape in the same run',
      target: '>= 0.8x',
      figure: `${ratio}x (rounds ${vsBaseline.perSecondRatio.min}–${vsBaseline.perSecondRatio.max})`,
      pass: cacheNote ? null : ratio >= 0.8 && failuresOf(vsBaseline) === 0,
      ...(cacheNote ? { note: cacheNote } : {}),
      details: {
        query: 'conversations(first: 200) with name, isPrivate, isArchived, topic, purpose',
        oursSlackCallsPerRequest: oursCalls,
        baselineSlackCallsPerRequest: 1,
        perSecondRatio: vsBaseline.perSecondRatio,
        baselineCpuOverOursCpuPerRequest: vsBaseline.cpuPerRequestRatio,
        failures: failuresOf(vsBaseline),
        rounds: roundsDetail(vsBaseline),
      },
    });

    if (context.quick) return results;
    results.push(await peerScenario(context, ours));
    return results;
  } finally {
    await ours.client.close();
    await yardstick.client.close();
    await baseline.stop();
    await gateway.stop();
  }
}

const PEER_BASE = {
  id: 'peer-mesh-hive-gateway',
  title: 'peer: GraphQL Mesh + Hive Gateway over an OpenAPI source on the same emulator',
  measure: 'req/s and CPU per request vs ours',
  target: 'ours >= 2.5x req/s',
};

async function peerScenario(context: ScenarioContext, ours: Contender): Promise<ScenarioResult> {
  let peerServer: ServerProcess;
  try {
    peerServer = await MESH_PEER.start(context.emulator.apiUrl, BENCH_TOKEN);
    if (context.placement) peerServer.pin(context.placement.server);
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    const figure = error instanceof PeerUnavailable ? message : `failed to start: ${message}`;
    return { ...PEER_BASE, figure, pass: null, details: {} };
  }
  const peer = contender('peer', peerServer, PEER_LIST_PLAIN);
  try {
    context.log('ours vs peer (interleaved rounds)');
    const comparison = await compareInterleaved(ours, peer, INTERLEAVED);
    const ratio = comparison.perSecondRatio.median;
    return {
      ...PEER_BASE,
      figure:
        `${ratio}x req/s (rounds ${comparison.perSecondRatio.min}–${comparison.perSecondRatio.max}); ` +
        `peer CPU/request ${comparison.cpuPerRequestRatio.median}x ours`,
      pass: ratio >= 2.5 && failuresOf(comparison) === 0,
      details: {
        query: 'same list shape: conversations_list(limit: 200) { channels { … } } on the peer',
        perSecondRatio: comparison.perSecondRatio,
        peerCpuOverOursCpuPerRequest: comparison.cpuPerRequestRatio,
        failures: failuresOf(comparison),
        rounds: roundsDetail(comparison),
        note: 'the peer makes one Slack call per request (no cache); ours answers from its cache',
      },
    };
  } finally {
    await peer.client.close();
    await peerServer.stop();
  }
}
