import { acceptedScopes } from '../protocol/scopes.js';
import type { WorkspaceState } from '../state/store.js';
import type { WorkspaceToken } from '../state/workspace-file.js';
import type { EmittedEvent } from './emitted-event.js';

/** One entry of an envelope's `authorizations`: an installation that can see the event. */
export interface EventAuthorization {
  enterprise_id: string | null;
  team_id: string;
  user_id: string;
  is_bot: boolean;
  is_enterprise_install: boolean;
}

/**
 * The installation of the workspace's app: its bot token and the user tokens that authorized it,
 * that is every token of the workspace file that is neither revoked, nor of a deactivated user,
 * nor marked as another app's (`app_distribution` `marketplace` or `unlisted`). Bots first, then
 * users, in file order: the first that can see an event is the one named in `authorizations`
 * (Slack names one and documents no order).
 */
function installation(state: WorkspaceState): WorkspaceToken[] {
  const tokens = [...state.tokens.values()].filter(
    (token) =>
      token.revoked !== true &&
      (token.app_distribution ?? 'internal') === 'internal' &&
      state.users.get(token.user_id)?.deleted !== true,
  );
  const isBot = (token: WorkspaceToken) => token.token.startsWith('xoxb-');
  return [...tokens.filter(isBot), ...tokens.filter((token) => !isBot(token))];
}

function canSee(token: WorkspaceToken, emitted: EmittedEvent): boolean {
  const isBot = token.token.startsWith('xoxb-');
  const [scope = ''] = acceptedScopes(emitted.conversationType, emitted.access, isBot);
  if (!token.scopes.includes(scope)) return false;
  const { audience } = emitted;
  switch (audience.kind) {
    case 'user':
      return token.user_id === audience.userId;
    case 'viewers':
      return emitted.conversationType === 'public_channel' || emitted.memberIds.has(token.user_id);
    case 'members':
      return emitted.memberIds.has(token.user_id);
  }
}

/**
 * The authorization an event is delivered under, or `undefined` when no part of the installation
 * can see it (then Slack sends nothing). A token sees an event when it holds the event's scope
 * for that conversation type (`channels:history` for messages in public channels, `groups:read`
 * for private channel changes, …) and the audience rule admits its user.
 */
export function authorizationFor(
  state: WorkspaceState,
  emitted: EmittedEvent,
): EventAuthorization | undefined {
  const token = installation(state).find((candidate) => canSee(candidate, emitted));
  if (token === undefined) return undefined;
  return {
    enterprise_id: state.team.enterprise_id ?? null,
    team_id: state.team.id,
    user_id: token.user_id,
    is_bot: token.token.startsWith('xoxb-'),
    is_enterprise_install: false,
  };
}
