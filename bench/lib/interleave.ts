/**
 * Side-by-side throughput: two servers measured in alternating rounds (A B, B A, A B…) under the
 * same load, so drift on a shared machine hits both; each round gives a ratio, and the median
 * round is the figure.
 */
import type { ServerProcess } from './child.js';
import type { LoadClient, LoadLimits, LoadResult } from './load.js';
import { type RatioSummary, round, summarizeRatios } from './stats.js';

export interface Contender {
  name: string;
  client: LoadClient;
  server: ServerProcess;
}

export interface RoundResult extends LoadResult {
  /** CPU time of the server's processes per successful request. */
  cpuMsPerRequest: number;
  /**
   * CPU seconds per second of the server's processes, and of this process (the load generator):
   * a round where neither is near the CPU it is pinned to measured the machine's other load
   * (the scheduler), not the server.
   */
  cpuShare: { server: number; loadGenerator: number };
}

export interface Comparison {
  rounds: Record<string, RoundResult[]>;
  /** A's req/s over B's, per round. */
  perSecondRatio: RatioSummary;
  /** B's CPU per request over A's, per round (above 1: A is cheaper). */
  cpuPerRequestRatio: RatioSummary;
}

async function measure(contender: Contender, limits: LoadLimits): Promise<RoundResult> {
  const before = contender.server.cpuSeconds();
  const generatorBefore = process.cpuUsage();
  const result = await contender.client.run(limits);
  const cpu = contender.server.cpuSeconds() - before;
  const generator = process.cpuUsage(generatorBefore);
  const seconds = Math.max(result.seconds, 1e-9);
  return {
    ...result,
    cpuMsPerRequest: round((cpu * 1000) / Math.max(result.requests, 1), 3),
    cpuShare: {
      server: round(cpu / seconds, 2),
      loadGenerator: round((generator.user + generator.system) / 1e6 / seconds, 2),
    },
  };
}

export async function compareInterleaved(
  a: Contender,
  b: Contender,
  options: { rounds: number; limits: LoadLimits; warmup: LoadLimits },
): Promise<Comparison> {
  await a.client.run(options.warmup);
  await b.client.run(options.warmup);
  const rounds: Record<string, RoundResult[]> = { [a.name]: [], [b.name]: [] };
  const perSecond: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < options.rounds; index += 1) {
    const order = index % 2 === 0 ? [a, b] : [b, a];
    const results = new Map<Contender, RoundResult>();
    for (const contender of order) results.set(contender, await measure(contender, options.limits));
    const ra = results.get(a) as RoundResult;
    const rb = results.get(b) as RoundResult;
    rounds[a.name]?.push(ra);
    rounds[b.name]?.push(rb);
    perSecond.push(ra.perSecond / Math.max(rb.perSecond, 1e-9));
    cpu.push(rb.cpuMsPerRequest / Math.max(ra.cpuMsPerRequest, 1e-9));
  }
  return {
    rounds,
    perSecondRatio: summarizeRatios(perSecond),
    cpuPerRequestRatio: summarizeRatios(cpu),
  };
}
