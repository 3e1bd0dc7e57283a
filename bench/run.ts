/**
 * `npm run bench`: every scenario of issue 5's targets table, our gateway and its yardsticks
 * side by side against one emulator, timings interleaved (ABAB rounds) and reported as ratios.
 * Writes bench/results/<scenario>.json and bench/results/summary.md.
 *
 * `npm run bench:quick` (`--quick`): only the exact Slack-call counts (cold list queries and the
 * warm repeat), no long timings; exits 1 when a count differs from its computed minimum or a
 * scenario fails to run. Made for CI.
 */
import { performance } from 'node:perf_hooks';
import { choosePlacement, pinSelf, startBenchEmulator } from './lib/bench-env.js';
import { UNCONSTRAINED_GATEWAY_ENV } from './lib/gateway-settings.js';
import { describeMachine } from './lib/machine.js';
import {
  namespaceUnavailable,
  otherInterfaces,
  rerunInLoopbackNamespace,
} from './lib/peer-netns.js';
import { tailcallInstalled } from './lib/peer-tailcall.js';
import { writeResults } from './lib/report.js';
import { listWithCreatorsCalls, listWithMembersCalls } from './scenarios/call-counts.js';
import { fleetTierLimited } from './scenarios/fleet.js';
import { hostileTokens, hostileVariables } from './scenarios/hostile.js';
import { membersWithLatency } from './scenarios/latency.js';
import { liveFanout, liveSlowConsumer, liveSoak } from './scenarios/live.js';
import { peerCalls } from './scenarios/peer-calls.js';
import { peerTierLimits } from './scenarios/peer-tier-limits.js';
import { peerWarmReads } from './scenarios/peer-warm-reads.js';
import { tierLimited } from './scenarios/rate-limits.js';
import { soak } from './scenarios/soak.js';
import { startup } from './scenarios/startup.js';
import { throughputScenarios } from './scenarios/throughput.js';
import type { ScenarioContext, ScenarioResult } from './scenarios/types.js';
import { warmRepeat } from './scenarios/warm-repeat.js';

interface Scenario {
  name: string;
  quick: boolean;
  countCheck: boolean;
  /** Runs Tailcall, so the run moves into a loopback-only network namespace (peer-netns.ts). */
  tailcall?: boolean;
  run(context: ScenarioContext): Promise<ScenarioResult | ScenarioResult[]>;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'list-creators-calls', quick: true, countCheck: true, run: listWithCreatorsCalls },
  { name: 'list-members-calls', quick: true, countCheck: true, run: listWithMembersCalls },
  { name: 'members-latency-50ms', quick: false, countCheck: false, run: membersWithLatency },
  { name: 'warm-repeat', quick: true, countCheck: true, run: warmRepeat },
  { name: 'throughput', quick: false, countCheck: false, run: throughputScenarios },
  { name: 'tier-limits', quick: false, countCheck: false, run: tierLimited },
  { name: 'fleet-tier-limits', quick: false, countCheck: false, run: fleetTierLimited },
  { name: 'soak', quick: false, countCheck: false, run: soak },
  { name: 'hostile-variables', quick: false, countCheck: false, run: hostileVariables },
  { name: 'hostile-tokens', quick: false, countCheck: false, run: hostileTokens },
  { name: 'live-fanout', quick: false, countCheck: false, run: liveFanout },
  { name: 'live-slow-consumer', quick: false, countCheck: false, run: liveSlowConsumer },
  { name: 'live-soak', quick: false, countCheck: false, run: liveSoak },
  { name: 'startup', quick: false, countCheck: false, run: startup },
  { name: 'peer-calls', quick: false, countCheck: false, tailcall: true, run: peerCalls },
  {
    name: 'peer-tier-limits',
    quick: false,
    countCheck: false,
    tailcall: true,
    run: peerTierLimits,
  },
  { name: 'peer-warm-reads', quick: false, countCheck: false, tailcall: true, run: peerWarmReads },
];

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const selected = SCENARIOS.filter(
  (scenario) =>
    (quick ? scenario.quick : true) && (only ? only.split(',').includes(scenario.name) : true),
);
// Tailcall phones home: when it will run, the whole run (emulator, servers, load generator) moves
// into a namespace where only loopback exists; without one, Tailcall reports why it did not run.
if (
  selected.some((scenario) => scenario.tailcall) &&
  tailcallInstalled() &&
  otherInterfaces().length > 0
) {
  const unavailable = namespaceUnavailable();
  if (unavailable === undefined) {
    log('re-running inside a loopback-only network namespace (Tailcall runs in this run)');
    process.exit(await rerunInLoopbackNamespace());
  }
  log(`Tailcall will not run: ${unavailable}`);
}
const started = performance.now();
const machine = describeMachine();
const placement = choosePlacement();
pinSelf(placement);
log(
  `${quick ? 'quick' : 'full'} run; CPU pinning ${placement ? 'on' : 'off (no taskset or 1 CPU)'}`,
);

const emulator = await startBenchEmulator(placement);
const context: ScenarioContext = {
  quick,
  placement,
  emulator,
  gatewayEnv: UNCONSTRAINED_GATEWAY_ENV,
  log,
};
const results: ScenarioResult[] = [];
try {
  for (const scenario of selected) {
    log(`${scenario.name}…`);
    let outcome: ScenarioResult[];
    try {
      outcome = [await scenario.run(context)].flat();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = [
        {
          id: scenario.name,
          title: scenario.name,
          measure: '',
          target: '',
          figure: 'failed to run',
          pass: false,
          ...(scenario.countCheck ? { countsExact: false } : {}),
          note: message.split('\n').slice(0, 3).join(' '),
          details: { error: message },
        },
      ];
    }
    for (const result of outcome) {
      const verdict = result.pass === null ? 'not measured' : result.pass ? 'met' : 'MISSED';
      log(
        `  ${result.title}: ${result.figure} → ${verdict}${result.note ? ` (${result.note})` : ''}`,
      );
      results.push(result);
    }
  }
} finally {
  await emulator.stop();
}
const seconds = (performance.now() - started) / 1000;
await writeResults(results, machine, quick ? 'quick' : only ? 'partial' : 'full', seconds);
log(`done in ${Math.round(seconds)} s; results in bench/results/`);
const failedCounts = results.filter((r) => r.countsExact === false);
if (failedCounts.length > 0) {
  log(`call counts off: ${failedCounts.map((r) => r.id).join(', ')}`);
  process.exitCode = 1;
}
