import type { EventDeliveryStats } from './events/delivery-stats.js';

/** The Web API call counters (`emulator.stats()`). */
export interface StatsSnapshot {
  /** Calls per requested method name, errors, faults and 429s included. */
  calls: Record<string, number>;
  total: number;
}

/** The body of `GET /_emulator/stats`: the call counters and the event delivery counters. */
export interface ControlStats extends StatsSnapshot {
  /** Event deliveries, retries and acks. */
  events: EventDeliveryStats;
}

/** Counts every /api/ request by method name, so tests can assert how many calls a client made. */
export class CallStats {
  private counts = new Map<string, number>();
  private total = 0;

  record(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    this.total += 1;
  }

  snapshot(): StatsSnapshot {
    return { calls: Object.fromEntries(this.counts), total: this.total };
  }

  reset(): void {
    this.counts = new Map();
    this.total = 0;
  }
}
