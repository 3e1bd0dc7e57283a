import { builder } from '../builder.js';
import { calls, slackField } from '../slack-cost.js';
import { TeamRef } from './refs.js';

builder.objectType(TeamRef, {
  description: "The caller's workspace.",
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    domain: t.string({
      ...slackField({ cost: calls(1), scopes: { fixed: ['team:read'] } }),
      nullable: true,
      description: 'The workspace subdomain (`<domain>.slack.com`), from team.info.',
      resolve: async (team, _args, context) => {
        if (team.domain !== undefined || team.complete) return team.domain ?? null;
        return (await context.loaders.teamInfo()).domain ?? null;
      },
    }),
  }),
});
