import { resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import { builder, LOOKUP_SCOPES } from '../builder.js';
import type { GraphQLContext } from '../context-type.js';
import { decodeGlobalId } from '../global-id.js';
import { prefetchConversationPages } from '../prefetch.js';
import { selectedFieldNames } from '../selection.js';
import {
  calls,
  connection,
  LIST_READ,
  lookups,
  READ_BY_ID,
  slackField,
  USERS_READ,
} from '../slack-cost.js';
import { conversationFilterArgs, resolveConversationList } from './conversation-list.js';
import { ConversationConnectionRef, ConversationRef, UserRef, ViewerRef } from './refs.js';

/**
 * One entry of `nodes(ids:)`. Each ID settles on its own, so an unknown, invisible or malformed
 * ID is `null` at its index with its own error (the Relay server spec), while the others
 * resolve. All loads start in the same tick, so the loaders still batch them as one.
 */
async function resolveNodeAt(
  globalId: string,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  const [node] = await resolveNodes(builder, context, info, [decodeGlobalId(globalId)]);
  return node ?? null;
}

builder.queryFields((t) => ({
  nodes: t.field({
    ...slackField({ cost: lookups('ids'), scopes: LOOKUP_SCOPES }),
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description:
      'The nodes of `ids`, in order: `null` with its own error (path ending in the index) for an ID that does not resolve.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, { ids }, context, info) =>
      ids.map((globalId) => resolveNodeAt(globalId, context, info)),
  }),
  conversation: t.field({
    ...slackField({ cost: calls(1, { conversation: 'info-with-extras' }), scopes: READ_BY_ID }),
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
      ...slackField({
        cost: connection('conversations.list', { conversation: 'list' }),
        scopes: LIST_READ,
      }),
      type: ConversationRef,
      description: 'Conversations of the workspace the caller can see (conversations.list).',
      args: {
        ...conversationFilterArgs,
        teamId: t.arg.id({
          required: false,
          description: 'Only for org-wide (Enterprise) tokens.',
        }),
      },
      resolve: (_root, args, context, info) => resolveConversationList(context, args, info),
    },
    ConversationConnectionRef,
  ),
  user: t.field({
    ...slackField({ cost: calls(1, { user: 'loaded' }), scopes: USERS_READ }),
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
