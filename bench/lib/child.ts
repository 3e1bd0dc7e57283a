/**
 * Server processes of a benchmark: started detached (their own process group, so a server that
 * forks workers is measured and stopped as a whole), awaited until they print a ready line,
 * optionally pinned to CPUs with `taskset`, and read for CPU time from /proc.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface StartOptions {
  /** Shown in errors. */
  name: string;
  command: string;
  args: readonly string[];
  /** Added to the bench's own environment. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** The line that says the server listens; its first capture group is returned as `ready`. */
  ready: RegExp;
  /** @default 60_000 */
  timeoutMs?: number;
}

export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  /** The ready line's first capture group, e.g. the URL. */
  readonly ready: string;
  /** Writes one line to the process's stdin. */
  send(line: string): void;
  /** The next stdout line that starts with `prefix` (after the ready line). */
  nextLine(prefix: string, timeoutMs?: number): Promise<string>;
  /** Pins every process of the group to `cpus` (e.g. `"0"`); false when taskset failed. */
  pin(cpus: string): boolean;
  /** User + system CPU seconds of every live process of the group. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Starts `command`, resolves once it printed its ready line; rejects with its stderr otherwise. */
export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    // biome-ignore lint/style/noProcessEnv: a child inherits the bench's environment plus its own settings.
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const waiting: { prefix: string; resolve: (line: string) => void }[] = [];
  let onReady: ((line: string) => void) | undefined;
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    if (onReady) return onReady(line);
    const index = waiting.findIndex((entry) => line.startsWith(entry.prefix));
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(line);
  });

  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${options.name}: not ready after ${options.timeoutMs ?? 60_000} ms`)),
      options.timeoutMs ?? 60_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      onReady = undefined;
      killGroup(pid, 'SIGKILL');
      reject(new Error(`${error.message}\n${stderr}`));
    };
    onReady = (line) => {
      const match = options.ready.exec(line);
      if (!match) return;
      clearTimeout(timer);
      onReady = undefined;
      resolve(match[1] ?? line);
    };
    child.once('exit', (code) => fail(new Error(`${options.name}: exited with ${code}`)));
    child.once('error', fail);
  });
  child.removeAllListeners('exit');

  return {
    name: options.name,
    pid,
    ready,
    send: (line) => child.stdin?.write(`${line}\n`),
    nextLine: (prefix, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${options.name}: no "${prefix}" line`)),
          timeoutMs,
        );
        waiting.push({
          prefix,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      }),
    pin: (cpus) => pinGroup(pid, cpus),
    cpuSeconds: () => groupCpuSeconds(pid),
    stop: () => stopChild(child, pid),
  };
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

interface ProcStat {
  pid: number;
  pgrp: number;
  cpuTicks: number;
}

/** Fields of /proc/<pid>/stat after the `(comm)` field, which may itself hold spaces. */
function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
    return {
      pid: Number(pid),
      pgrp: Number(fields[2]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return undefined;
  }
}

function groupMembers(pgid: number): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .map(readStat)
    .filter((stat): stat is ProcStat => stat !== undefined && stat.pgrp === pgid);
}

function groupCpuSeconds(pgid: number): number {
  return groupMembers(pgid).reduce((sum, stat) => sum + stat.cpuTicks, 0) / CLOCK_TICKS;
}

function pinGroup(pgid: number, cpus: string): boolean {
  return groupMembers(pgid).every(
    (stat) => spawnSync('taskset', ['-a', '-p', '-c', cpus, String(stat.pid)]).status === 0,
  );
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the group, SIGKILL after 5 s. */
async function stopChild(child: ChildProcess, pgid: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return killGroup(pgid, 'SIGKILL');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(pgid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  killGroup(pgid, 'SIGKILL');
}
