import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import type { WorkspaceMessage } from '../state/workspace-file.js';
import { findConversation, requireCaller } from './conversation-access.js';
import type { MethodDefinition } from './method-definition.js';
import { announcePurpose, announceTopic } from './system-messages.js';
import {
  CONVERSATION_WRITE_SCOPES,
  presentWritten,
  rejectArchived,
  rejectIm,
  requireMember,
  touch,
} from './write-guards.js';

/** Slack's limit for a topic and for a purpose ("description"), in characters. */
export const TOPIC_MAX_LENGTH = 250;

type Announce = (
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
  value: string,
) => WorkspaceMessage;

/**
 * The shared body of setTopic and setPurpose: `field` is the argument and the conversation
 * field alike. A missing (or empty) value is Slack's `invalid_arguments` with a
 * `[ERROR] missing required field: …` message; 1:1 DMs have no topic.
 */
function setterFor(name: string, field: 'topic' | 'purpose', announce: Announce): MethodDefinition {
  return {
    name,
    tier: 't2',
    acceptsJson: true,
    acceptedScopes: [
      'channels:write.topic',
      'groups:write.topic',
      'im:write.topic',
      'mpim:write.topic',
      ...CONVERSATION_WRITE_SCOPES,
    ],
    handle(context) {
      const caller = requireCaller(context);
      const conversation = findConversation(context, 'topic');
      rejectIm(conversation);
      const value = context.params.string(field);
      if (value === undefined) {
        throw new SlackApiError('invalid_arguments', {
          response_metadata: { messages: [`[ERROR] missing required field: ${field}`] },
        });
      }
      if ([...value].length > TOPIC_MAX_LENGTH) throw new SlackApiError('too_long');
      requireMember(conversation, caller.userId);
      rejectArchived(conversation);
      const { state } = context;
      conversation.data[field] = { value, creator: caller.userId, last_set: state.nowSeconds() };
      touch(state, conversation);
      announce(state, conversation, caller.userId, value);
      return { channel: presentWritten(context, conversation, caller) };
    },
  };
}

/**
 * conversations.setTopic: sets `topic { value, creator, last_set }` and posts `channel_topic`.
 * @see https://docs.slack.dev/reference/methods/conversations.setTopic
 */
export const conversationsSetTopic = setterFor('conversations.setTopic', 'topic', announceTopic);

/**
 * conversations.setPurpose: like setTopic for `purpose`, posting `channel_purpose`. Slack's doc
 * example answers only `{ ok: true }` while its OpenAPI schema requires `channel`; the emulator
 * returns `channel` too (a superset clients must tolerate, docs/slack-behaviour.md#method-notes).
 * @see https://docs.slack.dev/reference/methods/conversations.setPurpose
 */
export const conversationsSetPurpose = setterFor(
  'conversations.setPurpose',
  'purpose',
  announcePurpose,
);
