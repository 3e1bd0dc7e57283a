import type { GraphQLResolveInfo } from 'graphql';
import type { ConversationSnapshot } from '../../loaders/index.js';
import type { SlackConversation } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import type { ConnectionArgs } from '../connection.js';
import { type ConnectionFieldOptions, resolveConnectionField } from '../connection-field.js';
import type { GraphQLContext } from '../context-type.js';
import { afterStartedCallsLeave, prefetchForListedConversations } from '../prefetch.js';
import {
  ConversationTypeEnum,
  type ConversationTypeName,
  typesArgument,
} from './conversation-type.js';

/** The filter arguments shared by every conversation list. */
export const conversationFilterArgs = builder.args((t) => ({
  types: t.field({
    type: [ConversationTypeEnum],
    required: false,
    description: "Which kinds to list; Slack's default is PUBLIC_CHANNEL only.",
  }),
  excludeArchived: t.boolean({
    required: false,
    description: 'Leave archived conversations out (Slack: `exclude_archived`).',
  }),
}));

interface ConversationListArgs extends ConnectionArgs {
  types?: readonly ConversationTypeName[] | null | undefined;
  excludeArchived?: boolean | null | undefined;
}

function snapshotOf(
  data: SlackConversation,
  origin: ConversationSnapshot['origin'],
): ConversationSnapshot {
  return { data, origin, withNumMembers: false, withLocale: false };
}

/**
 * `conversations.list`: every conversation of the workspace the caller can see. The pages its
 * nodes select (`members`, `messages`) and their creators start as each edge is made
 * (src/graphql/prefetch.ts).
 * @see https://docs.slack.dev/reference/methods/conversations.list
 */
export function resolveConversationList(
  context: GraphQLContext,
  args: ConversationListArgs & { teamId?: string | null | undefined },
  info: GraphQLResolveInfo,
) {
  const filter = {
    types: typesArgument(args.types),
    excludeArchived: args.excludeArchived ?? false,
    teamId: args.teamId ?? undefined,
  };
  return resolveListedConversations(context, info, {
    field: 'Query.conversations',
    parent: '',
    filters: filter,
    args,
    fetchPage: (page) => context.loaders.pages.conversationsList(filter, page),
    toNode: (data) => snapshotOf(data, 'conversations.list'),
  });
}

/**
 * `users.conversations`: the caller's conversations, or those of `user` the caller can see.
 * @see https://docs.slack.dev/reference/methods/users.conversations
 */
export function resolveUserConversations(
  context: GraphQLContext,
  field: string,
  user: string | undefined,
  args: ConversationListArgs,
  info: GraphQLResolveInfo,
) {
  const filter = {
    types: typesArgument(args.types),
    excludeArchived: args.excludeArchived ?? false,
    user,
  };
  return resolveListedConversations(context, info, {
    field,
    parent: user ?? '',
    filters: filter,
    args,
    fetchPage: (page) => context.loaders.pages.usersConversations(filter, page),
    // Slack omits `is_member` here, but the caller's own list holds only conversations the caller
    // belongs to: no conversations.info call is needed to say so (IMs carry no such flag).
    toNode: (data) =>
      snapshotOf(
        user === undefined && !data.is_im ? { ...data, is_member: true } : data,
        'users.conversations',
      ),
  });
}

/**
 * A connection of conversations whose nodes' selected first pages (`members`, `messages`) and
 * creators start as each edge is made, and which resolves once undici has sent them
 * (src/graphql/prefetch.ts).
 */
function resolveListedConversations(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  listing: ConnectionFieldOptions<SlackConversation, ConversationSnapshot>,
) {
  // Both methods cut a page before filtering it (src/graphql/connection.ts `firstPageLimit`).
  const options = { ...listing, filtersAfterCut: true };
  const prefetch = prefetchForListedConversations(context, info);
  if (prefetch === undefined) return resolveConnectionField(context, options);
  return resolveConnectionField(context, {
    ...options,
    toNode: (data) => {
      prefetch(data);
      return options.toNode(data);
    },
  }).then(afterStartedCallsLeave);
}
