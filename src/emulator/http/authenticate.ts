import type { Caller } from '../methods/method-context.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { WorkspaceState } from '../state/store.js';
import type { WorkspaceToken } from '../state/workspace-file.js';

/**
 * Checks the app-level token of methods such as apps.connections.open: none → `not_authed`; a
 * user or bot token → `not_allowed_token_type`; any other → `invalid_auth`.
 */
export function authenticateApp(state: WorkspaceState, token: string | undefined): void {
  if (token === undefined) throw new SlackApiError('not_authed');
  if (token === state.app.app_token) return;
  throw new SlackApiError(state.tokens.has(token) ? 'not_allowed_token_type' : 'invalid_auth');
}

/** Callers are immutable per token entry, so each is built once (no Set per request). */
const callers = new WeakMap<WorkspaceToken, Caller>();

/**
 * Resolves the calling token, failing as Slack does: no token → `not_authed`, unknown →
 * `invalid_auth` (Slack folds every invalid workspace token into it since 2018), revoked →
 * `token_revoked`, token of a deactivated user → `account_inactive`.
 * @see shared/slack-api/REFERENCE.md §1.2
 */
export function authenticate(state: WorkspaceState, token: string | undefined): Caller {
  if (token === undefined) throw new SlackApiError('not_authed');
  const entry = state.tokens.get(token);
  if (entry === undefined) {
    throw new SlackApiError(
      token === state.app.app_token ? 'not_allowed_token_type' : 'invalid_auth',
    );
  }
  if (entry.revoked) throw new SlackApiError('token_revoked');
  if (state.users.get(entry.user_id)?.deleted) throw new SlackApiError('account_inactive');
  let caller = callers.get(entry);
  if (caller === undefined) {
    caller = {
      token: entry,
      userId: entry.user_id,
      isBot: entry.bot_id !== undefined || entry.token.startsWith('xoxb-'),
      scopes: new Set(entry.scopes),
    };
    callers.set(entry, caller);
  }
  return caller;
}
