import type { ConversationChangeKind, LiveEvent } from '../../events/live-event.js';
import type { SlackConversation } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context-type.js';
import { calls, READ_BY_ID, slackField } from '../slack-cost.js';
import { ConversationRef, MessageRef, type MessageSource, UserRef } from '../types/refs.js';
import { conversationStream, type StreamItem, workspaceStream } from './live-streams.js';

type MessageChangeEvent = Extract<LiveEvent, { type: 'messageChanged' }>;
type ConversationChangeEvent = Extract<LiveEvent, { type: 'conversationChanged' }>;

const MessageChangeKindRef = builder.enumType('MessageChangeKind', {
  description: 'How a message changed.',
  values: {
    EDITED: { description: 'Its text (or blocks) changed: `message` is the new version.' },
    DELETED: { description: 'It was deleted: `message` is null.' },
  } as const,
});

const CONVERSATION_CHANGE_KINDS: Record<ConversationChangeKind, { description: string }> = {
  CREATED: { description: 'The conversation was created (or opened, for DMs).' },
  RENAMED: { description: 'Renamed: `value` is the new name.' },
  TOPIC_CHANGED: { description: 'New topic: `value`.' },
  PURPOSE_CHANGED: { description: 'New purpose: `value`.' },
  ARCHIVED: { description: 'Archived by `user`.' },
  UNARCHIVED: { description: 'Unarchived by `user`.' },
  DELETED: { description: 'Deleted: `conversation` is null.' },
  MEMBER_JOINED: { description: '`user` joined (or was invited).' },
  MEMBER_LEFT: { description: '`user` left (or was removed).' },
};

const ConversationChangeKindRef = builder.enumType('ConversationChangeKind', {
  description: 'What happened to a conversation.',
  values: CONVERSATION_CHANGE_KINDS,
});

/** The conversation an event is about, through the loaders (cached, shared by subscribers). */
function loadConversation(channel: string, context: GraphQLContext, known?: SlackConversation) {
  // `channel_created` carried the object: its fields cost no call, the rest come from info.
  if (known !== undefined) context.loaders.conversations.prime([known], 'conversations.list');
  return context.loaders.conversations.load(channel);
}

const MessageChangeRef = builder.objectRef<MessageChangeEvent>('MessageChange').implement({
  description: 'A message of a conversation was edited or deleted.',
  fields: (t) => ({
    kind: t.field({ type: MessageChangeKindRef, resolve: (change) => change.kind }),
    ts: t.string({ description: 'The `ts` of the changed message.', resolve: (c) => c.ts }),
    message: t.field({
      type: MessageRef,
      nullable: true,
      description: 'The message as it is now (from the event: no Slack call); null when deleted.',
      resolve: (change): MessageSource | null =>
        change.message === undefined ? null : { channel: change.channel, message: change.message },
    }),
    previousMessage: t.field({
      type: MessageRef,
      nullable: true,
      description: 'The message as it was, when Slack sent it.',
      resolve: (change): MessageSource | null =>
        change.previousMessage === undefined
          ? null
          : { channel: change.channel, message: change.previousMessage },
    }),
    conversation: t.field({
      ...slackField({ cost: calls(1, { conversation: 'info' }), scopes: READ_BY_ID }),
      type: ConversationRef,
      resolve: (change, _args, context) => loadConversation(change.channel, context),
    }),
  }),
});

const ConversationChangeRef = builder
  .objectRef<ConversationChangeEvent>('ConversationChange')
  .implement({
    description:
      'Something happened to a conversation: its name, topic, purpose, state or members.',
    fields: (t) => ({
      kind: t.field({ type: ConversationChangeKindRef, resolve: (change) => change.kind }),
      conversationId: t.id({ resolve: (change) => change.channel }),
      conversation: t.field({
        // At most: a conversation the event carried whole is primed and costs nothing.
        ...slackField({ cost: calls(1, { conversation: 'info' }), scopes: READ_BY_ID }),
        type: ConversationRef,
        nullable: true,
        description: 'The conversation as it is now; null once deleted.',
        resolve: (change, _args, context) =>
          change.kind === 'DELETED'
            ? null
            : loadConversation(change.channel, context, change.conversation),
      }),
      user: t.field({
        type: UserRef,
        nullable: true,
        description: 'Who joined or left, or who made the change, when Slack says.',
        resolve: (change) => (change.user === undefined ? null : { id: change.user }),
      }),
      value: t.string({
        nullable: true,
        description: 'The new name, topic or purpose (RENAMED, TOPIC_CHANGED, PURPOSE_CHANGED).',
        resolve: (change) => change.value ?? null,
      }),
    }),
  });

/** A stream item's event, or the error that ends the stream (shown as the last payload's error). */
function unwrap<T>(item: StreamItem<T>): T {
  if ('end' in item) throw item.end;
  return item.event;
}

builder.subscriptionType({
  description:
    'Live changes, from Slack events (Events API or Socket Mode). Over GraphQL over SSE (`Accept: text/event-stream`) or WebSocket (`graphql-ws` protocol) at /graphql. A subscription starts only if its token can see the conversation; a stream ends with an error (ACCESS_LOST, TOKEN_REVOKED, SLOW_CONSUMER) when that no longer holds.',
});

builder.subscriptionFields((t) => ({
  messageAdded: t.field({
    type: MessageRef,
    description: 'New top-level messages and thread replies in one conversation.',
    args: { conversationId: t.arg.id({ required: true }) },
    subscribe: (_root, { conversationId }, context) =>
      conversationStream(context, conversationId, (event): MessageSource | undefined =>
        event.type === 'messageAdded'
          ? { channel: event.channel, message: event.message }
          : undefined,
      ),
    resolve: (item: StreamItem<MessageSource>) => unwrap(item),
  }),
  messageChanged: t.field({
    type: MessageChangeRef,
    description: 'Edits and deletions of messages in one conversation.',
    args: { conversationId: t.arg.id({ required: true }) },
    subscribe: (_root, { conversationId }, context) =>
      conversationStream(context, conversationId, (event) =>
        event.type === 'messageChanged' ? event : undefined,
      ),
    resolve: (item: StreamItem<MessageChangeEvent>) => unwrap(item),
  }),
  conversationChanged: t.field({
    type: ConversationChangeRef,
    description:
      'Renames, topic and purpose changes, archive/unarchive, deletion, member joins and leaves: one conversation, or every conversation the token can see when `conversationId` is omitted.',
    args: { conversationId: t.arg.id({ required: false }) },
    subscribe: (_root, { conversationId }, context) => {
      const select = (event: LiveEvent) =>
        event.type === 'conversationChanged' ? event : undefined;
      return conversationId === null || conversationId === undefined
        ? workspaceStream(context, select)
        : conversationStream(context, conversationId, select);
    },
    resolve: (item: StreamItem<ConversationChangeEvent>) => unwrap(item),
  }),
}));
