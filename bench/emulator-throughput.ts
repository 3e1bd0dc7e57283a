/**
 * Emulator benchmark: how long a 10,000-channel workspace takes to generate, validate and load,
 * how much memory the loaded emulator holds, and how many conversations.info calls a second it
 * answers over keep-alive connections from one undici Pool.
 *
 * Run: `npm run bench:emulator` (`node --expose-gc --import tsx bench/emulator-throughput.ts`).
 * The emulator runs in a worker thread (bench/emulator-bench-worker.ts) so that it and this
 * client each have an event loop, as separate processes would. The run is bounded by request
 * count and by time. Prints a JSON summary and writes it to
 * bench/results/emulator-throughput.local.json (git-ignored), or with `--publish` to the tracked
 * bench/results/emulator-throughput.json. Only 127.0.0.1 traffic.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GENERATED_TOKENS } from '../src/emulator/state/generate-workspace.js';
import type { WorkerReady } from './emulator-bench-worker.js';
import { createLoadClient, type LoadClient } from './lib/load.js';
import { emulatorThroughputFile, RESULTS_DIR } from './lib/report.js';

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

/** conversations.info over every public channel in turn; a success is HTTP 200 with `ok: true`. */
function infoClient(origin: string, channelIds: readonly string[]): LoadClient {
  return createLoadClient(
    {
      origin,
      path: '/api/conversations.info',
      method: 'POST',
      headers: {
        authorization: `Bearer ${GENERATED_TOKENS.user}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: (index) => `channel=${channelIds[(index * 7_919) % channelIds.length]}`,
      check: (status, body) => status === 200 && body.startsWith('{"ok":true'),
    },
    CONNECTIONS,
  );
}

const worker = startWorker();
const ready = await new Promise<WorkerReady>((resolve, reject) => {
  worker.once('message', resolve);
  worker.once('error', reject);
});
const client = infoClient(ready.origin, ready.publicChannelIds);
await client.run({ connections: IN_FLIGHT, maxRequests: WARMUP_REQUESTS, maxSeconds: MAX_SECONDS });
const measured = await client.run({
  connections: IN_FLIGHT,
  maxRequests: MAX_REQUESTS,
  maxSeconds: MAX_SECONDS,
});
await client.close();
const exited = new Promise((resolve) => worker.once('exit', resolve));
worker.postMessage('close');
await exited;

const perSecond = Math.round(measured.perSecond);
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
    seconds: measured.seconds,
    requestsPerSecond: perSecond,
    latencyMs: measured.latencyMs,
    target: TARGET_PER_SECOND,
    meetsTarget: perSecond >= TARGET_PER_SECOND && measured.failures === 0,
  },
};
const json = JSON.stringify(summary, null, 2);
console.log(json);
await mkdir(RESULTS_DIR, { recursive: true });
await writeFile(emulatorThroughputFile(process.argv.includes('--publish')), `${json}\n`);
