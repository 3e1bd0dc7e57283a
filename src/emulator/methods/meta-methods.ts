import type { SlackErrorCode } from '../protocol/error-codes.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import { requireCaller, requireScope } from './conversation-access.js';
import type { MethodContext, MethodResult } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';

/**
 * api.test: needs no token; echoes its arguments as `args` (omitted when there are none) and
 * fails with the code given as `error`, still echoing, as Slack's examples show.
 * @see shared/slack-api/methods/api.test.json
 */
const apiTest: MethodDefinition = {
  name: 'api.test',
  tier: 't4',
  requiresToken: false,
  acceptsJson: true,
  acceptedScopes: [],
  handle({ params }: MethodContext): MethodResult {
    const args = params.all();
    const echo = Object.keys(args).length > 0 ? { args } : {};
    const error = params.string('error');
    // api.test fails with whatever code it is asked for, listed or not.
    if (error !== undefined) throw new SlackApiError(error as SlackErrorCode, echo);
    return echo;
  },
};

/**
 * auth.test: who the token is. `bot_id` only for bot tokens; `enterprise_id` only on Grid.
 * @see shared/slack-api/REFERENCE.md §4.22
 */
const authTest: MethodDefinition = {
  name: 'auth.test',
  tier: 'special',
  acceptsJson: true,
  acceptedScopes: [],
  handle(context: MethodContext): MethodResult {
    const caller = requireCaller(context);
    const { team } = context.state;
    const user = context.state.users.get(caller.userId);
    return {
      url: teamUrl(team.domain, team.id),
      team: team.name,
      user: user?.name ?? '',
      team_id: team.id,
      user_id: caller.userId,
      ...(caller.token.bot_id !== undefined ? { bot_id: caller.token.bot_id } : {}),
      ...(team.enterprise_id !== undefined ? { enterprise_id: team.enterprise_id } : {}),
      is_enterprise_install: false,
    };
  },
};

/**
 * team.info: the caller's workspace. Another `team` is only visible through shared channels,
 * which the emulator's single workspace has no data for, so any other ID is `team_not_found`.
 * @see shared/slack-api/REFERENCE.md §4.23
 */
const teamInfo: MethodDefinition = {
  name: 'team.info',
  tier: 't3',
  acceptsJson: true,
  acceptedScopes: ['team:read'],
  handle(context: MethodContext): MethodResult {
    requireScope(requireCaller(context), ['team:read']);
    const { team } = context.state;
    const requested = context.params.string('team');
    if (requested !== undefined && requested !== team.id) throw new SlackApiError('team_not_found');
    const url = team.url ?? (team.domain !== undefined ? teamUrl(team.domain, team.id) : undefined);
    return { team: url === undefined ? team : { ...team, url } };
  },
};

function teamUrl(domain: string | undefined, teamId: string): string {
  return `https://${domain ?? teamId.toLowerCase()}.slack.com/`;
}

export const metaMethods: readonly MethodDefinition[] = [apiTest, authTest, teamInfo];
