/**
 * The processes of a benchmark run: the emulator with a generated workspace, our gateway and the
 * baseline server, each in its own process. With `taskset` and at least 2 CPUs, the server under
 * test runs on CPU 0 while the emulator and the load generator (this process) share CPU 1, so the
 * server being measured is not starved by its own load; both sides of a ratio get the same
 * placement.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GENERATED_TOKENS,
  type GenerateWorkspaceOptions,
  generateWorkspace,
} from '../../src/emulator/state/generate-workspace.js';
import { type ServerProcess, startServerProcess } from './child.js';
import { type EmulatorControl, emulatorControl } from './emulator-control.js';
import { hasTaskset } from './machine.js';

/** The workspace every scenario reads: 300 channels (a fifth private), 1,000 users. */
export const BENCH_WORKSPACE: GenerateWorkspaceOptions = {
  seed: 5,
  channels: 300,
  users: 1_000,
  messages: 3_000,
};

/** The owner's token: sees every public channel. */
export const BENCH_TOKEN = GENERATED_TOKENS.user;

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** CPU placement; `undefined` when pinning is not possible. */
export interface Placement {
  server: string;
  emulator: string;
}

export function choosePlacement(): Placement | undefined {
  if (availableParallelism() < 2 || !hasTaskset()) return undefined;
  return { server: '0', emulator: '1' };
}

/** Pins this process (the load generator) next to the emulator. */
export function pinSelf(placement: Placement | undefined): void {
  if (placement) spawnSync('taskset', ['-a', '-p', '-c', placement.emulator, String(process.pid)]);
}

/**
 * Servers under test run as in production (the peer too, bench/lib/peer.ts): graphql-js then
 * skips its development-only checks.
 */
const PRODUCTION = { NODE_ENV: 'production' } as const;

/** A TypeScript entry run by Node through tsx, GC exposed for heap probes. */
function tsEntry(path: string): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: ['--expose-gc', '--import', 'tsx', join(PROJECT_ROOT, path)],
  };
}

export interface BenchEmulator {
  process: ServerProcess;
  /** e.g. `http://127.0.0.1:PORT/api/` */
  apiUrl: string;
  control: EmulatorControl;
  stop(): Promise<void>;
}

export async function startBenchEmulator(
  placement: Placement | undefined,
  options: GenerateWorkspaceOptions = BENCH_WORKSPACE,
): Promise<BenchEmulator> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-workspace-'));
  const path = join(dir, 'workspace.json');
  await writeFile(path, JSON.stringify(generateWorkspace(options)));
  const entry = tsEntry('src/emulator/main.ts');
  const child = await startServerProcess({
    name: 'emulator',
    ...entry,
    args: [...entry.args, '--port', '0', '--workspace', path],
    ready: /^emulator ready (\S+)/,
  });
  if (placement) child.pin(placement.emulator);
  const apiUrl = child.ready;
  return {
    process: child,
    apiUrl,
    control: emulatorControl(new URL(apiUrl).origin),
    async stop() {
      await child.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts our gateway (bench/servers/gateway-host.ts) against `apiUrl`, configured like
 * `npm start` through environment variables; `env` adds or overrides settings.
 */
export async function startBenchGateway(
  apiUrl: string,
  placement: Placement | undefined,
  env: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const child = await startServerProcess({
    name: 'gateway',
    ...tsEntry('bench/servers/gateway-host.ts'),
    env: {
      ...PRODUCTION,
      PORT: '0',
      HOST: '127.0.0.1',
      SLACK_API_URL: apiUrl,
      SLACK_TOKEN: BENCH_TOKEN,
      LOG_LEVEL: 'silent',
      ...env,
    },
    ready: /^gateway ready (\S+)/,
  });
  if (placement) child.pin(placement.server);
  return child;
}

/** Starts the minimal yoga + Pothos server (bench/baseline/) against `apiUrl`. */
export async function startBaseline(
  apiUrl: string,
  placement: Placement | undefined,
): Promise<ServerProcess> {
  const entry = tsEntry('bench/baseline/main.ts');
  const child = await startServerProcess({
    name: 'baseline',
    ...entry,
    args: [...entry.args, '--slack-url', apiUrl, '--token', BENCH_TOKEN],
    env: PRODUCTION,
    ready: /^baseline ready (\S+)/,
  });
  if (placement) child.pin(placement.server);
  return child;
}

/** Asks a server process (with the heap probe) for its heap after GC, in bytes. */
export async function heapAfterGc(server: ServerProcess): Promise<number> {
  return (await memoryAfterGc(server)).heapBytes;
}

/** A server process's heap and resident set after a full GC, in bytes. */
export async function memoryAfterGc(
  server: ServerProcess,
): Promise<{ heapBytes: number; rssBytes: number }> {
  const answer = server.nextLine('heap ');
  server.send('heap');
  const [, heap, gc, rss] = (await answer).split(' ');
  if (gc !== 'gc') throw new Error(`${server.name} runs without --expose-gc`);
  return { heapBytes: Number(heap), rssBytes: Number(rss) };
}
