import { decodeCursor, encodeCursor } from '../protocol/cursors.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import { findConversation, requireAnyScope, requireCaller } from './conversation-access.js';
import { conversationsList, usersConversations } from './conversation-list-methods.js';
import type { MethodDefinition } from './method-definition.js';
import { cutPage } from './paginate.js';
import { presentConversation } from './present-conversation.js';
import { LIST_SCOPES } from './types-argument.js';

/**
 * conversations.info: the full conversation object for anyone who may see it (public channels:
 * any token with `channels:read`; others: members only, else `channel_not_found`). `is_member`
 * always; `num_members` only with `include_num_members`; `locale` only with `include_locale`.
 * A member always sees their read cursor `last_read` (channels, MPIMs and IMs alike: Slack
 * documents it as "the last message the calling user has read in this channel", and read-state
 * clients take it from here); `latest`, `unread_count` and `unread_count_display` appear on IMs
 * only, as in Slack's examples.
 * @see https://docs.slack.dev/reference/methods/conversations.info
 */
const conversationsInfo: MethodDefinition = {
  name: 'conversations.info',
  tier: 't3',
  acceptsJson: false,
  acceptedScopes: LIST_SCOPES,
  handle(context) {
    const caller = requireCaller(context);
    requireAnyScope(caller, LIST_SCOPES);
    const numMembers = context.params.bool('include_num_members');
    const locale = context.params.bool('include_locale');
    const conversation = findConversation(context, 'read');
    const channel = presentConversation(context.state, conversation, caller, {
      isMember: true,
      numMembers,
      locale,
      memberState: conversation.data.is_im === true ? 'full' : 'lastRead',
      minimalIm: false,
    });
    return { channel };
  },
};

/** conversations.members: `limit` default 100, at most 1000. */
const MEMBERS_DEFAULT_LIMIT = 100;
const MEMBERS_MAX_LIMIT = 1000;

/**
 * conversations.members: member IDs in the stored order, paged with `user:U…` cursors naming the
 * first member of the next page. A cursor naming someone no longer in the conversation is
 * `invalid_cursor` ("no longer valid"). Any token that may see the conversation may list its
 * members (Slack leaves the bot-outside-a-public-channel case unconfirmed; its docs require
 * membership only for private conversations).
 * @see https://docs.slack.dev/reference/methods/conversations.members
 */
const conversationsMembers: MethodDefinition = {
  name: 'conversations.members',
  tier: 't4',
  acceptsJson: false,
  acceptedScopes: LIST_SCOPES,
  handle(context) {
    const caller = requireCaller(context);
    requireAnyScope(caller, LIST_SCOPES);
    const limit = context.params.limit(MEMBERS_DEFAULT_LIMIT, MEMBERS_MAX_LIMIT);
    const cursorArgument = context.params.string('cursor');
    const cursor =
      cursorArgument === undefined ? undefined : decodeCursor(cursorArgument, ['user']);
    const { members } = findConversation(context, 'read').data;
    const start = cursor === undefined ? 0 : members.indexOf(cursor.value);
    if (start < 0) throw new SlackApiError('invalid_cursor');
    const page = cutPage(members, start, limit);
    const nextCursor = page.next === undefined ? '' : encodeCursor('user', page.next);
    return { members: page.rows, response_metadata: { next_cursor: nextCursor } };
  },
};

export const conversationReadMethods: readonly MethodDefinition[] = [
  conversationsList,
  conversationsInfo,
  conversationsMembers,
  usersConversations,
];
