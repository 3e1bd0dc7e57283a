import type { LiveBus } from '../../events/live-bus.js';

/** What subscriptions need from the gateway (src/app.ts builds one per process). */
export interface LiveContext {
  bus: LiveBus;
  /**
   * Events held for one subscriber that is not reading; one more cuts it off
   * (`SLOW_CONSUMER`) and closes its connection, so memory per subscriber stays bounded.
   */
  bufferSize: number;
  /** Counts open subscription streams (tests and `/metrics` read it). */
  streams: StreamCounter;
}

export interface StreamCounter {
  readonly open: number;
  opened(): void;
  closed(): void;
}

export function createStreamCounter(): StreamCounter {
  let open = 0;
  return {
    get open() {
      return open;
    },
    opened() {
      open += 1;
    },
    closed() {
      open -= 1;
    },
  };
}
