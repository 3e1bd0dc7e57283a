/**
 * The server half of bench/emulator-throughput.ts, run in a worker thread so the emulator has an
 * event loop of its own, as it would in its own process: loads the 10,000-channel workspace,
 * measures load times and memory, starts the emulator on port 0, and reports to the client.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulator } from '../src/emulator/emulator.js';
import {
  type GenerateWorkspaceOptions,
  generateWorkspace,
} from '../src/emulator/state/generate-workspace.js';
import { loadWorkspaceFile } from '../src/emulator/state/load-workspace.js';
import { validateWorkspaceFile } from '../src/emulator/state/validate-workspace.js';

/** What the worker tells the client once the emulator listens. */
export interface WorkerReady {
  origin: string;
  publicChannelIds: string[];
  load: Record<string, number | boolean>;
}

function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return gc !== undefined;
}

function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

async function timed<T>(run: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, Math.round(performance.now() - start)];
}

/** Every step that touches the workspace file; its locals die on return, so GC can drop the file. */
async function load(options: GenerateWorkspaceOptions) {
  const [file, generateMs] = await timed(() => generateWorkspace(options));
  const [, validateMs] = await timed(() => validateWorkspaceFile(file));
  const dir = join(tmpdir(), `emulator-bench-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'workspace.json');
  await writeFile(path, JSON.stringify(file));
  const [, loadFromJsonFileMs] = await timed(() => loadWorkspaceFile(path));
  await rm(dir, { recursive: true, force: true });
  const publicChannelIds = file.conversations.filter((c) => !c.is_private).map((c) => c.id);
  // The emulator keeps its own copy of the file, so the memory delta is its state alone.
  const [emulator, startEmulatorMs] = await timed(() => startEmulator({ workspace: file }));
  return {
    emulator,
    publicChannelIds,
    times: { generateMs, validateMs, loadFromJsonFileMs, startEmulatorMs },
  };
}

const gcAvailable = collectGarbage();
const before = process.memoryUsage();
const { emulator, publicChannelIds, times } = await load(workerData as GenerateWorkspaceOptions);
collectGarbage();
const loaded = process.memoryUsage();

const ready: WorkerReady = {
  origin: emulator.origin,
  publicChannelIds,
  load: {
    ...times,
    heapDeltaMb: megabytes(loaded.heapUsed - before.heapUsed),
    rssDeltaMb: megabytes(loaded.rss - before.rss),
    gcAvailable,
  },
};
parentPort?.postMessage(ready);
parentPort?.once('message', () => {
  void emulator.close().then(() => parentPort?.close());
});
