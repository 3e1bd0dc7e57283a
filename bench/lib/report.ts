/** Writes bench/results/<scenario>.json and the bench/results/summary.md table. */
import { mkdir, writeFile } from 'node:fs/promises';
import type { ScenarioResult } from '../scenarios/types.js';
import { type MachineDescription, machineLine } from './machine.js';

/** `partial`: a full-mode run of some scenarios only (`--only=`). */
export type RunMode = 'full' | 'quick' | 'partial';

/** Each mode has its own summary file, so a partial run never replaces the full table. */
const SUMMARY_FILE: Record<RunMode, string> = {
  full: 'summary.md',
  quick: 'summary-quick.md',
  partial: 'summary-partial.md',
};

export const RESULTS_DIR = new URL('../results/', import.meta.url);

/**
 * Where `npm run bench:emulator` writes its summary: a local, git-ignored file, so a run leaves
 * a clone clean; with `--publish`, the tracked bench/results/emulator-throughput.json.
 */
export function emulatorThroughputFile(publish: boolean): URL {
  return new URL(
    publish ? 'emulator-throughput.json' : 'emulator-throughput.local.json',
    RESULTS_DIR,
  );
}

function verdict(result: ScenarioResult): string {
  if (result.pass === null) return 'not measured';
  return result.pass ? 'met' : '**missed**';
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function summaryMarkdown(
  results: readonly ScenarioResult[],
  machine: MachineDescription,
  mode: RunMode,
  seconds: number,
): string {
  const rows = results.map(
    (r) =>
      `| ${cell(r.title)} | ${cell(r.measure)} | ${cell(r.target)} | ${cell(r.figure)} | ${verdict(r)} |`,
  );
  const notes = results
    .filter((r) => r.note)
    .map((r) => `- **${cell(r.title)}**: ${cell(r.note ?? '')}`);
  return [
    `# Benchmark results (${mode} run)`,
    '',
    `${machine.date}, ${Math.round(seconds)} s. Machine: ${machineLine(machine)}.`,
    '',
    '| scenario | measure | target | measured | verdict |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(notes.length > 0 ? ['', 'Notes:', '', ...notes] : []),
    '',
    'Ratios come from interleaved rounds (ABAB); the figure is the median round, with the',
    'range of rounds in the JSON file of each scenario.',
    '',
  ].join('\n');
}

/** Where a full or partial run writes a scenario's JSON (a partial run's is not committed). */
export function scenarioFile(mode: Exclude<RunMode, 'quick'>, id: string): URL {
  return new URL(mode === 'full' ? `${id}.json` : `partial/${id}.json`, RESULTS_DIR);
}

export async function writeResults(
  results: readonly ScenarioResult[],
  machine: MachineDescription,
  mode: RunMode,
  seconds: number,
): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  // Only a full run is the published record: a quick (CI) run keeps to its summary, and a partial
  // run writes its scenarios' JSON (the rounds behind each ratio) under partial/, not committed.
  if (mode === 'quick') {
    await writeFile(
      new URL(SUMMARY_FILE[mode], RESULTS_DIR),
      summaryMarkdown(results, machine, mode, seconds),
    );
    return;
  }
  await mkdir(new URL('.', scenarioFile(mode, 'any')), { recursive: true });
  for (const result of results) {
    const json = JSON.stringify({ ...result, mode, machine }, null, 2);
    await writeFile(scenarioFile(mode, result.id), `${json}\n`);
  }
  await writeFile(
    new URL(SUMMARY_FILE[mode], RESULTS_DIR),
    summaryMarkdown(results, machine, mode, seconds),
  );
}
