import { type EmulatorConfig, mergeConfig } from '../emulator-config.js';
import { RateLimiter } from '../limits/rate-limiter.js';
import { Prng } from '../prng.js';
import { WorkspaceState } from '../state/store.js';
import type { WorkspaceFile } from '../state/workspace-file.js';
import { CallStats } from '../stats.js';

/**
 * The emulator's mutable runtime: the workspace, the config and everything derived from it.
 * The HTTP layer reads it on every request; control endpoints and the programmatic API change it.
 */
export class EmulatorRuntime {
  state: WorkspaceState;
  readonly stats = new CallStats();
  readonly limiter: RateLimiter;
  random: Prng;
  private current: EmulatorConfig;

  constructor(
    file: WorkspaceFile,
    config: EmulatorConfig,
    readonly clock: () => number,
  ) {
    this.state = new WorkspaceState(file, clock);
    this.current = config;
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
    return next;
  }

  /** Replaces the whole workspace (the file must already be validated). */
  replaceWorkspace(file: WorkspaceFile): void {
    this.state = new WorkspaceState(file, this.clock);
  }
}
