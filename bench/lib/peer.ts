/**
 * What the benchmark's peers (other GraphQL gateways over Slack, run next to ours against the same
 * emulator) have in common. Their configurations and set-up scripts are in bench/peers/; each is
 * installed once, outside the project's dependencies, into bench/.peers/ (or $BENCH_PEERS_DIR),
 * and a peer that is not installed is reported as "not set up: run <command>", never installed
 * in the middle of a timed run.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './bench-env.js';
import type { ServerProcess } from './child.js';

/** The peers' configurations and scripts, in the repository. */
export const PEERS_SOURCE = join(PROJECT_ROOT, 'bench', 'peers');

/** Where the set-up scripts install the peers (git-ignored). */
export function peersInstallDir(): string {
  // biome-ignore lint/style/noProcessEnv: the set-up scripts and the bench share this override.
  return process.env.BENCH_PEERS_DIR ?? join(PROJECT_ROOT, 'bench', '.peers');
}

/** A peer that cannot run here; `message` says what to do about it. */
export class PeerUnavailable extends Error {
  override readonly name = 'PeerUnavailable';
}

/** The error of a peer whose set-up script has not been run. */
export function notSetUp(setupScript: string): PeerUnavailable {
  return new PeerUnavailable(`not set up: run sh ${setupScript} (or npm run bench:peers)`);
}

export interface Peer {
  /** Short name, used in result ids (`tailcall`, `mesh-hive-gateway`). */
  id: string;
  title: string;
  /** Starts the peer against the emulator; `ready` is its GraphQL URL. */
  start(emulatorApiUrl: string, token: string): Promise<ServerProcess>;
}

/** Runs a command to completion, with the bench's environment plus `env`. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Readonly<Record<string, string>>; timeoutMs: number },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      // biome-ignore lint/style/noProcessEnv: tools need the bench's environment (PATH, HOME).
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-3000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

/** Resident memory (VmRSS) of a process and its descendants, in MB. */
export function residentMb(pid: number): number {
  const pids = [pid];
  let kilobytes = 0;
  for (let next = pids.pop(); next !== undefined; next = pids.pop()) {
    try {
      const status = readFileSync(`/proc/${next}/status`, 'utf8');
      kilobytes += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const children = readFileSync(`/proc/${next}/task/${next}/children`, 'utf8');
      pids.push(...children.split(' ').filter(Boolean).map(Number));
    } catch {
      // The process ended meanwhile.
    }
  }
  return Math.round(kilobytes / 1024);
}
