import { authenticate } from '../../src/emulator/http/authenticate.js';
import { errorBody, successBody } from '../../src/emulator/http/write-response.js';
import { METHODS } from '../../src/emulator/methods/registry.js';
import { Params } from '../../src/emulator/protocol/params.js';
import { SlackApiError } from '../../src/emulator/protocol/slack-api-error.js';
import { type StoredConversation, WorkspaceState } from '../../src/emulator/state/store.js';
import type { SlackEnvelope } from '../../src/slack/wire-types.js';
import { scenarioWorkspace } from '../fixtures/scenario-workspace.js';

/** A Slack body as `callMethod` returns it: the envelope plus the method's fields. */
export type MethodBody = SlackEnvelope & Record<string, unknown>;

/**
 * Calls a method handler in process, without HTTP: the token is authenticated as the emulator
 * does, the handler runs, and its result or SlackApiError becomes the body the HTTP pipeline
 * would send (`ok`, `error` and extras, `warning` with `response_metadata.warnings`).
 * Any other error propagates, so a test sees what would have been an HTTP 500.
 */
export function callMethod(
  state: WorkspaceState,
  method: string,
  args: Record<string, unknown>,
  token: string | undefined,
): MethodBody {
  const definition = METHODS.get(method);
  if (definition === undefined) throw new Error(`no such method: ${method}`);
  const warnings: string[] = [];
  try {
    const caller = authenticate(state, token);
    const result = definition.handle({
      params: new Params(args),
      caller,
      state,
      warn: (code) => {
        warnings.push(code);
      },
    });
    return successBody(result, warnings) as MethodBody;
  } catch (error) {
    if (error instanceof SlackApiError) return errorBody(error, warnings) as MethodBody;
    throw error;
  }
}

/** A pinned clock (epoch ms), far after every scenario timestamp, so changes are visible. */
export const PINNED_MS = 1_800_000_000_000;

/** A scenario workspace in process, with a pinned clock, for the write-method tests. */
export interface WriteHarness {
  state: WorkspaceState;
  call(method: string, token: string | undefined, args?: Record<string, unknown>): MethodBody;
  conversation(id: string): StoredConversation;
}

export function writeHarness(): WriteHarness {
  const state = new WorkspaceState(scenarioWorkspace(), () => PINNED_MS);
  return {
    state,
    call: (method, token, args = {}) => callMethod(state, method, args, token),
    conversation(id) {
      const stored = state.conversations.get(id);
      if (!stored) throw new Error(`no conversation ${id}`);
      return stored;
    },
  };
}

/** The messages of a conversation posted after the scenario was loaded (system messages). */
export function newMessages(conversation: StoredConversation): Record<string, unknown>[] {
  return conversation.messages.filter((message) => message.ts >= String(PINNED_MS / 1000));
}
