import { authenticate } from '../../src/emulator/http/authenticate.js';
import { METHODS } from '../../src/emulator/methods/registry.js';
import { Params } from '../../src/emulator/protocol/params.js';
import { SlackApiError } from '../../src/emulator/protocol/slack-api-error.js';
import type { WorkspaceState } from '../../src/emulator/state/store.js';
import type { SlackEnvelope } from '../../src/slack/wire-types.js';

/** A Slack body as `callMethod` returns it: the envelope plus the method's fields. */
export type MethodBody = SlackEnvelope & Record<string, unknown>;

/**
 * Calls a method handler in process, without HTTP: the token is authenticated as the emulator
 * does, the handler runs, and its result or SlackApiError becomes the body Slack would send.
 * Any other error propagates, so a test sees what would have been an HTTP 500.
 */
export function callMethod(
  state: WorkspaceState,
  method: string,
  args: Record<string, unknown>,
  token: string,
): MethodBody {
  const definition = METHODS.get(method);
  if (definition === undefined) throw new Error(`no such method: ${method}`);
  try {
    const caller = authenticate(state, token);
    const result = definition.handle({ params: new Params(args), caller, state, warn: () => {} });
    return { ok: true, ...result };
  } catch (error) {
    if (error instanceof SlackApiError) return { ok: false, error: error.code, ...error.extra };
    throw error;
  }
}
