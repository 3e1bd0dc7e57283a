import { builder } from '../builder.js';
import { conversationFilterArgs, resolveUserConversations } from './conversation-list.js';
import { ConversationConnectionRef, ConversationRef, TeamRef, UserRef, ViewerRef } from './refs.js';
import { teamOfAuth } from './team.js';

builder.objectType(ViewerRef, {
  description: "Whoever the request's token acts for (auth.test), and their workspace.",
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      resolve: async (_viewer, _args, context) => ({
        id: (await context.loaders.authTest()).user_id,
      }),
    }),
    team: t.field({
      type: TeamRef,
      description:
        '`id`, `name` and `domain` come from auth.test (the domain from its `url`), with no team.info call or `team:read` scope.',
      resolve: async (_viewer, _args, context) => teamOfAuth(await context.loaders.authTest()),
    }),
    conversations: t.connection(
      {
        type: ConversationRef,
        description: 'Conversations the caller belongs to (users.conversations).',
        args: { ...conversationFilterArgs },
        resolve: (_viewer, args, context) =>
          resolveUserConversations(context, 'Viewer.conversations', undefined, args),
      },
      ConversationConnectionRef,
    ),
  }),
});
