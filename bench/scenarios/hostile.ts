/**
 * Issue 13's two memory attacks at full size, against our gateway with its production defaults
 * (governor and cache on, a default token, budget 1,000): the heap and resident set after a full
 * GC at checkpoints, and the emulator's Slack calls. Flat means the heap at the end is within 10%
 * of the heap once the gateway is warm (and, for tokens, its bounded per-token state is full). Built on `runSoak`
 * (soak.ts). The attack tests (test/security/estimate-memo.test.ts, bad-tokens.test.ts) send
 * smaller counts.
 *
 * - `hostile-variables`: 10,000 requests without `Authorization`, spread over 64 documents, each
 *   with ~80 KB of distinct random variables (declared and undeclared), each refused over the
 *   Slack-call budget. Before the memo was bounded, this kept about 96 KB per request.
 * - `hostile-tokens`: 20,000 requests with random tokens, each asking three fields that need
 *   Slack: about 15,000 distinct tokens, and about 5,000 repeats of a token sent shortly before. Before, each
 *   request cost about 5 Slack calls and its token ~7.8 KB of governor state that was never freed.
 */
import { randomBytes } from 'node:crypto';
import { memoryAfterGc, startBenchGateway } from '../lib/bench-env.js';
import { round } from '../lib/stats.js';
import { runSoak, type SoakCheckpoint } from './soak.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

/** Requests sent before the first measure, so that what is measured is growth, not warm-up. */
const WARM_UP = 500;
const CONNECTIONS = 16;
const MAX_SECONDS = 600;
/** The largest heap growth from the warm gateway to the end that still counts as flat. */
const FLAT_RATIO = 1.1;

/** Distinct documents; yoga's parser cache keeps up to 1,024 of them. */
const DOCUMENTS = 64;
const VARIABLE_REQUESTS = 10_000;
const PAD_BYTES = 20_000;

/** Over the budget whatever `first` is above 9: 1 + first × (1 + 100) calls. */
const expensiveDocument = (index: number): string =>
  `query Q${index % DOCUMENTS}($first: Int!, $after: String) { conversations(first: $first, after: $after) { edges { node { members(first: 100) { edges { node { name } } } } } } }`;

const refusedOverBudget = (_status: number, body: string): boolean =>
  body.includes('"SLACK_CALL_BUDGET_EXCEEDED"');

export async function hostileVariables(context: ScenarioContext): Promise<ScenarioResult> {
  const gateway = await startBenchGateway(context.emulator.apiUrl, context.placement);
  try {
    await context.emulator.control.resetStats();
    const initial = await memoryAfterGc(gateway);
    const checkpoints = await runSoak({
      server: gateway,
      query: expensiveDocument,
      variables: (index) => ({
        first: 100 + (index % 50),
        // Declared (and used), and undeclared: both random, both ~20 KB of hex.
        after: randomBytes(PAD_BYTES).toString('hex'),
        junk: randomBytes(PAD_BYTES).toString('hex'),
      }),
      check: refusedOverBudget,
      checkpoints: [WARM_UP, WARM_UP + VARIABLE_REQUESTS / 2, WARM_UP + VARIABLE_REQUESTS],
      connections: CONNECTIONS,
      maxSeconds: MAX_SECONDS,
    });
    const { total: slackCalls } = await context.emulator.control.stats();
    logCheckpoints(context, initial, checkpoints);
    return verdict({
      id: 'hostile-variables',
      title: 'hostile variables, 10k requests',
      attack: `${VARIABLE_REQUESTS} requests, no token, ~80 KB of distinct random variables each over ${DOCUMENTS} documents, refused over budget`,
      expected: WARM_UP + VARIABLE_REQUESTS,
      initialMb: round(initial.heapBytes / 1024 / 1024, 1),
      checkpoints,
      steady: 0,
      slackCallsOk: slackCalls === 0,
      figures: { slackCalls },
      figure: `Slack calls ${slackCalls}`,
    });
  } finally {
    await gateway.stop();
  }
}

const TOKEN_REQUESTS = 20_000;
/**
 * Every fourth request (past the first few hundred) repeats the token of a request 201 earlier:
 * long after that one was answered at any concurrency, and well within the minute a refused
 * token is remembered. The others are new.
 */
const REPEAT_EVERY = 4;
const REPEAT_DISTANCE = 201;
const REPEATS_FROM = 400;

const isRepeat = (index: number): boolean =>
  index >= REPEATS_FROM && index % REPEAT_EVERY === REPEAT_EVERY - 1;

/** The token of request `index`: a new one, or a repeat of one sent shortly before. */
function hostileToken(run: string, index: number): string {
  return `xoxp-${run}-${isRepeat(index) ? index - REPEAT_DISTANCE : index}`;
}

/**
 * Per-token state (refused tokens, governor buckets, log hashes) is bounded at 10,000 tokens and
 * expires within a minute or two; by this many requests (about 8,000 distinct tokens, over more
 * than a minute at this machine's rates) it has reached its steady size, and the heap must stop
 * growing.
 */
const BOUNDED_STATE_FULL = 10_500;

/** Three fields that each need Slack, as a real client would ask. */
const THREE_FIELDS = `{
  viewer { user { id } }
  conversations(first: 2) { edges { node { id name } } }
  conversation(id: "C0000000000") { name }
}`;

export async function hostileTokens(context: ScenarioContext): Promise<ScenarioResult> {
  const gateway = await startBenchGateway(context.emulator.apiUrl, context.placement);
  const run = randomBytes(8).toString('hex');
  try {
    await context.emulator.control.resetStats();
    const initial = await memoryAfterGc(gateway);
    const checkpoints = await runSoak({
      server: gateway,
      query: THREE_FIELDS,
      variables: () => ({}),
      headers: (index) => ({ authorization: `Bearer ${hostileToken(run, index)}` }),
      check: (_status, body) => body.includes('"INVALID_AUTH"'),
      checkpoints: [WARM_UP, BOUNDED_STATE_FULL, TOKEN_REQUESTS],
      connections: CONNECTIONS,
      maxSeconds: MAX_SECONDS,
      probe: async () => ({ slackCalls: (await context.emulator.control.stats()).total }),
    });
    logCheckpoints(context, initial, checkpoints);
    const sent = checkpoints.at(-1)?.requests ?? 0;
    let distinct = 0;
    for (let index = 0; index < sent; index++) if (!isRepeat(index)) distinct += 1;
    const slackCalls = checkpoints.at(-1)?.probe?.slackCalls ?? Number.NaN;
    const perToken = round(slackCalls / distinct, 3);
    return verdict({
      id: 'hostile-tokens',
      title: 'random tokens, 20k requests',
      attack: `${TOKEN_REQUESTS} requests with random tokens (${distinct} distinct; every ${REPEAT_EVERY}th request past ${REPEATS_FROM} repeats the token of the request ${REPEAT_DISTANCE} before), three Slack fields each`,
      expected: TOKEN_REQUESTS,
      initialMb: round(initial.heapBytes / 1024 / 1024, 1),
      checkpoints,
      steady: 1,
      slackCallsOk: slackCalls <= distinct,
      figures: { slackCalls, distinctTokens: distinct, slackCallsPerDistinctToken: perToken },
      figure: `${slackCalls} Slack calls for ${distinct} distinct tokens (${perToken} each)`,
    });
  } finally {
    await gateway.stop();
  }
}

/** Every checkpoint on the log: a partial run (`--only=`) writes no JSON file. */
function logCheckpoints(
  context: ScenarioContext,
  initial: { heapBytes: number; rssBytes: number },
  checkpoints: readonly SoakCheckpoint[],
): void {
  const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
  context.log(`  fresh gateway: heap ${mb(initial.heapBytes)} MB, RSS ${mb(initial.rssBytes)} MB`);
  for (const point of checkpoints) context.log(`  ${JSON.stringify(point)}`);
}

interface Outcome {
  id: string;
  title: string;
  attack: string;
  /** Requests the soak must have sent. */
  expected: number;
  /** Heap of the fresh gateway, before any request. */
  initialMb: number;
  checkpoints: SoakCheckpoint[];
  /** The checkpoint from which the heap must stay flat: warm, and bounded state full. */
  steady: number;
  slackCallsOk: boolean;
  figures: Record<string, number>;
  figure: string;
}

/** The result row: flat when the heap at the end is within `FLAT_RATIO` of the steady one. */
function verdict(outcome: Outcome): ScenarioResult {
  const { checkpoints } = outcome;
  const warm = checkpoints[outcome.steady];
  const last = checkpoints.at(-1);
  const complete = last?.requests === outcome.expected;
  const ratio = warm && last ? round(last.heapMb / warm.heapMb) : Number.NaN;
  return {
    id: outcome.id,
    title: outcome.title,
    measure: 'heap after GC at the end / once warm (and bounded state full); Slack calls',
    target: `<= ${FLAT_RATIO}`,
    figure: `${ratio} (heap ${warm?.heapMb} → ${last?.heapMb} MB, RSS ${warm?.rssMb} → ${last?.rssMb} MB); ${outcome.figure}`,
    pass: complete && last?.failures === 0 && ratio <= FLAT_RATIO && outcome.slackCallsOk,
    ...(complete ? {} : { note: `stopped at ${last?.requests} requests (time limit)` }),
    details: {
      attack: outcome.attack,
      initialHeapMb: outcome.initialMb,
      ...outcome.figures,
      checkpoints,
    },
  };
}
