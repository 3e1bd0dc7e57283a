import type { SlackConversation } from '../../slack/wire-types.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import { findConversation, isMember, requireCaller } from './conversation-access.js';
import type { Caller, MethodContext, MethodResult } from './method-context.js';
import type { MethodDefinition, RateTier } from './method-definition.js';
import { type PresentOptions, presentConversation } from './present-conversation.js';

/**
 * Every scope that can satisfy a write on some conversation type, for `X-Accepted-OAuth-Scopes`
 * (bots use `channels:manage` for public channels, users `channels:write`).
 * @see docs/slack-behaviour.md#scopes
 */
export const CONVERSATION_WRITE_SCOPES: readonly string[] = [
  'channels:manage',
  'channels:write',
  'groups:write',
  'im:write',
  'mpim:write',
];

/** The body of a write method once its caller and conversation are resolved. */
export type ConversationWriteHandler = (
  context: MethodContext,
  caller: Caller,
  conversation: StoredConversation,
) => MethodResult;

/**
 * A write method on the `channel` argument (JSON accepted, every write scope listed) whose
 * checks open as Slack's do: existence and visibility, then the scope for the conversation's
 * type; `handle` goes on with the type, arguments, membership and state.
 */
export function conversationWriteMethod(
  name: string,
  tier: RateTier,
  handle: ConversationWriteHandler,
): MethodDefinition {
  return {
    name,
    tier,
    acceptsJson: true,
    acceptedScopes: CONVERSATION_WRITE_SCOPES,
    handle(context) {
      const caller = requireCaller(context);
      return handle(context, caller, findConversation(context, 'write'));
    },
  };
}

/** Methods that only work on public and private channels (archive, rename, invite, kick, ...). */
export function rejectDirectMessages(conversation: StoredConversation): void {
  if (conversation.data.is_im || conversation.data.is_mpim) {
    throw new SlackApiError('method_not_supported_for_channel_type');
  }
}

/** Methods that work on channels and group DMs but not on 1:1 DMs (leave, setTopic, ...). */
export function rejectIm(conversation: StoredConversation): void {
  if (conversation.data.is_im) throw new SlackApiError('method_not_supported_for_channel_type');
}

/**
 * The caller must belong to the conversation (`not_in_channel`,
 * docs/slack-behaviour.md#who-sees-what rule 7).
 */
export function requireMember(conversation: StoredConversation, userId: string): void {
  if (!isMember(conversation, userId)) throw new SlackApiError('not_in_channel');
}

export function rejectArchived(conversation: StoredConversation): void {
  if (conversation.data.is_archived) throw new SlackApiError('is_archived');
}

/** Records that the conversation object changed: Slack's `updated` is in milliseconds. */
export function touch(state: WorkspaceState, conversation: StoredConversation): void {
  conversation.data.updated = state.nowMillis();
}

/** Appends a member (kept in stored order for conversations.members). */
export function addMember(conversation: StoredConversation, userId: string): void {
  if (isMember(conversation, userId)) return;
  conversation.data.members.push(userId);
  conversation.memberIds.add(userId);
}

/** Removes a member together with their read cursor and open state. */
export function removeMember(conversation: StoredConversation, userId: string): void {
  if (!conversation.memberIds.delete(userId)) return;
  conversation.data.members = conversation.data.members.filter((id) => id !== userId);
  conversation.lastRead.delete(userId);
  conversation.openFor.delete(userId);
}

/**
 * What write methods return as `channel`: the object with `is_member` and the caller's member
 * state (`last_read`, `latest`, unread counts), as the create/join/setTopic examples show.
 */
const WRITE_VIEW: PresentOptions = {
  isMember: true,
  numMembers: false,
  locale: false,
  memberState: 'full',
  minimalIm: false,
};

/** The conversation as a write method returns it, detached from the stored state. */
export function presentWritten(
  context: MethodContext,
  conversation: StoredConversation,
  caller: Caller,
): SlackConversation {
  return structuredClone(presentConversation(context.state, conversation, caller, WRITE_VIEW));
}
