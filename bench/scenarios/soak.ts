/**
 * Scenario 8: a soak of our gateway. 100,000 requests (one conversation with its creator, over
 * every channel in turn, so the cache keeps serving and refilling), with the heap measured after
 * a full GC once 25,000 requests are done and again at the end. A heap that keeps growing means
 * something per request is kept: the ratio must stay near 1.
 *
 * `runSoak` is reusable for any server started with the heap probe (bench/servers/heap-probe.ts).
 */
import { BENCH_TOKEN, memoryAfterGc, startBenchGateway } from '../lib/bench-env.js';
import type { ServerProcess } from '../lib/child.js';
import { graphqlTarget } from '../lib/graphql-target.js';
import { createLoadClient, type LoadResult, type Target } from '../lib/load.js';
import { probeConversationList } from '../lib/probe.js';
import { round } from '../lib/stats.js';
import { ONE_CONVERSATION } from './queries.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

export interface SoakOptions {
  server: ServerProcess;
  /** The operation, or the operation of request `index`. */
  query: string | ((index: number) => string);
  /** The variables of request `index` (counted over the whole soak). */
  variables: (index: number) => Record<string, unknown>;
  /** Headers of request `index` besides the JSON ones (e.g. its token). @default none */
  headers?: (index: number) => Record<string, string>;
  /** Whether an answer is the expected one. @default 200 with data and no errors */
  check?: Target['check'];
  /** Request counts at which the heap is measured, ascending; the last one ends the soak. */
  checkpoints: readonly number[];
  connections: number;
  /** Upper bound of the whole soak. */
  maxSeconds: number;
  /** More figures to record at each checkpoint (e.g. the emulator's call counts). */
  probe?: () => Promise<Record<string, number>>;
}

export interface SoakCheckpoint {
  requests: number;
  heapMb: number;
  rssMb: number;
  failures: number;
  perSecond: number;
  probe?: Record<string, number>;
}

export async function runSoak(options: SoakOptions): Promise<SoakCheckpoint[]> {
  // The load client counts requests per run; `offset` makes indexes count over the whole soak.
  let offset = 0;
  const { query, headers, check } = options;
  const target = graphqlTarget(
    options.server.ready,
    typeof query === 'string' ? query : (index) => query(offset + index),
    (index) => options.variables(offset + index),
    headers === undefined ? undefined : (index) => headers(offset + index),
  );
  const client = createLoadClient(
    check === undefined ? target : { ...target, check },
    options.connections,
  );
  const deadline = Date.now() + options.maxSeconds * 1000;
  const checkpoints: SoakCheckpoint[] = [];
  let done = 0;
  let failures = 0;
  try {
    for (const checkpoint of options.checkpoints) {
      offset = done;
      const result: LoadResult = await client.run({
        connections: options.connections,
        maxRequests: checkpoint - done,
        maxSeconds: Math.max(1, (deadline - Date.now()) / 1000),
      });
      done += result.requests;
      failures += result.failures;
      const memory = await memoryAfterGc(options.server);
      checkpoints.push({
        requests: done,
        heapMb: round(memory.heapBytes / 1024 / 1024, 1),
        rssMb: round(memory.rssBytes / 1024 / 1024, 1),
        failures,
        perSecond: result.perSecond,
        ...(options.probe === undefined ? {} : { probe: await options.probe() }),
      });
      if (done < checkpoint) break;
    }
  } finally {
    await client.close();
  }
  return checkpoints;
}

const TOTAL = 100_000;
const FIRST_CHECKPOINT = 25_000;

export async function soak(context: ScenarioContext): Promise<ScenarioResult> {
  const list = await probeConversationList(context.emulator.apiUrl, BENCH_TOKEN, 1_000);
  const ids = list.conversations.map((conversation) => conversation.id);
  const gateway = await startBenchGateway(
    context.emulator.apiUrl,
    context.placement,
    context.gatewayEnv,
  );
  try {
    const checkpoints = await runSoak({
      server: gateway,
      query: ONE_CONVERSATION,
      variables: (index) => ({ id: ids[index % ids.length] }),
      checkpoints: [FIRST_CHECKPOINT, TOTAL],
      connections: 50,
      maxSeconds: 420,
    });
    const first = checkpoints[0];
    const last = checkpoints.at(-1);
    const complete = last?.requests === TOTAL;
    const ratio = first && last ? round(last.heapMb / first.heapMb) : Number.NaN;
    return {
      id: 'soak',
      title: 'soak, 100k requests',
      measure: 'heap after GC at 100k / at 25k',
      target: '<= 1.1',
      figure: `${ratio} (${first?.heapMb} MB → ${last?.heapMb} MB)`,
      pass: complete && (last?.failures ?? 1) === 0 && ratio <= 1.1,
      ...(complete ? {} : { note: `stopped at ${last?.requests} requests (time limit)` }),
      details: { query: 'OneConversation over every channel in turn', checkpoints },
    };
  } finally {
    await gateway.stop();
  }
}
