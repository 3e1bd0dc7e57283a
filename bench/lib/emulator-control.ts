/**
 * The emulator's control endpoints (`/_emulator/…`), over HTTP, since the benchmark runs the
 * emulator in its own process. These calls are never counted in the emulator's stats.
 */

export interface EmulatorCalls {
  calls: Record<string, number>;
  total: number;
}

export interface EmulatorControl {
  readonly origin: string;
  stats(): Promise<EmulatorCalls>;
  resetStats(): Promise<void>;
  /** Merges `config` into the emulator's config (latency, rate limits, faults…). */
  configure(config: Record<string, unknown>): Promise<void>;
}

export function emulatorControl(origin: string): EmulatorControl {
  const call = async (path: string, init?: RequestInit): Promise<unknown> => {
    const response = await fetch(`${origin}${path}`, init);
    const body: unknown = await response.json();
    if (!response.ok) throw new Error(`emulator ${path}: ${JSON.stringify(body)}`);
    return body;
  };
  return {
    origin,
    stats: async () => (await call('/_emulator/stats')) as EmulatorCalls,
    resetStats: async () => {
      await call('/_emulator/stats/reset', { method: 'POST' });
    },
    configure: async (config) => {
      await call('/_emulator/config', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(config),
      });
    },
  };
}
