import type { SlackConversation } from '../../slack/wire-types.js';
import { NEVER_READ, type StoredConversation, type WorkspaceState } from '../state/store.js';
import type { WorkspaceMessage } from '../state/workspace-file.js';
import { isMember } from './conversation-access.js';
import type { Caller } from './method-context.js';

/**
 * Which derived fields a method includes. Slack's field presence differs per method
 * (docs/slack-behaviour.md#the-conversation-object): users.conversations omits `is_member` and
 * `num_members`, conversations.info adds `num_members` only with `include_num_members`, lists give
 * IMs a minimal shape, and member-state fields appear where the caller is a member.
 */
export interface PresentOptions {
  isMember: boolean;
  numMembers: boolean;
  locale: boolean;
  /**
   * What a member sees of their own read state: `full` is `last_read`, `latest`,
   * `unread_count` and `unread_count_display`; `lastRead` only the read cursor.
   */
  memberState: 'none' | 'lastRead' | 'full';
  /** The minimal IM shape of list methods. */
  minimalIm: boolean;
}

/** Renders a stored conversation as Slack's conversation object for `caller`. */
export function presentConversation(
  state: WorkspaceState,
  conversation: StoredConversation,
  caller: Caller,
  options: PresentOptions,
): SlackConversation {
  const { members, ...stored } = conversation.data;
  const member = isMember(conversation, caller.userId);
  if (stored.is_im) {
    const peer = members.find((id) => id !== caller.userId) ?? caller.userId;
    const im: SlackConversation = {
      id: stored.id,
      created: stored.created,
      is_archived: stored.is_archived ?? false,
      is_im: true,
      is_org_shared: stored.is_org_shared ?? false,
      context_team_id: stored.context_team_id ?? state.team.id,
      updated: stored.updated,
      user: peer,
      is_user_deleted: state.users.get(peer)?.deleted ?? false,
      priority: stored.priority ?? 0,
    };
    if (options.minimalIm) return im;
    Object.assign(im, { is_open: conversation.openFor.has(caller.userId) });
    if (member) Object.assign(im, memberState(conversation, caller.userId, options.memberState));
    if (options.numMembers) im.num_members = members.length;
    if (options.locale) im.locale = 'en-US';
    return im;
  }
  const result: SlackConversation = { ...stored };
  if (options.isMember) result.is_member = member;
  if (stored.is_mpim) result.is_open = conversation.openFor.has(caller.userId);
  if (member) Object.assign(result, memberState(conversation, caller.userId, options.memberState));
  if (options.numMembers) result.num_members = members.length;
  if (options.locale) result.locale = 'en-US';
  return result;
}

/**
 * The caller's read state. Messages are sorted by ts, so it walks back from the newest only
 * past the unread ones and to the newest top-level message, not over the whole history.
 */
function memberState(
  conversation: StoredConversation,
  userId: string,
  shown: PresentOptions['memberState'],
): Partial<SlackConversation> {
  if (shown === 'none') return {};
  const lastRead = conversation.lastRead.get(userId) ?? NEVER_READ;
  if (shown === 'lastRead') return { last_read: lastRead };
  const { messages } = conversation;
  let latest: WorkspaceMessage | undefined;
  let unread = 0;
  let unreadDisplay = 0;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index] as WorkspaceMessage;
    const isUnread = message.ts > lastRead;
    if (!isUnread && latest !== undefined) break;
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) continue;
    latest ??= message;
    if (isUnread) {
      unread += 1;
      if (message.subtype === undefined) unreadDisplay += 1;
    }
  }
  return {
    last_read: lastRead,
    latest: latest ? { ...latest } : null,
    unread_count: unread,
    unread_count_display: unreadDisplay,
  };
}
