import { authenticate } from '../../src/emulator/http/authenticate.js';
import type { MethodResult } from '../../src/emulator/methods/method-context.js';
import { METHODS } from '../../src/emulator/methods/registry.js';
import { Params } from '../../src/emulator/protocol/params.js';
import { SlackApiError } from '../../src/emulator/protocol/slack-api-error.js';
import { type StoredConversation, WorkspaceState } from '../../src/emulator/state/store.js';
import { scenarioWorkspace } from '../fixtures/scenario-workspace.js';

/** A pinned clock (epoch ms), far after every scenario timestamp, so changes are visible. */
export const PINNED_MS = 1_800_000_000_000;

/**
 * Calls emulator methods in process, straight against a WorkspaceState, and answers with the
 * wire body the HTTP pipeline would send (`ok`, `error`, extras, `warning`).
 */
export interface WriteHarness {
  state: WorkspaceState;
  call(method: string, token: string | undefined, args?: Record<string, unknown>): MethodResult;
  conversation(id: string): StoredConversation;
}

export function writeHarness(): WriteHarness {
  const state = new WorkspaceState(scenarioWorkspace(), () => PINNED_MS);
  return {
    state,
    call(method, token, args = {}) {
      const definition = METHODS.get(method);
      if (!definition) throw new Error(`no such method ${method}`);
      const warnings: string[] = [];
      try {
        const caller = authenticate(state, token);
        const params = new Params(args);
        const result = definition.handle({
          params,
          caller,
          state,
          warn: (code) => {
            warnings.push(code);
          },
        });
        const body: MethodResult = { ok: true, ...result };
        if (warnings.length > 0) body.warning = warnings.join(',');
        return body;
      } catch (error) {
        if (error instanceof SlackApiError) return { ok: false, error: error.code, ...error.extra };
        throw error;
      }
    },
    conversation(id) {
      const stored = state.conversations.get(id);
      if (!stored) throw new Error(`no conversation ${id}`);
      return stored;
    },
  };
}

/** The messages of a conversation posted after the scenario was loaded (system messages). */
export function newMessages(conversation: StoredConversation): MethodResult[] {
  return conversation.messages.filter((message) => message.ts >= String(PINNED_MS / 1000));
}
