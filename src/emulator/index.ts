/**
 * The emulator's public API: start it in-process, configure it, and the types around it.
 * @see ./emulator.ts
 */
export type { EmulatorHandle, EmulatorOptions } from './emulator.js';
export { startEmulator } from './emulator.js';
export type { EmulatorConfig, FaultKind, FaultRule } from './emulator-config.js';
export { ConfigError, DEFAULT_CONFIG } from './emulator-config.js';
export type { EventAuthorization } from './events/authorization.js';
export type { EventDeliveryStats } from './events/delivery-stats.js';
export type { InnerEvent } from './events/emitted-event.js';
export type { EventCallback, UrlVerification } from './events/envelope.js';
export { slackSignature } from './events/signing.js';
export { DEFAULT_APP } from './state/default-app.js';
export type { WorkspaceApp, WorkspaceFile } from './state/workspace-file.js';
export type { ControlStats, StatsSnapshot } from './stats.js';
