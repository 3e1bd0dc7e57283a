import { builder } from '../builder.js';
import { connection, LIST_READ, shared, slackField } from '../slack-cost.js';
import { conversationFilterArgs, resolveUserConversations } from './conversation-list.js';
import { ConversationConnectionRef, ConversationRef, TeamRef, UserRef, ViewerRef } from './refs.js';
import { teamOfAuth } from './team.js';

builder.objectType(ViewerRef, {
  description: "Whoever the request's token acts for (auth.test), and their workspace.",
  fields: (t) => ({
    user: t.field({
      // auth.test tells only the user's ID: any other field is a users.info lookup.
      ...slackField({ cost: shared('auth', { user: 'reference' }) }),
      type: UserRef,
      resolve: async (_viewer, _args, context) => ({
        id: (await context.loaders.authTest()).user_id,
      }),
    }),
    team: t.field({
      ...slackField({ cost: shared('auth') }),
      type: TeamRef,
      description:
        '`id`, `name` and `domain` come from auth.test (the domain from its `url`), with no team.info call or `team:read` scope.',
      resolve: async (_viewer, _args, context) => teamOfAuth(await context.loaders.authTest()),
    }),
    conversations: t.connection(
      {
        ...slackField({
          cost: connection('users.conversations', { conversation: 'list' }),
          scopes: LIST_READ,
        }),
        type: ConversationRef,
        description: 'Conversations the caller belongs to (users.conversations).',
        args: { ...conversationFilterArgs },
        resolve: (_viewer, args, context, info) =>
          resolveUserConversations(context, 'Viewer.conversations', undefined, args, info),
      },
      ConversationConnectionRef,
    ),
  }),
});
