/**
 * Emulator benchmark: how long a 10,000-channel workspace takes to generate, validate and load,
 * how much memory the loaded emulator holds, and how many conversations.info calls a second it
 * answers over keep-alive connections from one undici Pool.
 *
 * Run: `npm run bench:emulator` (`node --expose-gc --import tsx bench/emulator-throughput.ts`).
 * The emulator runs in a worker thread (bench/emulator-bench-worker.ts) so that it and this
 * client each have an event loop, as separate processes would. The run is bounded by request
 * count and by time. Prints a JSON summary and writes it to
 * bench/results/emulator-throughput.json. Only 127.0.0.1 traffic.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { GENERATED_TOKENS } from '../src/emulator/state/generate-workspace.js';
import type { WorkerReady } from './emulator-bench-worker.js';

const WORKSPACE = { seed: 1, channels: 10_000, users: 1_000, messages: 100_000 };
const MAX_REQUESTS = 100_000;
const MAX_SECONDS = 15;
const WARMUP_REQUESTS = 2_000;
const IN_FLIGHT = 64;
const CONNECTIONS = 16;
const TARGET_PER_SECOND = 5_000;

/** Starts the worker through tsx's API, since a worker's entry does not inherit `--import tsx`. */
function startWorker(): Worker {
  const entry = new URL('./emulator-bench-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: WORKSPACE });
}

function percentile(sorted: readonly number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return Math.round(value * 100) / 100;
}

/** Sends conversations.info from `IN_FLIGHT` concurrent loops until `count` are done or time is up. */
async function run(pool: Pool, channelIds: readonly string[], count: number, seconds: number) {
  const headers = {
    authorization: `Bearer ${GENERATED_TOKENS.user}`,
    'content-type': 'application/x-www-form-urlencoded',
  };
  const latencies: number[] = [];
  let sent = 0;
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  const loop = async () => {
    while (sent < count && performance.now() < deadline) {
      const channel = channelIds[(sent * 7_919) % channelIds.length];
      sent += 1;
      const t0 = performance.now();
      const response = await pool.request({
        path: '/api/conversations.info',
        method: 'POST',
        headers,
        body: `channel=${channel}`,
      });
      const answer = (await response.body.json()) as { ok?: boolean };
      if (response.statusCode !== 200 || answer.ok !== true) failures += 1;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, loop));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, failures, elapsed, latencies };
}

const worker = startWorker();
const ready = await new Promise<WorkerReady>((resolve, reject) => {
  worker.once('message', resolve);
  worker.once('error', reject);
});
const pool = new Pool(ready.origin, { connections: CONNECTIONS, pipelining: 1 });
await run(pool, ready.publicChannelIds, WARMUP_REQUESTS, MAX_SECONDS);
const measured = await run(pool, ready.publicChannelIds, MAX_REQUESTS, MAX_SECONDS);
await pool.close();
const exited = new Promise((resolve) => worker.once('exit', resolve));
worker.postMessage('close');
await exited;

const perSecond = Math.round(measured.requests / measured.elapsed);
const summary = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: availableParallelism(),
  loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  workspace: WORKSPACE,
  load: ready.load,
  throughput: {
    method: 'conversations.info',
    connections: CONNECTIONS,
    inFlight: IN_FLIGHT,
    requests: measured.requests,
    failures: measured.failures,
    seconds: Math.round(measured.elapsed * 100) / 100,
    requestsPerSecond: perSecond,
    latencyMs: {
      p50: percentile(measured.latencies, 50),
      p90: percentile(measured.latencies, 90),
      p99: percentile(measured.latencies, 99),
    },
    target: TARGET_PER_SECOND,
    meetsTarget: perSecond >= TARGET_PER_SECOND && measured.failures === 0,
  },
};
const json = JSON.stringify(summary, null, 2);
console.log(json);
const results = new URL('./results/', import.meta.url);
await mkdir(results, { recursive: true });
await writeFile(new URL('emulator-throughput.json', results), `${json}\n`);
