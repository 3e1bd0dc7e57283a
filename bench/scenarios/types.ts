import type { BenchEmulator, Placement } from '../lib/bench-env.js';

export interface ScenarioContext {
  /** CI mode: exact call counts only, no long timings. */
  quick: boolean;
  placement: Placement | undefined;
  emulator: BenchEmulator;
  /** Environment settings every gateway of the run gets (see bench/lib/gateway-settings.ts). */
  gatewayEnv: Readonly<Record<string, string>>;
  log(message: string): void;
}

/** One row of the targets table, as measured. */
export interface ScenarioResult {
  /** File name in bench/results/. */
  id: string;
  title: string;
  measure: string;
  target: string;
  /** The measured figure, short, for the summary table. */
  figure: string;
  /** `null` when the figure could not be measured (a prerequisite is missing); see `note`. */
  pass: boolean | null;
  /**
   * For scenarios that check Slack-call counts: whether every count equals its computed
   * minimum. `false` makes the run exit non-zero (the quick mode's CI check); timings never do.
   */
  countsExact?: boolean;
  note?: string;
  details: Record<string, unknown>;
}
