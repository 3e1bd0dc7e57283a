import type { SlackTopic } from '../../slack/wire-types.js';
import type { WorkspaceState } from '../state/store.js';
import type { WorkspaceConversation } from '../state/workspace-file.js';

/** What differs between the channel-like conversations the emulator mints. */
export interface NewChannelFields {
  name: string;
  isPrivate: boolean;
  isMpim: boolean;
  /** The creator first, then the other members in order. */
  members: readonly string[];
  purpose?: SlackTopic;
}

/**
 * A channel-like conversation as Slack mints it today (a `C…` ID for public and private channels
 * and group DMs alike, unshared, empty topic, no previous names, `created`/`updated` now), for
 * conversations.create and conversations.open.
 * @see docs/slack-behaviour.md#the-conversation-object
 */
export function newChannelData(
  state: WorkspaceState,
  fields: NewChannelFields,
): WorkspaceConversation {
  const [creator = ''] = fields.members;
  return {
    id: state.nextId('C'),
    name: fields.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: fields.isMpim,
    is_private: fields.isPrivate,
    created: state.nowSeconds(),
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: fields.name,
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
    purpose: fields.purpose ?? { value: '', creator: '', last_set: 0 },
    previous_names: [],
    members: [...fields.members],
  };
}
