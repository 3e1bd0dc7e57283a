import { builder } from '../builder.js';
import { prefetchConversationPages } from '../prefetch.js';
import { selectedFieldNames } from '../selection.js';
import { conversationFilterArgs, resolveConversationList } from './conversation-list.js';
import { ConversationConnectionRef, ConversationRef, UserRef, ViewerRef } from './refs.js';

builder.queryFields((t) => ({
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    description:
      'One conversation (conversations.info); null with a CHANNEL_NOT_FOUND error when unknown or not visible.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context, info) => {
      prefetchConversationPages(context, info, id);
      const selected = selectedFieldNames(info);
      return context.loaders.conversations.load(id, {
        numMembers: selected.has('numMembers'),
        locale: selected.has('locale'),
      });
    },
  }),
  conversations: t.connection(
    {
      type: ConversationRef,
      description: 'Conversations of the workspace the caller can see (conversations.list).',
      args: {
        ...conversationFilterArgs,
        teamId: t.arg.id({
          required: false,
          description: 'Only for org-wide (Enterprise) tokens.',
        }),
      },
      resolve: (_root, args, context) => resolveConversationList(context, args),
    },
    ConversationConnectionRef,
  ),
  user: t.field({
    type: UserRef,
    nullable: true,
    description: 'One user (users.info); null with a USER_NOT_FOUND error when unknown.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context) => ({ id, data: await context.loaders.users.load(id) }),
  }),
  viewer: t.field({
    type: ViewerRef,
    description: "The token's user and workspace (auth.test).",
    resolve: () => ({}),
  }),
}));
