import type { SlackUser } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context-type.js';
import {
  connection,
  LIST_READ,
  shared,
  slackField,
  slackObject,
  USERS_READ,
} from '../slack-cost.js';
import { conversationFilterArgs, resolveUserConversations } from './conversation-list.js';
import { ConversationConnectionRef, ConversationRef, UserRef, type UserSource } from './refs.js';

/** The user object, loaded (users.info or users.list, batched) only when a field needs it. */
function userData(user: UserSource, context: GraphQLContext): Promise<SlackUser> {
  return user.data ? Promise.resolve(user.data) : context.loaders.users.load(user.id);
}

/** A field of the user object: one users.info lookup for a user known only by ID. */
const LOOKED_UP = slackField({ cost: shared('user'), scopes: USERS_READ });

builder.node(UserRef, {
  ...slackObject(1),
  description: 'A Slack user or bot user. `id` is the Slack ID (`U…`, `W…`).',
  id: { resolve: (user) => user.id },
  isTypeOf: (value) =>
    typeof value === 'object' && value !== null && !('origin' in value) && !('message' in value),
  loadOne: async (id, context) => ({ id, data: await context.loaders.users.load(id) }),
  fields: (t) => ({
    name: t.string({
      ...LOOKED_UP,
      description: 'The username (Slack: `name`).',
      resolve: async (user, _args, context) => (await userData(user, context)).name,
    }),
    realName: t.string({
      ...LOOKED_UP,
      nullable: true,
      resolve: async (user, _args, context) => {
        const data = await userData(user, context);
        return data.real_name ?? data.profile.real_name ?? null;
      },
    }),
    displayName: t.string({
      ...LOOKED_UP,
      nullable: true,
      resolve: async (user, _args, context) =>
        (await userData(user, context)).profile.display_name ?? null,
    }),
    title: t.string({
      ...LOOKED_UP,
      nullable: true,
      resolve: async (user, _args, context) =>
        (await userData(user, context)).profile.title ?? null,
    }),
    email: t.string({
      ...slackField({
        cost: shared('user'),
        scopes: { ...USERS_READ, reveals: ['users:read.email'] },
      }),
      nullable: true,
      description: 'Only with the `users:read.email` scope.',
      resolve: async (user, _args, context) =>
        (await userData(user, context)).profile.email ?? null,
    }),
    image72: t.string({
      ...LOOKED_UP,
      nullable: true,
      description: 'A 72×72 avatar URL.',
      resolve: async (user, _args, context) =>
        (await userData(user, context)).profile.image_72 ?? null,
    }),
    teamId: t.id({
      ...LOOKED_UP,
      nullable: true,
      resolve: async (user, _args, context) => (await userData(user, context)).team_id ?? null,
    }),
    isBot: t.boolean({
      ...LOOKED_UP,
      resolve: async (user, _args, context) => (await userData(user, context)).is_bot,
    }),
    isAppUser: t.boolean({
      ...LOOKED_UP,
      nullable: true,
      resolve: async (user, _args, context) => (await userData(user, context)).is_app_user ?? null,
    }),
    isAdmin: t.boolean({
      ...LOOKED_UP,
      nullable: true,
      resolve: async (user, _args, context) => (await userData(user, context)).is_admin ?? null,
    }),
    isOwner: t.boolean({
      ...LOOKED_UP,
      nullable: true,
      resolve: async (user, _args, context) => (await userData(user, context)).is_owner ?? null,
    }),
    isRestricted: t.boolean({
      ...LOOKED_UP,
      nullable: true,
      description: 'A multi-channel guest.',
      resolve: async (user, _args, context) =>
        (await userData(user, context)).is_restricted ?? null,
    }),
    isUltraRestricted: t.boolean({
      ...LOOKED_UP,
      nullable: true,
      description: 'A single-channel guest.',
      resolve: async (user, _args, context) =>
        (await userData(user, context)).is_ultra_restricted ?? null,
    }),
    deleted: t.boolean({
      ...LOOKED_UP,
      description: 'Whether the account is deactivated.',
      resolve: async (user, _args, context) => (await userData(user, context)).deleted,
    }),
    tz: t.string({
      ...LOOKED_UP,
      nullable: true,
      description: 'IANA time zone; null for some bots (Slackbot).',
      resolve: async (user, _args, context) => (await userData(user, context)).tz ?? null,
    }),
    conversations: t.connection(
      {
        ...slackField({
          cost: connection('users.conversations', { conversation: 'list' }),
          scopes: LIST_READ,
        }),
        type: ConversationRef,
        description:
          'Conversations this user belongs to that the caller can see (users.conversations?user=).',
        args: { ...conversationFilterArgs },
        resolve: (user, args, context, info) =>
          resolveUserConversations(context, 'User.conversations', user.id, args, info),
      },
      ConversationConnectionRef,
    ),
  }),
});
