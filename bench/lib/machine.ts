/**
 * What the benchmark ran on. Absolute figures vary 2x between runs on a shared machine, so every
 * result file carries this description next to its ratios.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface MachineDescription {
  date: string;
  /** `nproc`: the CPUs this process may use. */
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  loadAverage1m: number;
  /** Whether `taskset` exists, so servers could be pinned to CPUs. */
  taskset: boolean;
}

/** True when `taskset` can be run (util-linux); pinning is skipped otherwise. */
export function hasTaskset(): boolean {
  const probe = spawnSync('taskset', ['-p', String(process.pid)], { encoding: 'utf8' });
  return probe.status === 0;
}

export function describeMachine(): MachineDescription {
  return {
    date: new Date().toISOString(),
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    taskset: hasTaskset(),
  };
}

/** One line for the summary table. */
export function machineLine(machine: MachineDescription): string {
  return (
    `${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB RAM, Node ${machine.node}, ` +
    `load ${machine.loadAverage1m} at start, taskset ${machine.taskset ? 'used' : 'unavailable'}`
  );
}
