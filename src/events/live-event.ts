import type { SlackConversation, SlackMessage } from '../slack/wire-types.js';
import {
  channelOf,
  revokedBy,
  type SlackEventCallback,
  type SlackInnerEvent,
  userOf,
} from './slack-events.js';

/** What happened to a conversation, as `conversationChanged` reports it. */
export type ConversationChangeKind =
  | 'CREATED'
  | 'RENAMED'
  | 'TOPIC_CHANGED'
  | 'PURPOSE_CHANGED'
  | 'ARCHIVED'
  | 'UNARCHIVED'
  | 'DELETED'
  | 'MEMBER_JOINED'
  | 'MEMBER_LEFT';

/**
 * A Slack event as subscriptions see it: one conversation, one change, with what the event
 * carried (so resolving it costs no Slack call for those fields).
 */
export type LiveEvent =
  | { type: 'messageAdded'; channel: string; message: SlackMessage }
  | {
      type: 'messageChanged';
      channel: string;
      kind: 'EDITED' | 'DELETED';
      ts: string;
      /** The message after the edit; absent for a deletion. */
      message?: SlackMessage | undefined;
      previousMessage?: SlackMessage | undefined;
    }
  | {
      type: 'conversationChanged';
      channel: string;
      kind: ConversationChangeKind;
      /** Who joined or left, or who acted (archive, topic…), when Slack says. */
      user?: string | undefined;
      /** The new name, topic or purpose. */
      value?: string | undefined;
      /** `channel_created` carries the conversation object. */
      conversation?: SlackConversation | undefined;
    }
  /** The installing user left or was removed (`channel_left`, `group_left`): access may be gone. */
  | { type: 'accessChanged'; channel: string; user: string }
  /** Tokens of these users (`oauth`) and bots went: their subscriptions end. */
  | { type: 'tokensRevoked'; users: readonly string[] };

const RENAMES: ReadonlySet<string> = new Set(['channel_rename', 'group_rename']);
const ARCHIVES: ReadonlySet<string> = new Set(['channel_archive', 'group_archive']);
const UNARCHIVES: ReadonlySet<string> = new Set(['channel_unarchive', 'group_unarchive']);
const DELETIONS: ReadonlySet<string> = new Set(['channel_deleted', 'group_deleted']);
const CREATIONS: ReadonlySet<string> = new Set(['channel_created', 'group_open', 'im_created']);
const OWN_LEAVES: ReadonlySet<string> = new Set(['channel_left', 'group_left']);
const TOPIC_SUBTYPES: ReadonlySet<string> = new Set(['channel_topic', 'group_topic']);
const PURPOSE_SUBTYPES: ReadonlySet<string> = new Set(['channel_purpose', 'group_purpose']);

/**
 * The live events of one delivery. Where Slack reports one change twice (a rename as the
 * `channel_rename` event and a `channel_name` message; a join as `member_joined_channel` and a
 * `channel_join` message), the dedicated event makes the conversation change and the message is
 * only a message; topics and purposes exist only as messages, so those make both.
 */
export function liveEventsOf(callback: SlackEventCallback): LiveEvent[] {
  const { event } = callback;
  if (event.type === 'tokens_revoked') {
    return [{ type: 'tokensRevoked', users: revokedBy(event) }];
  }
  const channel = channelOf(event);
  if (channel === undefined) return [];
  if (event.type === 'message') return messageEvents(channel, event);
  const change = (
    kind: ConversationChangeKind,
    extra: { user?: string | undefined; value?: string | undefined } = {},
  ): LiveEvent[] => [{ type: 'conversationChanged', channel, kind, ...extra }];
  const actor = userOf(event) ?? event.actor_id;
  if (RENAMES.has(event.type)) {
    const name = typeof event.channel === 'object' ? event.channel.name : undefined;
    return change('RENAMED', { value: name });
  }
  if (ARCHIVES.has(event.type)) return change('ARCHIVED', { user: actor });
  if (UNARCHIVES.has(event.type)) return change('UNARCHIVED', { user: actor });
  if (DELETIONS.has(event.type)) return change('DELETED', { user: event.actor_id });
  if (event.type === 'member_joined_channel') return change('MEMBER_JOINED', { user: actor });
  if (event.type === 'member_left_channel') return change('MEMBER_LEFT', { user: actor });
  if (CREATIONS.has(event.type)) {
    const conversation =
      typeof event.channel === 'object' ? (event.channel as SlackConversation) : undefined;
    return [{ type: 'conversationChanged', channel, kind: 'CREATED', user: actor, conversation }];
  }
  if (OWN_LEAVES.has(event.type)) {
    const user = callback.authorizations?.[0]?.user_id;
    return user === undefined ? [] : [{ type: 'accessChanged', channel, user }];
  }
  return [];
}

function messageEvents(channel: string, event: SlackInnerEvent): LiveEvent[] {
  if (event.subtype === 'message_changed' && event.message !== undefined) {
    return [
      {
        type: 'messageChanged',
        channel,
        kind: 'EDITED',
        ts: event.message.ts,
        message: event.message,
        previousMessage: event.previous_message,
      },
    ];
  }
  if (event.subtype === 'message_deleted' && event.deleted_ts !== undefined) {
    return [
      {
        type: 'messageChanged',
        channel,
        kind: 'DELETED',
        ts: event.deleted_ts,
        previousMessage: event.previous_message,
      },
    ];
  }
  // Other hidden subtypes (message_replied) restate a change, they add no message.
  if (event.hidden === true || event.ts === undefined) return [];
  const message = toMessage(event);
  const added: LiveEvent = { type: 'messageAdded', channel, message };
  const subtype = event.subtype ?? '';
  const user = userOf(event);
  if (TOPIC_SUBTYPES.has(subtype)) {
    return [
      added,
      { type: 'conversationChanged', channel, kind: 'TOPIC_CHANGED', user, value: event.topic },
    ];
  }
  if (PURPOSE_SUBTYPES.has(subtype)) {
    return [
      added,
      { type: 'conversationChanged', channel, kind: 'PURPOSE_CHANGED', user, value: event.purpose },
    ];
  }
  return [added];
}

/** The message object an event carries, without the event-only fields. */
function toMessage(event: SlackInnerEvent): SlackMessage {
  const { channel: _channel, channel_type: _type, event_ts: _eventTs, user, ...rest } = event;
  const message = { ...rest, type: 'message', ts: event.ts as string, text: event.text ?? '' };
  const author = typeof user === 'string' ? user : user?.id;
  return (author === undefined ? message : { ...message, user: author }) as SlackMessage;
}
