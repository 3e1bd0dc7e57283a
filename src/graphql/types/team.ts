import type { SlackAuthTestResponse } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import { calls, slackField } from '../slack-cost.js';
import { TeamRef, type TeamSource } from './refs.js';

/**
 * The workspace subdomain of auth.test's `url` (`https://<domain>.slack.com/`); `undefined` for
 * any other form (an Enterprise org URL, another host), which leaves the domain to team.info.
 */
export function domainOfWorkspaceUrl(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return /^([a-z0-9][a-z0-9-]*)\.slack\.com$/i.exec(host)?.[1];
}

/** The caller's own workspace as auth.test tells it: id, name and, from its URL, the domain. */
export function teamOfAuth(auth: SlackAuthTestResponse): TeamSource {
  return {
    id: auth.team_id,
    name: auth.team,
    domain: domainOfWorkspaceUrl(auth.url),
    complete: false,
  };
}

builder.objectType(TeamRef, {
  description: "The caller's workspace.",
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    domain: t.string({
      // auth.test's URL answers for a `<domain>.slack.com` workspace; only another URL form (an
      // Enterprise org) falls back to team.info, which needs team:read.
      ...slackField({ cost: calls(1), scopes: { reveals: ['team:read'] } }),
      nullable: true,
      description:
        "The workspace subdomain (`<domain>.slack.com`): from auth.test's `url` for the caller's own workspace, else team.info.",
      resolve: async (team, _args, context) => {
        if (team.domain !== undefined || team.complete) return team.domain ?? null;
        return (await context.loaders.teamInfo()).domain ?? null;
      },
    }),
  }),
});
