import { builder } from '../builder.js';
import { resolveConnectionField } from '../connection-field.js';
import { historyFilter, historyPages, memberPages } from '../conversation-pages.js';
import { connection, HISTORY_BY_ID, READ_BY_ID, slackField } from '../slack-cost.js';
import {
  ConversationRef,
  MessageConnectionRef,
  MessageRef,
  UserConnectionRef,
  UserRef,
} from './refs.js';

builder.objectFields(ConversationRef, (t) => ({
  members: t.connection(
    {
      ...slackField({
        cost: connection('conversations.members', { user: 'reference' }),
        scopes: READ_BY_ID,
      }),
      type: UserRef,
      description: "Members, in Slack's order (conversations.members).",
      resolve: (conversation, args, context) => {
        const channel = conversation.data.id;
        return resolveConnectionField(context, {
          field: 'Conversation.members',
          parent: channel,
          filters: {},
          args,
          fetchPage: memberPages(context, channel),
          toNode: (id) => ({ id }),
        });
      },
    },
    UserConnectionRef,
  ),
  messages: t.connection(
    {
      ...slackField({
        cost: connection('conversations.history', { underConversation: true }),
        scopes: HISTORY_BY_ID,
      }),
      type: MessageRef,
      description:
        'Top-level messages and thread parents, newest first (conversations.history). `oldest` and `latest` are `ts` bounds, exclusive unless `inclusive`.',
      args: {
        oldest: t.arg.string({ required: false }),
        latest: t.arg.string({ required: false }),
        inclusive: t.arg.boolean({ required: false }),
      },
      resolve: (conversation, args, context) => {
        const filter = historyFilter(conversation.data.id, args);
        return resolveConnectionField(context, {
          field: 'Conversation.messages',
          parent: filter.channel,
          filters: { ...filter },
          args,
          fetchPage: historyPages(context, filter),
          toNode: (message) => ({ channel: filter.channel, message, conversation }),
        });
      },
    },
    MessageConnectionRef,
  ),
}));
