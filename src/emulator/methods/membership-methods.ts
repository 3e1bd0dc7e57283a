import { raiseMemberJoined, raiseMemberLeft } from '../events/raise-events.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import { findConversation, isMember, requireCaller } from './conversation-access.js';
import type { MethodDefinition } from './method-definition.js';
import { announceJoin, announceLeave } from './system-messages.js';
import {
  addMember,
  conversationWriteMethod,
  presentWritten,
  rejectArchived,
  rejectDirectMessages,
  rejectIm,
  removeMember,
} from './write-guards.js';

/**
 * conversations.join: public channels only (private ones the caller is not in are
 * `channel_not_found`, DMs `method_not_supported_for_channel_type`). Joining posts
 * `channel_join` and moves the joiner's read cursor to it; joining again is `ok` with the
 * `already_in_channel` warning.
 * @see https://docs.slack.dev/reference/methods/conversations.join
 */
export const conversationsJoin: MethodDefinition = {
  name: 'conversations.join',
  tier: 't3',
  acceptsJson: true,
  acceptedScopes: ['channels:join', 'channels:write'],
  handle(context) {
    const caller = requireCaller(context);
    const conversation = findConversation(context, 'join');
    rejectDirectMessages(conversation);
    rejectArchived(conversation);
    if (isMember(conversation, caller.userId)) {
      context.warn('already_in_channel');
    } else {
      addMember(conversation, caller.userId);
      raiseMemberJoined(context.state, conversation, caller.userId);
      const joined = announceJoin(context.state, conversation, caller.userId);
      conversation.lastRead.set(caller.userId, joined.ts);
    }
    return { channel: presentWritten(context, conversation, caller) };
  },
};

/**
 * conversations.leave: channels and group DMs. Leaving a conversation one is not in is not an
 * error: Slack's doc example shows `ok: false` and its OpenAPI schema `ok: true`, both with
 * `not_in_channel: true`; the emulator answers `{ ok: true, not_in_channel: true }`.
 * @see https://docs.slack.dev/reference/methods/conversations.leave
 */
export const conversationsLeave = conversationWriteMethod(
  'conversations.leave',
  't3',
  (context, caller, conversation) => {
    rejectIm(conversation);
    if (conversation.data.is_general) throw new SlackApiError('cant_leave_general');
    rejectArchived(conversation);
    if (!isMember(conversation, caller.userId)) return { not_in_channel: true };
    if (context.state.users.get(caller.userId)?.is_restricted) {
      throw new SlackApiError('user_is_restricted');
    }
    if (conversation.data.members.length === 1) throw new SlackApiError('last_member');
    announceLeave(context.state, conversation, caller.userId);
    removeMember(conversation, caller.userId);
    raiseMemberLeft(context.state, conversation, caller.userId, caller.userId);
    return {};
  },
);

/**
 * conversations.kick: removes `user` from a channel and posts `channel_leave` for them. The
 * success body carries the empty `errors` object of Slack's example.
 * @see https://docs.slack.dev/reference/methods/conversations.kick
 */
export const conversationsKick: MethodDefinition = {
  name: 'conversations.kick',
  tier: 't3',
  acceptsJson: true,
  acceptedScopes: ['channels:manage', 'channels:write', 'groups:write'],
  handle(context) {
    const caller = requireCaller(context);
    const conversation = findConversation(context, 'write');
    rejectDirectMessages(conversation);
    const target = context.params.string('user');
    if (target === undefined || !context.state.users.has(target)) {
      throw new SlackApiError('user_not_found');
    }
    if (target === caller.userId) throw new SlackApiError('cant_kick_self');
    if (conversation.data.is_general) throw new SlackApiError('cant_kick_from_general');
    if (!isMember(conversation, target)) throw new SlackApiError('not_in_channel');
    rejectArchived(conversation);
    announceLeave(context.state, conversation, target);
    removeMember(conversation, target);
    raiseMemberLeft(context.state, conversation, target, caller.userId);
    return { errors: {} };
  },
};
