import { builder } from '../builder.js';
import { resolveConnectionField } from '../connection-field.js';
import { messageRawId, parseMessageLocator } from '../global-id.js';
import { fromTs } from '../scalars.js';
import {
  connection,
  HISTORY_BY_ID,
  READ_BY_ID,
  slackField,
  USER_REFERENCE,
} from '../slack-cost.js';
import {
  ConversationRef,
  MessageConnectionRef,
  MessageRef,
  type MessageSource,
  ReactionRef,
  UserRef,
} from './refs.js';

builder.objectType(ReactionRef, {
  description: 'An emoji reaction on a message.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Emoji name without colons.' }),
    count: t.exposeInt('count'),
    users: t.field({
      ...slackField({ cost: USER_REFERENCE }),
      type: [UserRef],
      description: 'Who reacted (Slack may list only some of them).',
      resolve: (reaction) => reaction.users.map((id) => ({ id })),
    }),
  }),
});

/** Where `message` sits in a thread: the parent's `ts`, or `undefined` for a top-level message. */
function threadOf({ message }: MessageSource): string | undefined {
  return message.thread_ts !== undefined && message.thread_ts !== message.ts
    ? message.thread_ts
    : undefined;
}

/**
 * A message that neither starts nor belongs to a thread (history marks both with `thread_ts`):
 * its thread is the message alone, answered without a call. conversations.replies would answer
 * the same for a plain message, and `thread_not_found` for system messages such as joins, which
 * would null a whole page of history for a field that has nothing to show.
 */
function startsNoThread({ message }: MessageSource): boolean {
  return message.thread_ts === undefined && message.reply_count === undefined;
}

builder.node(MessageRef, {
  description:
    "A message of a conversation. `id` is opaque; `ts` is Slack's timestamp string, unique within its conversation.",
  id: {
    resolve: (source) =>
      messageRawId({ channel: source.channel, ts: source.message.ts, threadTs: threadOf(source) }),
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'message' in value,
  loadOne: async (rawId, context) => {
    const locator = parseMessageLocator(rawId);
    if (!locator) return null;
    const message = await context.loaders.messages.load(locator);
    return message ? { channel: locator.channel, message } : null;
  },
  fields: (t) => ({
    ts: t.string({ resolve: ({ message }) => message.ts }),
    text: t.string({ resolve: ({ message }) => message.text }),
    user: t.field({
      ...slackField({ cost: USER_REFERENCE }),
      type: UserRef,
      nullable: true,
      description: 'The author; null for bot messages without a user.',
      resolve: ({ message }) => (message.user ? { id: message.user } : null),
    }),
    botId: t.id({ nullable: true, resolve: ({ message }) => message.bot_id ?? null }),
    subtype: t.string({ nullable: true, resolve: ({ message }) => message.subtype ?? null }),
    threadTs: t.string({ nullable: true, resolve: ({ message }) => message.thread_ts ?? null }),
    replyCount: t.int({
      nullable: true,
      description: 'Replies in the thread this message starts; null when it starts none.',
      resolve: ({ message }) => message.reply_count ?? null,
    }),
    replyUsersCount: t.int({
      nullable: true,
      resolve: ({ message }) => message.reply_users_count ?? null,
    }),
    latestReply: t.string({
      nullable: true,
      resolve: ({ message }) => message.latest_reply ?? null,
    }),
    parentUser: t.field({
      ...slackField({ cost: USER_REFERENCE }),
      type: UserRef,
      nullable: true,
      description: 'For a thread reply: the author of the thread parent.',
      resolve: ({ message }) => (message.parent_user_id ? { id: message.parent_user_id } : null),
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'The whole seconds of `ts`.',
      resolve: ({ message }) => fromTs(message.ts),
    }),
    editedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: ({ message }) => (message.edited ? fromTs(message.edited.ts) : null),
    }),
    reactions: t.field({
      type: [ReactionRef],
      resolve: ({ message }) => message.reactions ?? [],
    }),
    conversation: t.field({
      ...slackField({ cost: { kind: 'message-conversation' }, scopes: READ_BY_ID }),
      type: ConversationRef,
      resolve: (source, _args, context) =>
        source.conversation ?? context.loaders.conversations.load(source.channel),
    }),
    replies: t.connection(
      {
        ...slackField({
          cost: connection('conversations.replies', { underConversation: true }),
          scopes: HISTORY_BY_ID,
        }),
        type: MessageRef,
        description:
          "The thread this message belongs to, in Slack's order: the parent first, then replies oldest first (conversations.replies).",
        resolve: (source, args, context) => {
          const thread = source.message.thread_ts ?? source.message.ts;
          return resolveConnectionField(context, {
            field: 'Message.replies',
            parent: `${source.channel}:${thread}`,
            filters: {},
            args,
            fetchPage: (page) =>
              startsNoThread(source)
                ? Promise.resolve({ items: page.cursor ? [] : [source.message], nextCursor: '' })
                : context.loaders.pages.replies(source.channel, thread, page),
            toNode: (message) => ({
              channel: source.channel,
              message,
              conversation: source.conversation,
            }),
          });
        },
      },
      MessageConnectionRef,
    ),
  }),
});
