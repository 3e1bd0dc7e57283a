import { acceptedScopes } from '../protocol/scopes.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import type { WorkspaceConversation } from '../state/workspace-file.js';
import {
  normalizeRenameName,
  requireNameAvailable,
  validateChannelName,
} from './channel-name-rules.js';
import { findConversation, requireCaller, requireScope } from './conversation-access.js';
import type { Caller } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';
import { announceJoin, announceRename } from './system-messages.js';
import {
  CONVERSATION_WRITE_SCOPES,
  presentWritten,
  rejectArchived,
  rejectDirectMessages,
  requireMember,
  touch,
} from './write-guards.js';

/** A new channel as Slack creates it: empty topic and purpose, the creator its only member. */
function newChannel(
  state: WorkspaceState,
  name: string,
  isPrivate: boolean,
  creator: string,
): WorkspaceConversation {
  const created = state.nowSeconds();
  return {
    id: state.nextId('C'),
    name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    created,
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    pending_connected_team_ids: [],
    shared_team_ids: [state.team.id],
    context_team_id: state.team.id,
    parent_conversation: null,
    updated: state.nowMillis(),
    creator,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
    members: [creator],
  };
}

/**
 * conversations.create: the scope depends on `is_private` (bots `channels:manage` or
 * `groups:write`, users `channels:write` or `groups:write`). The response is the new channel
 * before Slack's `channel_join` message for the creator is posted, hence `latest: null` and
 * `last_read: "0000000000.000000"` as in Slack's example.
 * @see https://docs.slack.dev/reference/methods/conversations.create
 */
export const conversationsCreate: MethodDefinition = {
  name: 'conversations.create',
  tier: 't2',
  acceptsJson: true,
  acceptedScopes: ['channels:manage', 'channels:write', 'groups:write'],
  handle(context) {
    const caller = requireCaller(context);
    const isPrivate = context.params.bool('is_private');
    const type = isPrivate ? 'private_channel' : 'public_channel';
    requireScope(caller, acceptedScopes(type, 'write', caller.isBot));
    const name = validateChannelName(context.params.string('name'));
    const { state } = context;
    requireNameAvailable(state, name);
    const conversation = state.addConversation(newChannel(state, name, isPrivate, caller.userId));
    const channel = { ...presentWritten(context, conversation, caller), priority: 0 };
    announceJoin(state, conversation, caller.userId);
    return { channel };
  },
};

/** Only the creator or a workspace admin/owner may rename (REFERENCE §4.14). */
function mayRename(state: WorkspaceState, conversation: StoredConversation, caller: Caller) {
  if (conversation.data.creator === caller.userId) return true;
  const user = state.users.get(caller.userId);
  return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
}

/**
 * conversations.rename: normalizes the name (see `normalizeRenameName`), appends the old name
 * to `previous_names` and posts `channel_name`. Renaming to the current name changes nothing.
 * @see https://docs.slack.dev/reference/methods/conversations.rename
 */
export const conversationsRename: MethodDefinition = {
  name: 'conversations.rename',
  tier: 't2',
  acceptsJson: true,
  acceptedScopes: CONVERSATION_WRITE_SCOPES,
  handle(context) {
    const caller = requireCaller(context);
    const conversation = findConversation(context, 'write');
    rejectDirectMessages(conversation);
    const name = validateChannelName(normalizeRenameName(context.params.string('name')));
    requireMember(conversation, caller.userId);
    const { state } = context;
    if (!mayRename(state, conversation, caller)) throw new SlackApiError('not_authorized');
    rejectArchived(conversation);
    const { data } = conversation;
    const oldName = data.name ?? '';
    if (name !== oldName) {
      requireNameAvailable(state, name, data.id);
      data.previous_names = [...(data.previous_names ?? []), oldName];
      data.name = name;
      data.name_normalized = name;
      touch(state, conversation);
      announceRename(state, conversation, caller.userId, oldName, name);
    }
    return { channel: presentWritten(context, conversation, caller) };
  },
};
