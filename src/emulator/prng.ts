/**
 * A small seeded pseudo-random generator (mulberry32): fast, 32-bit state, and the same sequence
 * for the same seed on every platform. The workspace generator draws its data from it, and the
 * HTTP runtime its faults and jitter, so a seed replays the same faults for the same calls.
 * @see https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 */
export class Prng {
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
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Up to `count` distinct items of `items` (all of them when `count >= items.length`). */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count >= items.length) return [...items];
    if (count > items.length / 2) {
      // Partial Fisher-Yates: rejection sampling would spin when most items are wanted.
      const copy = [...items];
      for (let i = 0; i < count; i += 1) {
        const j = i + this.int(copy.length - i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, count);
    }
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(this.int(items.length));
    return [...chosen].map((index) => items[index] as T);
  }
}
