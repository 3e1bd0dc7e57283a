import { raiseArchive, raiseMemberJoined, raiseUnarchive } from '../events/raise-events.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import { isMember } from './conversation-access.js';
import { announceArchive, announceUnarchive } from './system-messages.js';
import {
  addMember,
  conversationWriteMethod,
  rejectDirectMessages,
  requireMember,
  touch,
} from './write-guards.js';

/**
 * conversations.archive: channels only, never #general nor an org-mandatory channel, caller
 * must be a member. Members stay
 * members of the archived channel (so history and members still answer); `channel_archive` is
 * posted and `updated` changes.
 * @see https://docs.slack.dev/reference/methods/conversations.archive
 */
export const conversationsArchive = conversationWriteMethod(
  'conversations.archive',
  't2',
  (context, caller, conversation) => {
    rejectDirectMessages(conversation);
    if (conversation.data.is_general) throw new SlackApiError('cant_archive_general');
    // Org-mandatory channels (Enterprise Grid) cannot be archived either.
    if (conversation.data.is_org_mandatory) throw new SlackApiError('cant_archive_required');
    requireMember(conversation, caller.userId);
    if (conversation.data.is_archived) throw new SlackApiError('already_archived');
    announceArchive(context.state, conversation, caller.userId);
    conversation.data.is_archived = true;
    touch(context.state, conversation);
    raiseArchive(context.state, conversation, caller.userId);
    return {};
  },
);

/**
 * conversations.unarchive: channels only; the caller becomes a member. Slack documents that bot
 * tokens cannot unarchive ("bug alert") without naming the error; the emulator answers
 * `not_allowed_token_type` (REFERENCE §8 item 9).
 * @see https://docs.slack.dev/reference/methods/conversations.unarchive
 */
export const conversationsUnarchive = conversationWriteMethod(
  'conversations.unarchive',
  't2',
  (context, caller, conversation) => {
    if (caller.isBot) throw new SlackApiError('not_allowed_token_type');
    rejectDirectMessages(conversation);
    if (!conversation.data.is_archived) throw new SlackApiError('not_archived');
    conversation.data.is_archived = false;
    const { state } = context;
    const joins = !isMember(conversation, caller.userId);
    addMember(conversation, caller.userId);
    touch(state, conversation);
    raiseUnarchive(state, conversation, caller.userId);
    if (joins) raiseMemberJoined(state, conversation, caller.userId);
    announceUnarchive(state, conversation, caller.userId);
    return {};
  },
);
