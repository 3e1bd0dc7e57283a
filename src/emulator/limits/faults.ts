import type { FaultKind, FaultRule } from '../emulator-config.js';

/**
 * mulberry32: a tiny seeded PRNG. Deterministic, so a seed replays the same faults and jitter
 * for the same sequence of calls.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/**
 * The fault to inject into a call of `method`, if any: rules are tried in order and each matching
 * rule draws once from `random`, so the outcome depends only on the seed and the call sequence.
 */
export function pickFault(
  rules: readonly FaultRule[],
  method: string,
  random: SeededRandom,
): FaultKind | undefined {
  for (const rule of rules) {
    if (rule.method !== '*' && rule.method !== method) continue;
    if (random.next() < rule.rate) return rule.kind;
  }
  return undefined;
}
