import { afterAll, beforeAll } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/emulator.js';
import type { EmulatorConfig } from '../../src/emulator/emulator-config.js';
import type { WorkspaceFile } from '../../src/emulator/state/workspace-file.js';
import type { SlackEnvelope } from '../../src/slack/wire-types.js';
import { scenarioWorkspace } from '../fixtures/scenario-workspace.js';

/**
 * Starts a real emulator on 127.0.0.1 with an OS-picked port. Close it in `afterAll`/`afterEach`
 * with `await emulator.close()`.
 * @param workspace the workspace to serve; a fresh scenario workspace by default.
 * @param config emulator config overrides (rate limits, faults, latency, ...).
 * @param clock the emulator's clock (epoch ms), e.g. one a test holds still; real time by default.
 * @returns the handle from `startEmulator`; `emulator.url` is the `…/api/` base URL.
 */
export function startTestEmulator(
  workspace: WorkspaceFile = scenarioWorkspace(),
  config?: Partial<EmulatorConfig>,
  clock?: () => number,
): Promise<EmulatorHandle> {
  return startEmulator({ port: 0, host: '127.0.0.1', workspace, config, ...(clock && { clock }) });
}

/** The emulator of one test file, as `useTestEmulator` hands it out. */
export interface FileEmulator {
  /** The `…/api/` base URL (once `beforeAll` has run). */
  readonly url: string;
  /** The `http://127.0.0.1:PORT` origin, for the control endpoints. */
  readonly origin: string;
}

/**
 * Starts one emulator for the calling test file: registers a `beforeAll` that starts it (with the
 * scenario workspace unless `workspace` builds another) and an `afterAll` that closes it.
 * @example const emulator = useTestEmulator(); // then emulator.url inside tests
 */
export function useTestEmulator(
  workspace: () => WorkspaceFile = scenarioWorkspace,
  config?: Partial<EmulatorConfig>,
): FileEmulator {
  let handle: EmulatorHandle | undefined;
  beforeAll(async () => {
    handle = await startTestEmulator(workspace(), config);
  });
  afterAll(async () => {
    await handle?.close();
  });
  const started = (): EmulatorHandle => {
    if (handle === undefined) throw new Error('the test emulator starts in beforeAll');
    return handle;
  };
  return {
    get url() {
      return started().url;
    },
    get origin() {
      return started().origin;
    },
  };
}

/**
 * How `slackCall` sends a request:
 * - `form` (default): POST `application/x-www-form-urlencoded`, token in `Authorization: Bearer`
 *   (what the official SDKs do);
 * - `json`: POST `application/json; charset=utf-8`, token in `Authorization: Bearer`;
 * - `get`: GET with the arguments in the query string, token in `Authorization: Bearer`;
 * - `form-token`: POST form-urlencoded with the token as the `token` form field.
 */
export type SlackTransport = 'form' | 'json' | 'get' | 'form-token';

export interface SlackCallOptions {
  token?: string;
  transport?: SlackTransport;
}

/** A Slack response body: the envelope plus the method's fields. */
export type SlackBody = SlackEnvelope & Record<string, unknown>;

/** Every conversation type, for the `types` argument of the list methods. */
export const ALL_CONVERSATION_TYPES = 'public_channel,private_channel,mpim,im';

/** The body of conversations.list and users.conversations, as their tests read it. */
export interface ConversationListBody {
  ok: boolean;
  error?: string;
  needed?: string;
  provided?: string;
  channels: Record<string, unknown>[];
  response_metadata: { next_cursor: string };
}

export interface SlackCallResult<T> {
  status: number;
  headers: Headers;
  /** The parsed JSON body (`undefined` when the body is not JSON, e.g. a malformed_json fault). */
  body: T;
  /** The raw response text. */
  text: string;
}

/**
 * Calls a Slack method over a real socket with the global fetch, the way a Slack client would.
 * Argument values that are not strings are sent like the Node SDK sends them: numbers and
 * booleans stringified, arrays and objects as JSON (in form and query encodings).
 * @param apiUrl the `…/api/` base URL (the emulator handle's `url`).
 * @param method a Slack method name such as `conversations.info`.
 * @example
 * const { body } = await slackCall(emulator.url, 'conversations.info', { channel: 'C0GENERAL' },
 *   { token: SCENARIO_TOKENS.alice });
 */
export async function slackCall<T = SlackBody>(
  apiUrl: string,
  method: string,
  args: Record<string, unknown> = {},
  options: SlackCallOptions = {},
): Promise<SlackCallResult<T>> {
  const transport = options.transport ?? 'form';
  const headers: Record<string, string> = {};
  if (options.token !== undefined && transport !== 'form-token') {
    headers.authorization = `Bearer ${options.token}`;
  }
  let url = `${apiUrl}${method}`;
  const init: RequestInit = { method: 'POST', headers };
  if (transport === 'json') {
    headers['content-type'] = 'application/json; charset=utf-8';
    init.body = JSON.stringify(args);
  } else {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(args)) {
      if (value !== undefined) form.set(name, encodeValue(value));
    }
    if (transport === 'form-token' && options.token !== undefined) {
      form.set('token', options.token);
    }
    if (transport === 'get') {
      init.method = 'GET';
      const query = form.toString();
      if (query) url = `${url}?${query}`;
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = form.toString();
    }
  }
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseJson(text) as T, text };
}

function encodeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
