import {
  ALL_TAG,
  conversationTag,
  HISTORIES_TAG,
  historyTag,
  infoTag,
  LISTS_TAG,
  membersTag,
  threadTag,
  USERS_TAG,
  userTag,
} from '../cache/cache-policy.js';
import type { SlackMessage } from '../slack/wire-types.js';
import { channelOf, type SlackInnerEvent, userOf } from './slack-events.js';

/** Events that change which rows conversation lists hold, or what a row shows. */
const LIST_EVENTS: ReadonlySet<string> = new Set([
  'channel_created',
  'channel_rename',
  'channel_archive',
  'channel_unarchive',
  'group_rename',
  'group_archive',
  'group_unarchive',
  'group_open',
  'group_close',
  'im_created',
  'im_open',
  'im_close',
]);

/** Membership events: member pages, `num_members`/`is_member` in info, and list rows. */
const MEMBERSHIP_EVENTS: ReadonlySet<string> = new Set([
  'member_joined_channel',
  'member_left_channel',
  'channel_left',
  'group_left',
]);

/** Events after which nothing cached about the conversation holds. */
const DELETIONS: ReadonlySet<string> = new Set(['channel_deleted', 'group_deleted']);

/**
 * Message subtypes that also change what conversations.info and list rows show (topic, purpose,
 * name), on top of the history page they land in.
 */
const ROW_SUBTYPES: ReadonlySet<string> = new Set([
  'channel_topic',
  'channel_purpose',
  'channel_name',
  'group_topic',
  'group_purpose',
  'group_name',
]);

/** Events that change one user's record (`user_change`) or add one to the list (`team_join`). */
const USER_EVENTS: ReadonlySet<string> = new Set(['user_change', 'team_join']);

/** Bulk history changes (an import): Slack's payload names no conversation. */
const HISTORY_EVENTS: ReadonlySet<string> = new Set([
  'channel_history_changed',
  'group_history_changed',
  'im_history_changed',
]);

/** Events that say nothing cached can be trusted (the app gone, a conversation's id changed). */
const EVERYTHING_EVENTS: ReadonlySet<string> = new Set(['app_uninstalled', 'channel_id_changed']);

/**
 * The cache tags (src/cache/cache-policy.ts) whose answers `event` contradicts, for every token:
 * - a message (new, edited or deleted): the conversation's history pages, its info (`latest`,
 *   unread counts) and the thread it belongs to (a reply also changes its parent's counters,
 *   which history shows); topic/purpose/name subtypes also the list rows;
 * - a reaction: the history pages and the thread of the message it is on;
 * - renames, archives, opens and closes: info and list pages;
 * - joins and leaves: member pages, info and list pages;
 * - deletions: everything about the conversation and the lists;
 * - `user_change`, `team_join`: that user and the users.list pages (the shared user directory
 *   drops that user too: `usersChangedBy`);
 * - `*_history_changed`: every conversation's history and replies pages (the payload names no
 *   conversation), nothing else;
 * - `tokens_revoked`: no tag; the revoked tokens' own entries go (`revokedBy`, by token);
 * - `app_uninstalled`, `channel_id_changed`: everything.
 * Any other event contradicts nothing the gateway caches: `[]`.
 * @see https://docs.slack.dev/reference/events
 */
export function tagsOfEvent(event: SlackInnerEvent): string[] {
  const { type } = event;
  if (EVERYTHING_EVENTS.has(type)) return [ALL_TAG];
  if (HISTORY_EVENTS.has(type)) return [HISTORIES_TAG];
  if (USER_EVENTS.has(type)) {
    const user = userOf(event);
    return user === undefined ? [USERS_TAG] : [userTag(user), USERS_TAG];
  }
  const channel = channelOf(event);
  if (channel === undefined) return [];
  if (type === 'message') return messageTags(channel, event);
  if (type === 'reaction_added' || type === 'reaction_removed') {
    const ts = event.item?.ts;
    return ts === undefined ? [historyTag(channel)] : [historyTag(channel), threadTag(channel, ts)];
  }
  if (DELETIONS.has(type)) return [conversationTag(channel), LISTS_TAG];
  if (MEMBERSHIP_EVENTS.has(type)) return [membersTag(channel), infoTag(channel), LISTS_TAG];
  if (LIST_EVENTS.has(type)) return [infoTag(channel), LISTS_TAG];
  return [];
}

function messageTags(channel: string, event: SlackInnerEvent): string[] {
  const tags = [historyTag(channel), infoTag(channel)];
  const threads = new Set<string>();
  for (const message of [event, event.message, event.previous_message]) {
    const root = threadRoot(message);
    if (root !== undefined) threads.add(root);
  }
  if (event.subtype === 'message_deleted' && event.deleted_ts !== undefined) {
    threads.add(event.deleted_ts);
  }
  for (const root of threads) tags.push(threadTag(channel, root));
  if (event.subtype !== undefined && ROW_SUBTYPES.has(event.subtype)) tags.push(LISTS_TAG);
  return tags;
}

/** The thread a message is in: its parent's `ts`, or its own when it may start one. */
function threadRoot(
  message: Pick<SlackMessage, 'ts' | 'thread_ts'> | SlackInnerEvent | undefined,
): string | undefined {
  if (message === undefined) return undefined;
  return message.thread_ts ?? message.ts;
}

/** The users whose records `event` changes (src/cache/user-directory.ts forgets them). */
export function usersChangedBy(event: SlackInnerEvent): string[] {
  if (!USER_EVENTS.has(event.type)) return [];
  const user = userOf(event);
  return user === undefined ? [] : [user];
}
