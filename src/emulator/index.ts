/**
 * The emulator's public API: start it in-process, configure it, and the types around it.
 * @see ./emulator.ts
 */
export type { EmulatorHandle, EmulatorOptions } from './emulator.js';
export { startEmulator } from './emulator.js';
export type { EmulatorConfig, FaultKind, FaultRule } from './emulator-config.js';
export { ConfigError, DEFAULT_CONFIG } from './emulator-config.js';
export type { WorkspaceFile } from './state/workspace-file.js';
export type { StatsSnapshot } from './stats.js';
