import { type EmulatorConfig, mergeConfig } from '../emulator-config.js';
import { EventDelivery } from '../events/event-delivery.js';
import { SocketModeHub } from '../events/socket-mode.js';
import { RateLimiter } from '../limits/rate-limiter.js';
import { Prng } from '../prng.js';
import { WorkspaceState } from '../state/store.js';
import type { WorkspaceFile } from '../state/workspace-file.js';
import { CallStats, type ControlStats } from '../stats.js';

/**
 * The emulator's mutable runtime: the workspace, the config and everything derived from it.
 * The HTTP layer reads it on every request; control endpoints and the programmatic API change it.
 */
export class EmulatorRuntime {
  state: WorkspaceState;
  readonly stats = new CallStats();
  readonly limiter: RateLimiter;
  readonly events: EventDelivery;
  readonly socketMode: SocketModeHub;
  random: Prng;
  private current: EmulatorConfig;
  /** The latest Request URL verification (see `configure`). */
  private verification: Promise<boolean | undefined> = Promise.resolve(undefined);

  constructor(
    file: WorkspaceFile,
    config: EmulatorConfig,
    readonly clock: () => number,
  ) {
    this.current = config;
    this.events = new EventDelivery(this);
    this.socketMode = new SocketModeHub(this, () => {
      this.events.stats.acks += 1;
    });
    this.events.attachSocketMode(this.socketMode);
    this.state = this.connect(new WorkspaceState(file, clock));
    if (config.eventsUrl !== null) this.verification = this.events.configureEventsUrl();
    this.limiter = new RateLimiter(clock);
    this.random = new Prng(config.seed);
  }

  get config(): EmulatorConfig {
    return this.current;
  }

  /**
   * Applies a validated config patch. A new `seed` restarts the PRNG, so the fault sequence
   * replays from the start; turning rate limits on starts every bucket empty.
   * @throws ConfigError on bad input (nothing is changed then).
   */
  configure(patch: unknown): EmulatorConfig {
    const next = mergeConfig(this.current, patch);
    if (typeof patch === 'object' && patch !== null && 'seed' in patch) {
      this.random = new Prng(next.seed);
    }
    if (next.rateLimits && !this.current.rateLimits) this.limiter.reset();
    this.current = next;
    if (typeof patch === 'object' && patch !== null && 'eventsUrl' in patch) {
      this.verification = this.events.configureEventsUrl();
    }
    return next;
  }

  /** Settles with the result of the latest Request URL verification. */
  eventsUrlVerified(): Promise<boolean | undefined> {
    return this.verification;
  }

  statsSnapshot(): ControlStats {
    return { ...this.stats.snapshot(), events: structuredClone(this.events.stats) };
  }

  resetStats(): void {
    this.stats.reset();
    this.events.resetStats();
  }

  /** Replaces the whole workspace (the file must already be validated). */
  replaceWorkspace(file: WorkspaceFile): void {
    this.state = this.connect(new WorkspaceState(file, this.clock));
  }

  private connect(state: WorkspaceState): WorkspaceState {
    state.connectEvents((event) => this.events.publish(event));
    return state;
  }
}
