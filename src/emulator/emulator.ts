import type { AddressInfo } from 'node:net';
import { DEFAULT_CONFIG, type EmulatorConfig, mergeConfig } from './emulator-config.js';
import type { EventDeliveryStats } from './events/delivery-stats.js';
import type { EventCallback } from './events/envelope.js';
import { EmulatorRuntime } from './http/runtime.js';
import { createEmulatorServer } from './http/server.js';
import { loadWorkspaceFile } from './state/load-workspace.js';
import { validateWorkspaceFile } from './state/validate-workspace.js';
import type { WorkspaceFile } from './state/workspace-file.js';
import type { StatsSnapshot } from './stats.js';

export interface EmulatorOptions {
  /** @default 0 (the OS picks a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** A workspace file object, `'demo'`, or a path to a workspace JSON file. @default 'demo' */
  workspace?: WorkspaceFile | string;
  config?: Partial<EmulatorConfig>;
  /** Epoch milliseconds for timestamps and rate-limit windows; injectable for tests. */
  clock?: () => number;
}

/** A running emulator. */
export interface EmulatorHandle {
  /** The Slack API base URL, e.g. `http://127.0.0.1:3101/api/` (append the method name). */
  url: string;
  /** e.g. `http://127.0.0.1:3101`; control endpoints live under `/_emulator/`. */
  origin: string;
  port: number;
  /** Stops listening and destroys every open connection (hung `timeout` faults included). */
  close(): Promise<void>;
  /** Web API calls by method. */
  stats(): StatsSnapshot;
  /** Event deliveries, retries and acks (also in `GET /_emulator/stats` as `events`). */
  eventStats(): EventDeliveryStats;
  /** Zeroes the call and the event counters. */
  resetStats(): void;
  /**
   * Settles once the latest `eventsUrl` (from the options or `configure`) has been through
   * Slack's `url_verification` handshake: `true` passed, `false` failed, `undefined` no URL.
   */
  eventsUrlVerified(): Promise<boolean | undefined>;
  /** Calls `listener` with every event envelope the app is sent; returns the unsubscribe. */
  onEvent(listener: (envelope: EventCallback) => void): () => void;
  /** Merges a partial config, validated like `POST /_emulator/config`; returns the new config. */
  configure(patch: Partial<EmulatorConfig>): EmulatorConfig;
  config(): EmulatorConfig;
  /** Replaces the whole workspace state with `file`, validated like a workspace file. */
  replaceWorkspace(file: WorkspaceFile): void;
}

/**
 * Starts the Slack Web API emulator: a real HTTP server speaking Slack's wire protocol.
 * @throws WorkspaceValidationError for a bad workspace, ConfigError for a bad config, or the
 *   listen error (e.g. EADDRINUSE).
 * @example
 * const emulator = await startEmulator({ workspace: 'demo' });
 * await fetch(`${emulator.url}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxp-…' } });
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const source = options.workspace ?? 'demo';
  // Typed objects are validated too: their referential integrity is not something types check.
  const file =
    typeof source === 'string' ? await loadWorkspaceFile(source) : validateWorkspaceFile(source);
  const config = mergeConfig({ ...DEFAULT_CONFIG, faults: [] }, options.config ?? {});
  const runtime = new EmulatorRuntime(file, config, options.clock ?? Date.now);
  const server = createEmulatorServer(runtime);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const origin = `http://${authority}`;
  runtime.socketMode.setOrigin(`ws://${authority}`);
  return {
    url: `${origin}/api/`,
    origin,
    port,
    close: async () => {
      runtime.socketMode.close();
      await runtime.events.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
    stats: () => runtime.stats.snapshot(),
    eventStats: () => structuredClone(runtime.events.stats),
    resetStats: () => runtime.resetStats(),
    eventsUrlVerified: () => runtime.eventsUrlVerified(),
    onEvent: (listener) => runtime.events.subscribe(listener),
    configure: (patch) => runtime.configure(patch),
    config: () => runtime.config,
    replaceWorkspace: (workspace) => runtime.replaceWorkspace(validateWorkspaceFile(workspace)),
  };
}
