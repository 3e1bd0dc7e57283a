import { raiseChannelCreated, raiseMemberJoined, raiseRename } from '../events/raise-events.js';
import { acceptedScopes } from '../protocol/scopes.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import {
  normalizeRenameName,
  requireNameAvailable,
  validateChannelName,
} from './channel-name-rules.js';
import { requireCaller, requireScope } from './conversation-access.js';
import type { Caller } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';
import { newChannelData } from './new-channel.js';
import { announceJoin, announceRename } from './system-messages.js';
import {
  CONVERSATION_WRITE_SCOPES,
  conversationWriteMethod,
  presentWritten,
  rejectArchived,
  rejectDirectMessages,
  requireMember,
  touch,
} from './write-guards.js';

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
  // Slack's catalogue lists the DM scopes too, although they never let a token create a channel.
  acceptedScopes: CONVERSATION_WRITE_SCOPES,
  handle(context) {
    const caller = requireCaller(context);
    const isPrivate = context.params.bool('is_private');
    const type = isPrivate ? 'private_channel' : 'public_channel';
    requireScope(caller, acceptedScopes(type, 'write', caller.isBot));
    const name = validateChannelName(context.params.string('name'));
    const { state } = context;
    requireNameAvailable(state, name);
    const conversation = state.addConversation(
      newChannelData(state, { name, isPrivate, isMpim: false, members: [caller.userId] }),
    );
    const channel = { ...presentWritten(context, conversation, caller), priority: 0 };
    // Slack has no `group_created`: a new private channel shows up only to its creator, by the join.
    if (!isPrivate) raiseChannelCreated(state, conversation);
    raiseMemberJoined(state, conversation, caller.userId);
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
export const conversationsRename = conversationWriteMethod(
  'conversations.rename',
  't2',
  (context, caller, conversation) => {
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
      raiseRename(state, conversation);
      announceRename(state, conversation, caller.userId, oldName, name);
    }
    return { channel: presentWritten(context, conversation, caller) };
  },
);
