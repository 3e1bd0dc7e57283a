/**
 * Issue 16 items 2 and 3: what `npm start` costs. The compiled gateway (`node dist/main.js`, as
 * `npm start` runs it after its build) starts on the embedded demo workspace, with no settings
 * but a free port, as a new user runs it. Measured per round: spawn to `gateway ready`, resident
 * memory (VmRSS) once ready, the first query after ready against the median of the same query
 * repeated (cache and governor off, so every repeat does the same work), and, in the last round, resident
 * memory after 100,000 mixed requests.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../lib/bench-env.js';
import { startServerProcess } from '../lib/child.js';
import { createLoadClient, type Target } from '../lib/load.js';
import { median, round } from '../lib/stats.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

const FIRST_QUERY = `query($id: ID!) { conversation(id: $id) { name numMembers
  members(first: 5) { edges { node { name } } } messages(first: 5) { edges { node { text user { name } } } } } }`;

/** Mixed traffic: a page of the list, one conversation with members and history, a user. */
const MIXED = [
  '{ conversations(first: 20) { edges { node { id name topic { value } creator { name } } } } }',
  FIRST_QUERY,
  '{ viewer { user { name } conversations(first: 10) { edges { node { name } } } } }',
];

const ROUNDS = 3;
const MIXED_REQUESTS = 100_000;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
  return round(kb / 1024, 1);
}

export async function startup(context: ScenarioContext): Promise<ScenarioResult[]> {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr.toString()}`);
  const rounds: { readyMs: number; rssMb: number; firstMs: number; steadyMs: number }[] = [];
  let afterMixed: { rssMb: number; requests: number; failures: number } | undefined;
  const roundCount = context.quick ? 1 : ROUNDS;
  for (let round_ = 0; round_ < roundCount; round_ += 1) {
    const started = performance.now();
    const gateway = await startServerProcess({
      name: 'gateway (dist)',
      command: process.execPath,
      args: [join(PROJECT_ROOT, 'dist/main.js')],
      cwd: PROJECT_ROOT,
      // Cache and governor off: every repeat does the same work (no cached answer, no wait for
      // Slack's tier budgets, which 100,000 uncached requests would exhaust).
      env: {
        NODE_ENV: 'production',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SLACK_CACHE: 'off',
        SLACK_GOVERNOR: 'off',
      },
      ready: /^gateway ready (\S+)/,
    });
    const readyMs = performance.now() - started;
    try {
      if (context.placement) gateway.pin(context.placement.server);
      const memory = rssMb(gateway.pid);
      const { origin, pathname } = new URL(gateway.ready);
      const target = (body: (index: number) => string): Target => ({
        origin,
        path: pathname,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        check: (status, text) => status === 200 && !text.includes('"errors"'),
      });
      const one = createLoadClient(
        target(() => JSON.stringify({ query: FIRST_QUERY, variables: { id: 'C01GENERAL0' } })),
        1,
      );
      const first = await one.once();
      if (first.status !== 200 || first.body.includes('"errors"')) {
        throw new Error(`first query failed: ${first.body.slice(0, 300)}`);
      }
      const repeats: number[] = [];
      for (let index = 0; index < (context.quick ? 20 : 200); index += 1) {
        const repeat = await one.once();
        if (repeat.status !== 200 || repeat.body.includes('"errors"')) {
          throw new Error(`repeated query failed: ${repeat.body.slice(0, 300)}`);
        }
        repeats.push(repeat.ms);
      }
      await one.close();
      rounds.push({
        readyMs: round(readyMs),
        rssMb: memory,
        firstMs: round(first.ms),
        steadyMs: round(median(repeats)),
      });
      if (round_ === roundCount - 1 && !context.quick) {
        const mixed = createLoadClient(
          target((index) =>
            JSON.stringify({
              query: MIXED[index % MIXED.length],
              variables: { id: 'C01GENERAL0' },
            }),
          ),
          50,
        );
        const load = await mixed.run({
          connections: 50,
          maxRequests: MIXED_REQUESTS,
          maxSeconds: 600,
        });
        await mixed.close();
        afterMixed = {
          rssMb: rssMb(gateway.pid),
          requests: load.requests,
          failures: load.failures,
        };
      }
    } finally {
      await gateway.stop();
    }
  }
  const readyMs = median(rounds.map((r) => r.readyMs));
  const startRss = median(rounds.map((r) => r.rssMb));
  const firstRatio = median(rounds.map((r) => r.firstMs / r.steadyMs));
  const details = { rounds, afterMixed, build: 'npm run build, then node dist/main.js' };
  return [
    {
      id: 'startup-memory',
      title: 'resident memory of npm start (embedded demo)',
      measure: 'VmRSS after ready; after 100,000 mixed requests',
      target: '<= 100 MB; <= 150 MB',
      figure: `${startRss} MB after start${afterMixed ? `; ${afterMixed.rssMb} MB after ${afterMixed.requests} requests (${afterMixed.failures} failures)` : ''}`,
      pass: startRss <= 100 && (afterMixed === undefined || afterMixed.rssMb <= 150),
      details,
    },
    {
      id: 'startup-cold',
      title: 'cold start of npm start (embedded demo)',
      measure: 'spawn to `gateway ready`; first query / steady-state median of the same query',
      target: '<= 1.5 s; <= 2x',
      figure: `${round(readyMs)} ms; ${round(firstRatio)}x (median of ${rounds.length} rounds)`,
      pass: readyMs <= 1_500 && firstRatio <= 2,
      details,
    },
  ];
}
