import type { SlackConversationType } from '../../slack/wire-types.js';
import { conversationType } from '../protocol/conversation-kind.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import type { WorkspaceMessage } from '../state/workspace-file.js';
import type { EmittedEvent, EventAudience, InnerEvent } from './emitted-event.js';

/**
 * The events Slack's Events API sends for each change, built from the workspace state and handed
 * to `state.emit`. Payload fields follow Slack's event reference pages and `@slack/types`.
 * @see https://docs.slack.dev/reference/events
 */

/** `event.channel_type` of message events. */
const MESSAGE_CHANNEL_TYPE: Record<SlackConversationType, string> = {
  public_channel: 'channel',
  private_channel: 'group',
  im: 'im',
  mpim: 'mpim',
};

function raise(
  state: WorkspaceState,
  conversation: StoredConversation,
  event: InnerEvent,
  access: EmittedEvent['access'],
  audience: EventAudience,
): void {
  state.emit({
    event,
    channelId: conversation.data.id,
    conversationType: conversationType(conversation.data),
    access,
    audience,
    extShared: conversation.data.is_ext_shared === true,
    memberIds: conversation.memberIds,
  });
}

/** Public channels raise `channel_*` events, private channels and group DMs `group_*`. */
function prefixOf(conversation: StoredConversation): 'channel' | 'group' {
  return conversationType(conversation.data) === 'public_channel' ? 'channel' : 'group';
}

function messageEvent(
  conversation: StoredConversation,
  fields: Record<string, unknown>,
  eventTs: string,
): InnerEvent {
  return {
    type: 'message',
    ...fields,
    channel: conversation.data.id,
    event_ts: eventTs,
    channel_type: MESSAGE_CHANNEL_TYPE[conversationType(conversation.data)],
  };
}

/** `message` for a new message (a thread reply carries `thread_ts` and `parent_user_id`). */
export function raiseMessage(
  state: WorkspaceState,
  conversation: StoredConversation,
  message: WorkspaceMessage,
): void {
  const fields: Record<string, unknown> = structuredClone(message);
  if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
    const parent = conversation.messages.find((candidate) => candidate.ts === message.thread_ts);
    if (parent?.user !== undefined) fields.parent_user_id = parent.user;
  }
  raise(state, conversation, messageEvent(conversation, fields, message.ts), 'history', {
    kind: 'members',
  });
}

/** `message` subtype `message_changed`: the new message (with `edited`) and the previous one. */
export function raiseMessageChanged(
  state: WorkspaceState,
  conversation: StoredConversation,
  previous: WorkspaceMessage,
  current: WorkspaceMessage,
): void {
  const ts = state.nowTs();
  const event = messageEvent(
    conversation,
    {
      subtype: 'message_changed',
      message: structuredClone(current),
      previous_message: structuredClone(previous),
      hidden: true,
      ts,
    },
    ts,
  );
  raise(state, conversation, event, 'history', { kind: 'members' });
}

/** `message` subtype `message_deleted`, naming the `deleted_ts` and the message as it was. */
export function raiseMessageDeleted(
  state: WorkspaceState,
  conversation: StoredConversation,
  previous: WorkspaceMessage,
): void {
  const ts = state.nowTs();
  const event = messageEvent(
    conversation,
    {
      subtype: 'message_deleted',
      hidden: true,
      deleted_ts: previous.ts,
      previous_message: structuredClone(previous),
      ts,
    },
    ts,
  );
  raise(state, conversation, event, 'history', { kind: 'members' });
}

/** The fields every channel object in an event opens with. */
function channelHead(conversation: StoredConversation) {
  const { data } = conversation;
  return {
    id: data.id,
    name: data.name,
    name_normalized: data.name_normalized ?? data.name,
    created: data.created,
  };
}

/** `channel_created` (public channels only: Slack has no `group_created`). */
export function raiseChannelCreated(state: WorkspaceState, conversation: StoredConversation): void {
  const { data } = conversation;
  const channel = {
    ...channelHead(conversation),
    creator: data.creator,
    is_channel: data.is_channel === true,
    is_private: data.is_private === true,
    is_shared: data.is_shared === true,
    is_ext_shared: data.is_ext_shared === true,
    is_org_shared: data.is_org_shared === true,
    is_pending_ext_shared: data.is_pending_ext_shared === true,
    is_archived: data.is_archived === true,
    is_frozen: data.is_frozen === true,
    is_general: data.is_general === true,
    is_group: data.is_group === true,
    is_im: false,
    is_mpim: data.is_mpim === true,
    context_team_id: data.context_team_id ?? state.team.id,
  };
  const event = { type: 'channel_created', channel, event_ts: state.nowTs() };
  raise(state, conversation, event, 'read', { kind: 'viewers' });
}

/** `channel_rename` / `group_rename`, with the channel as an object. */
export function raiseRename(state: WorkspaceState, conversation: StoredConversation): void {
  const { data } = conversation;
  const channel = {
    ...channelHead(conversation),
    is_channel: data.is_channel === true,
    is_mpim: data.is_mpim === true,
  };
  const event = { type: `${prefixOf(conversation)}_rename`, channel, event_ts: state.nowTs() };
  raise(state, conversation, event, 'read', { kind: 'viewers' });
}

/** `channel_archive` / `group_archive`. */
export function raiseArchive(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
): void {
  const event = {
    type: `${prefixOf(conversation)}_archive`,
    channel: conversation.data.id,
    user: userId,
    event_ts: state.nowTs(),
  };
  raise(state, conversation, event, 'read', { kind: 'viewers' });
}

/** `channel_unarchive` (`user`) / `group_unarchive` (`actor_id`, as Slack names it there). */
export function raiseUnarchive(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
): void {
  const prefix = prefixOf(conversation);
  const event = {
    type: `${prefix}_unarchive`,
    channel: conversation.data.id,
    [prefix === 'channel' ? 'user' : 'actor_id']: userId,
    event_ts: state.nowTs(),
  };
  raise(state, conversation, event, 'read', { kind: 'viewers' });
}

/** `member_joined_channel`; `inviter` only when someone else added the user. */
export function raiseMemberJoined(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
  inviter?: string,
): void {
  const event: InnerEvent = {
    type: 'member_joined_channel',
    user: userId,
    channel: conversation.data.id,
    channel_type: prefixOf(conversation) === 'channel' ? 'C' : 'G',
    team: state.team.id,
  };
  if (inviter !== undefined) event.inviter = inviter;
  event.event_ts = state.nowTs();
  raise(state, conversation, event, 'read', { kind: 'members' });
}

/**
 * A user left or was removed (call after the removal): `channel_left` / `group_left` to that
 * user's own authorization, `member_left_channel` to the members who remain.
 */
export function raiseMemberLeft(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
  actorId: string,
): void {
  const prefix = prefixOf(conversation);
  const channel = conversation.data.id;
  raise(
    state,
    conversation,
    { type: `${prefix}_left`, channel, actor_id: actorId, event_ts: state.nowTs() },
    'read',
    { kind: 'user', userId },
  );
  const left = {
    type: 'member_left_channel',
    user: userId,
    channel,
    channel_type: prefix === 'channel' ? 'C' : 'G',
    team: state.team.id,
    event_ts: state.nowTs(),
  };
  raise(state, conversation, left, 'read', { kind: 'members' });
}

/** `im_created` for the user who opened a new DM; `channel` is the DM as that user sees it. */
export function raiseImCreated(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
): void {
  const { data } = conversation;
  const peer = data.members.find((member) => member !== userId) ?? userId;
  const channel = {
    id: data.id,
    created: data.created,
    is_archived: data.is_archived === true,
    is_im: true,
    is_org_shared: data.is_org_shared === true,
    context_team_id: data.context_team_id ?? state.team.id,
    updated: data.updated,
    user: peer,
    is_user_deleted: state.users.get(peer)?.deleted === true,
    priority: 0,
  };
  const event = { type: 'im_created', user: userId, channel, event_ts: state.nowTs() };
  raise(state, conversation, event, 'read', { kind: 'user', userId });
}

/** `im_open` for a DM, `group_open` for a group DM, to the user who opened it. */
export function raiseOpened(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
): void {
  raiseOpenState(state, conversation, userId, 'open');
}

/** `im_close` for a DM, `group_close` for a group DM, to the user who closed it. */
export function raiseClosed(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
): void {
  raiseOpenState(state, conversation, userId, 'close');
}

function raiseOpenState(
  state: WorkspaceState,
  conversation: StoredConversation,
  userId: string,
  change: 'open' | 'close',
): void {
  const prefix = conversation.data.is_im ? 'im' : 'group';
  const event = {
    type: `${prefix}_${change}`,
    user: userId,
    channel: conversation.data.id,
    event_ts: state.nowTs(),
  };
  raise(state, conversation, event, 'read', { kind: 'user', userId });
}
