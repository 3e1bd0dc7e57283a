/**
 * Slack Web API wire shapes (snake_case, exactly as Slack sends them).
 *
 * This is a leaf module: it imports nothing, and both the gateway and the emulator may import it.
 * Optional fields are optional because Slack omits them in some responses (see the field-presence
 * table in docs/slack-behaviour.md#the-conversation-object), not because we are unsure of their
 * type.
 *
 * @see https://docs.slack.dev/reference/objects/conversation-object
 */

/** A Slack message timestamp: `"<10-digit seconds>.<6 digits>"`. Always a string, never a float. */
export type SlackTs = string;

/** The conversation types accepted by the `types` argument of list methods. */
export type SlackConversationType = 'public_channel' | 'private_channel' | 'mpim' | 'im';

export const SLACK_CONVERSATION_TYPES: readonly SlackConversationType[] = [
  'public_channel',
  'private_channel',
  'mpim',
  'im',
];

/** `topic` and `purpose` share this shape; `creator` is `""` and `last_set` 0 when never set. */
export interface SlackTopic {
  value: string;
  creator: string;
  last_set: number;
}

/** Who may post (or reply in threads): each array is optional on the wire. */
export interface SlackRestriction {
  type?: string[];
  user?: string[];
  subteam?: string[];
}

export interface SlackTab {
  id: string;
  label: string;
  type: string;
  data?: Record<string, unknown>;
  is_disabled?: boolean;
}

export interface SlackCanvas {
  file_id: string;
  is_empty: boolean;
  quip_thread_id: string;
}

/** `properties` of a conversation; `tabs` is omitted when empty. */
export interface SlackProperties {
  posting_restricted_to?: SlackRestriction;
  threads_restricted_to?: SlackRestriction;
  tabs?: SlackTab[];
  canvas?: SlackCanvas;
  at_channel_restricted?: boolean;
  at_here_restricted?: boolean;
  huddles_restricted?: boolean;
  sharing_disabled?: boolean;
  membership_limit?: number;
  default_tab_id?: string;
  auto_open_tab_id?: string;
  who_can_manage_channel_agent?: string;
  [extra: string]: unknown;
}

/**
 * The conversation object: the union of documented fields. Channels carry most of them; IMs are
 * minimal in lists (`id, created, is_im, is_org_shared, user, is_user_deleted, priority`).
 */
export interface SlackConversation {
  id: string;
  name?: string;
  name_normalized?: string;
  created: number;
  /** Milliseconds, unlike `created`. */
  updated?: number;
  creator?: string;
  is_channel?: boolean;
  is_group?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  is_private?: boolean;
  is_archived?: boolean;
  is_general?: boolean;
  is_shared?: boolean;
  is_ext_shared?: boolean;
  is_org_shared?: boolean;
  is_pending_ext_shared?: boolean;
  is_global_shared?: boolean;
  is_frozen?: boolean;
  is_read_only?: boolean;
  is_thread_only?: boolean;
  is_non_threadable?: boolean;
  is_member?: boolean;
  is_open?: boolean;
  is_starred?: boolean;
  has_pins?: boolean;
  is_org_default?: boolean;
  is_org_mandatory?: boolean;
  is_user_deleted?: boolean;
  is_moved?: number;
  is_file?: boolean;
  is_ext_ws_shared?: boolean;
  is_channel_agent_enabled?: boolean;
  unlinked?: number;
  context_team_id?: string;
  conversation_host_id?: string;
  enterprise_id?: string;
  parent_conversation?: string | null;
  priority?: number;
  /** The other party of an IM, as seen by the caller. */
  user?: string;
  num_members?: number;
  locale?: string;
  last_read?: SlackTs;
  latest?: SlackMessage | null;
  unread_count?: number;
  unread_count_display?: number;
  frozen_reason?: string;
  use_case?: string;
  retention_duration?: number;
  previous_names?: string[];
  pending_shared?: string[];
  pending_connected_team_ids?: string[];
  shared_team_ids?: string[];
  internal_team_ids?: string[];
  connected_team_ids?: string[];
  connected_limited_team_ids?: string[];
  topic?: SlackTopic;
  purpose?: SlackTopic;
  properties?: SlackProperties;
}

export interface SlackReaction {
  name: string;
  users: string[];
  count: number;
}

/** A message as returned by conversations.history and conversations.replies. */
export interface SlackMessage {
  type: 'message';
  ts: SlackTs;
  text: string;
  user?: string;
  subtype?: string;
  team?: string;
  bot_id?: string;
  thread_ts?: SlackTs;
  parent_user_id?: string;
  reply_count?: number;
  reply_users_count?: number;
  reply_users?: string[];
  latest_reply?: SlackTs;
  subscribed?: boolean;
  last_read?: SlackTs;
  unread_count?: number;
  edited?: { user: string; ts: SlackTs };
  reactions?: SlackReaction[];
  blocks?: unknown[];
  attachments?: unknown[];
  /** Subtype-specific: `channel_topic` / `channel_purpose` / `channel_name`. */
  topic?: string;
  purpose?: string;
  name?: string;
  old_name?: string;
  inviter?: string;
  channel?: string;
  permalink?: string;
  no_notifications?: boolean;
  client_msg_id?: string;
  app_id?: string;
  username?: string;
  bot_profile?: Record<string, unknown>;
  files?: unknown[];
  room?: Record<string, unknown>;
  root?: SlackMessage;
  is_starred?: boolean;
  pinned_to?: string[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface SlackUserProfile {
  real_name?: string;
  real_name_normalized?: string;
  display_name?: string;
  display_name_normalized?: string;
  first_name?: string;
  last_name?: string;
  title?: string;
  email?: string;
  status_text?: string;
  status_emoji?: string;
  avatar_hash?: string;
  image_24?: string;
  image_32?: string;
  image_48?: string;
  image_72?: string;
  image_192?: string;
  image_512?: string;
  bot_id?: string;
  team?: string;
  [extra: string]: unknown;
}

export interface SlackUser {
  id: string;
  team_id?: string;
  name: string;
  deleted: boolean;
  color?: string;
  real_name?: string;
  tz?: string | null;
  tz_label?: string;
  tz_offset?: number;
  profile: SlackUserProfile;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_bot: boolean;
  is_app_user?: boolean;
  updated?: number;
  locale?: string;
  [extra: string]: unknown;
}

export interface SlackTeam {
  id: string;
  name: string;
  domain?: string;
  email_domain?: string;
  icon?: Record<string, unknown>;
  enterprise_id?: string;
  enterprise_name?: string;
  [extra: string]: unknown;
}

export interface SlackResponseMetadata {
  next_cursor?: string;
  warnings?: string[];
  messages?: string[];
}

/** Fields every Slack response may carry, success or failure. */
export interface SlackEnvelope {
  ok: boolean;
  error?: string;
  warning?: string;
  needed?: string;
  provided?: string;
  response_metadata?: SlackResponseMetadata;
}

export interface SlackAuthTestResponse extends SlackEnvelope {
  url: string;
  team: string;
  user: string;
  team_id: string;
  user_id: string;
  bot_id?: string;
  is_enterprise_install: boolean;
}

export interface SlackConversationsListResponse extends SlackEnvelope {
  channels: SlackConversation[];
}

export interface SlackConversationResponse extends SlackEnvelope {
  channel: SlackConversation;
}

export interface SlackMembersResponse extends SlackEnvelope {
  members: string[];
}

export interface SlackMessagesResponse extends SlackEnvelope {
  messages: SlackMessage[];
  has_more: boolean;
  pin_count?: number;
}

export interface SlackUserResponse extends SlackEnvelope {
  user: SlackUser;
}

export interface SlackUsersListResponse extends SlackEnvelope {
  members: SlackUser[];
  cache_ts?: number;
}

export interface SlackTeamResponse extends SlackEnvelope {
  team: SlackTeam;
}

/** One entry of `errors` on a partially failed conversations.invite. */
export interface SlackInviteError {
  user: string;
  ok: false;
  error: string;
}
