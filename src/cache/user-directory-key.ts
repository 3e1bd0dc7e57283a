import { createHash } from 'node:crypto';
import type { SlackAuthTestResponse, SlackUser } from '../slack/wire-types.js';

/**
 * Everything about a token that can change what `users.list` answers it, as far as the gateway
 * can know without asking Slack more than it already does (`auth.test`, cached, and the
 * `X-OAuth-Scopes` header of every answer). Two tokens may share a user directory only when all
 * of it is equal AND both callers are full members of the workspace (`isFullMember`).
 *
 * Why each part (docs/slack-behaviour.md#the-user-object, #method-notes, #answers-and-errors):
 * - `teamId`: users.list lists one workspace; users of another are never shared.
 * - `enterpriseId`, `enterpriseInstall`: on Enterprise Grid an org-wide install lists the whole
 *   org (and takes `team_id`), a workspace install only its workspace.
 * - `appId` (when auth.test reports it): an app's own settings (e.g. admin approval of scopes)
 *   are per app; two apps never share even with equal scopes.
 * - `tokenKind`: bot and user tokens are different principals; Slack documents no difference in
 *   users.list for them, but nothing guarantees there is none, so they never share.
 * - `scopes`, the whole granted set: `users:read` is needed at all, `users:read.email` adds
 *   `profile.email`; other scopes are not documented to change the answer, but comparing the
 *   whole set costs nothing for tokens of one app (they hold the same set) and rules it out.
 *
 * What is not here but gates sharing instead: the caller's role. Guests (`is_restricted`,
 * single-channel `is_ultra_restricted`) see only some users, and external (Slack Connect,
 * `is_stranger`) or deactivated accounts are not members; such callers neither read nor fill a
 * directory (`isFullMember`).
 */
export interface DirectoryVisibility {
  readonly teamId: string;
  readonly enterpriseId: string | undefined;
  readonly enterpriseInstall: boolean;
  readonly appId: string | undefined;
  readonly tokenKind: 'bot' | 'user';
  /** Granted scopes; order and repeats do not matter. */
  readonly scopes: readonly string[];
}

/** The scope without which users.list and users.info answer `missing_scope`. */
const USERS_READ_SCOPE = 'users:read';

/**
 * The directory a token with `visibility` may use: a SHA-256 over the canonical parts (so equal
 * visibility gives equal keys whatever the scope order, and any difference gives another key),
 * or `undefined` when the token cannot read users at all.
 */
export function directoryKey(visibility: DirectoryVisibility): string | undefined {
  const scopes = [...new Set(visibility.scopes)].sort();
  if (!scopes.includes(USERS_READ_SCOPE)) return undefined;
  // JSON of a fixed-shape array is injective: no two visibilities serialise alike.
  const canonical = JSON.stringify([
    visibility.teamId,
    visibility.enterpriseId ?? null,
    visibility.enterpriseInstall,
    visibility.appId ?? null,
    visibility.tokenKind,
    scopes,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The visibility of the token `auth` describes, holding `scopes`. */
export function visibilityOf(
  auth: SlackAuthTestResponse,
  scopes: readonly string[],
): DirectoryVisibility {
  // Grid and app fields are optional in auth.test and not all in our wire type.
  const extra = auth as SlackAuthTestResponse & Record<string, unknown>;
  return {
    teamId: auth.team_id,
    enterpriseId: typeof extra.enterprise_id === 'string' ? extra.enterprise_id : undefined,
    enterpriseInstall: auth.is_enterprise_install === true,
    appId: typeof extra.app_id === 'string' ? extra.app_id : undefined,
    tokenKind: typeof auth.bot_id === 'string' && auth.bot_id !== '' ? 'bot' : 'user',
    scopes,
  };
}

/**
 * Whether `user` (the caller's own record, `auth.test`'s `user_id`) is a full member of `teamId`:
 * active, neither guest kind, not external. Only full members see every user of the workspace,
 * so only their answers may be shared, and only with other full members.
 */
export function isFullMember(user: SlackUser, selfId: string, teamId: string): boolean {
  return (
    user.id === selfId &&
    user.team_id === teamId &&
    user.deleted !== true &&
    user.is_restricted !== true &&
    user.is_ultra_restricted !== true &&
    user.is_stranger !== true
  );
}
