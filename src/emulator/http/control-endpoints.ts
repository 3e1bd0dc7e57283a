import type { ServerResponse } from 'node:http';
import { ConfigError } from '../emulator-config.js';
import { validateWorkspaceFile } from '../state/validate-workspace.js';
import type { EmulatorRuntime } from './runtime.js';
import { sendJson } from './write-response.js';

type ControlHandler = (runtime: EmulatorRuntime, body: Buffer, response: ServerResponse) => void;

/** Endpoint path → HTTP verb → handler. */
const ENDPOINTS: ReadonlyMap<string, Partial<Record<string, ControlHandler>>> = new Map<
  string,
  Partial<Record<string, ControlHandler>>
>([
  ['/_emulator/stats', { GET: (runtime, _body, response) => sendStats(runtime, response) }],
  [
    '/_emulator/stats/reset',
    {
      POST: (runtime, _body, response) => {
        runtime.resetStats();
        sendStats(runtime, response);
      },
    },
  ],
  [
    '/_emulator/config',
    {
      GET: (runtime, _body, response) => sendJson(response, 200, runtime.config),
      POST: postConfig,
    },
  ],
  ['/_emulator/workspace', { POST: postWorkspace }],
]);

/**
 * The emulator's own endpoints under /_emulator/ (never counted in stats, never faulted):
 * - `GET  /_emulator/stats` → `{ calls: { method: n }, total }`
 * - `POST /_emulator/stats/reset` → the emptied stats
 * - `GET  /_emulator/config` → the config; `POST` a partial JSON config → the merged config
 * - `POST /_emulator/workspace` with a workspace file → replaces the whole state
 * Bad input answers 400 `{ error: message }`, an unknown path 404, a wrong verb 405.
 */
export function handleControlRequest(
  runtime: EmulatorRuntime,
  path: string,
  verb: string,
  body: Buffer,
  response: ServerResponse,
): void {
  const endpoint = ENDPOINTS.get(path);
  if (endpoint === undefined) {
    sendJson(response, 404, { error: `no emulator endpoint ${path}` });
    return;
  }
  const handler = endpoint[verb];
  if (handler === undefined) {
    const allow = Object.keys(endpoint).join(', ');
    sendJson(response, 405, { error: `use ${allow} for ${path}` }, { allow });
    return;
  }
  handler(runtime, body, response);
}

function sendStats(runtime: EmulatorRuntime, response: ServerResponse): void {
  sendJson(response, 200, runtime.statsSnapshot());
}

function postConfig(runtime: EmulatorRuntime, body: Buffer, response: ServerResponse): void {
  const patch = readJson(body, response);
  if (patch === undefined) return;
  try {
    sendJson(response, 200, runtime.configure(patch.value));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    sendJson(response, 400, { error: error.message });
  }
}

function postWorkspace(runtime: EmulatorRuntime, body: Buffer, response: ServerResponse): void {
  const parsed = readJson(body, response);
  if (parsed === undefined) return;
  try {
    runtime.replaceWorkspace(validateWorkspaceFile(parsed.value));
  } catch (error) {
    sendJson(response, 400, { error: error instanceof Error ? error.message : String(error) });
    return;
  }
  const { state } = runtime;
  sendJson(response, 200, {
    team: state.team.id,
    users: state.users.size,
    conversations: state.conversations.size,
  });
}

/** The parsed body, or `undefined` after answering 400. */
function readJson(body: Buffer, response: ServerResponse): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body.toString('utf8')) };
  } catch {
    sendJson(response, 400, { error: 'the body must be JSON' });
    return undefined;
  }
}
