import type {
  SlackConversation,
  SlackMessage,
  SlackTeam,
  SlackUser,
} from '../../slack/wire-types.js';

/**
 * How a token's app is distributed, which decides whether Slack's 2025 rule for
 * conversations.history/replies (1 call a minute, `limit` at most 15) applies to it.
 * @see shared/slack-api/REFERENCE.md §3.6
 */
export type AppDistribution = 'internal' | 'marketplace' | 'unlisted';

/** A token the emulator accepts. `xoxb-` tokens act as bots, `xoxp-` as users. */
export interface WorkspaceToken {
  token: string;
  /** The user (for a bot token: the bot user) the token acts as. */
  user_id: string;
  scopes: string[];
  /** Bot tokens: the `B…` bot ID that auth.test reports. */
  bot_id?: string;
  /** A revoked token answers `token_revoked`. */
  revoked?: boolean;
  /** @default 'internal' */
  app_distribution?: AppDistribution;
}

/**
 * A conversation entry: the fields of the conversation object as Slack returns them from
 * conversations.info, plus `members`. Derived fields (`num_members`, `is_member`, an IM's `user`,
 * `last_read`, `unread_count*`, `latest`) are computed by the emulator, never stored.
 */
export type WorkspaceConversation = Omit<
  SlackConversation,
  | 'num_members'
  | 'is_member'
  | 'user'
  | 'last_read'
  | 'unread_count'
  | 'unread_count_display'
  | 'latest'
> & {
  members: string[];
};

/**
 * A message entry. Thread replies carry `thread_ts` of their parent; thread summaries on the
 * parent (`reply_count`, `reply_users`, `latest_reply`, ...) are computed, never stored.
 */
export type WorkspaceMessage = Omit<
  SlackMessage,
  'reply_count' | 'reply_users' | 'reply_users_count' | 'latest_reply' | 'parent_user_id'
>;

/**
 * The Slack app installed in the workspace: the app whose event subscriptions the emulator
 * delivers (over HTTP to `eventsUrl` or over Socket Mode).
 */
export interface WorkspaceApp {
  /** The `A…` app ID: `api_app_id` of every event envelope. */
  id: string;
  /** Signs HTTP deliveries (`X-Slack-Signature`, Slack's v0 scheme). */
  signing_secret: string;
  /** The app-level `xapp-` token (scope `connections:write`) for `apps.connections.open`. */
  app_token: string;
  /** The legacy verification token sent as the envelopes' `token`. @default DEFAULT_APP.verification_token */
  verification_token?: string;
}

/** The workspace file: what `--workspace PATH.json` and `POST /_emulator/workspace` load. */
export interface WorkspaceFile {
  team: SlackTeam;
  users: SlackUser[];
  tokens: WorkspaceToken[];
  conversations: WorkspaceConversation[];
  /** The installed app; DEFAULT_APP when absent. */
  app?: WorkspaceApp;
  /** Messages per conversation ID, in any order (the emulator sorts by `ts`). */
  messages?: Record<string, WorkspaceMessage[]>;
}
