import type { SlackUser } from '../../slack/wire-types.js';
import { decodeCursor, encodeCursor } from '../protocol/cursors.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import { requireCaller, requireScope } from './conversation-access.js';
import type { Caller, MethodContext, MethodResult } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';

/**
 * users.list's largest page: Slack's general "under 1000"
 * (docs/slack-behaviour.md#cursor-pagination).
 */
const USERS_LIST_MAX = 1000;

/**
 * The user object as the caller may see it: `profile.email` only with `users:read.email`,
 * `locale` only when `include_locale` was asked for.
 */
function presentUser(user: SlackUser, caller: Caller, includeLocale: boolean): SlackUser {
  const showEmail = caller.scopes.has('users:read.email') || user.profile.email === undefined;
  if (showEmail && (includeLocale || user.locale === undefined)) return user;
  const { locale, ...rest } = user;
  const presented: SlackUser = includeLocale && locale !== undefined ? { ...rest, locale } : rest;
  if (!showEmail) {
    const { email: _hidden, ...profile } = user.profile;
    presented.profile = profile;
  }
  return presented;
}

/**
 * users.info: one user; `user_not_found` for an unknown (or missing) ID.
 * @see https://docs.slack.dev/reference/methods/users.info
 */
const usersInfo: MethodDefinition = {
  name: 'users.info',
  tier: 't4',
  acceptsJson: false,
  acceptedScopes: ['users:read'],
  handle(context: MethodContext): MethodResult {
    const caller = requireCaller(context);
    requireScope(caller, ['users:read']);
    const id = context.params.requiredString('user', 'user_not_found');
    const user = context.state.users.get(id);
    if (user === undefined) throw new SlackApiError('user_not_found');
    return { user: presentUser(user, caller, context.params.bool('include_locale')) };
  },
};

/**
 * users.list: every user (deactivated users and bots included) in workspace-file order, paged by
 * Slack-style `user:<next ID>` cursors. No `limit` (Slack's default 0) returns everyone.
 * @see docs/slack-behaviour.md#method-notes and #cursor-pagination
 */
const usersList: MethodDefinition = {
  name: 'users.list',
  tier: 't2',
  acceptsJson: false,
  acceptedScopes: ['users:read'],
  handle(context: MethodContext): MethodResult {
    const caller = requireCaller(context);
    requireScope(caller, ['users:read']);
    const { params, state } = context;
    const limit = params.limit(0, USERS_LIST_MAX);
    const cursor = params.string('cursor');
    let start = 0;
    if (cursor !== undefined) {
      start = state.userIndex(decodeCursor(cursor, ['user']).value);
      if (start < 0) throw new SlackApiError('invalid_cursor');
    }
    const end =
      limit === 0 ? state.userOrder.length : Math.min(start + limit, state.userOrder.length);
    const includeLocale = params.bool('include_locale');
    const members: SlackUser[] = [];
    for (const id of state.userOrder.slice(start, end)) {
      const user = state.users.get(id);
      if (user !== undefined) members.push(presentUser(user, caller, includeLocale));
    }
    const next = state.userOrder[end];
    return {
      members,
      cache_ts: state.nowSeconds(),
      response_metadata: { next_cursor: next === undefined ? '' : encodeCursor('user', next) },
    };
  },
};

export const userMethods: readonly MethodDefinition[] = [usersInfo, usersList];
