import type { Params } from '../protocol/params.js';
import type { WorkspaceState } from '../state/store.js';
import type { WorkspaceToken } from '../state/workspace-file.js';

/** Who is calling: resolved from the token before any handler runs. */
export interface Caller {
  token: WorkspaceToken;
  /** The user the token acts as (for a bot token, the bot user). */
  userId: string;
  isBot: boolean;
  scopes: ReadonlySet<string>;
}

/** Everything a method handler may use. Handlers are synchronous and pure over `state`. */
export interface MethodContext {
  params: Params;
  /** `undefined` only for methods that need no token (api.test). */
  caller: Caller | undefined;
  state: WorkspaceState;
  /** Adds a success warning: top-level `warning` and `response_metadata.warnings` on the wire. */
  warn(code: string): void;
  /** Socket Mode, for apps.connections.open (absent when a method is called without a server). */
  socketMode?: { openUrl(): string };
}

/** The success body of a method, without `ok` (the pipeline adds it). */
export type MethodResult = Record<string, unknown>;
