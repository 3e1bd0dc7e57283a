/** Small statistics for benchmark figures. */

/** The value at percentile `p` (0–100) of an ascending array, rounded to 0.01. */
export function percentile(sorted: readonly number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return round(value);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Median, minimum and maximum of per-round ratios: the spread shows how noisy the run was. */
export interface RatioSummary {
  median: number;
  min: number;
  max: number;
  rounds: number;
}

export function summarizeRatios(ratios: readonly number[]): RatioSummary {
  return {
    median: round(median(ratios)),
    min: round(Math.min(...ratios)),
    max: round(Math.max(...ratios)),
    rounds: ratios.length,
  };
}
