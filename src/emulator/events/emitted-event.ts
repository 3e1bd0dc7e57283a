import type { SlackConversationType } from '../../slack/wire-types.js';

/** An inner event as Slack puts it in an envelope's `event` field. */
export type InnerEvent = { type: string } & Record<string, unknown>;

/**
 * Who may receive an event, by Slack's rule "an app receives the events that the users (and the
 * bot) who installed it can see":
 * - `members`: members of the conversation, at emission time (messages; membership events);
 * - `viewers`: anyone who can see the conversation (public channels: every authorization,
 *   otherwise its members): creation, rename, archive, unarchive;
 * - `user`: only the named user's own authorization (`channel_left`, `im_*`, `group_open`).
 */
export type EventAudience =
  | { kind: 'members' }
  | { kind: 'viewers' }
  | { kind: 'user'; userId: string };

/** A change the workspace made, as the event bus receives it. */
export interface EmittedEvent {
  event: InnerEvent;
  /** The conversation the event is about. */
  channelId: string;
  conversationType: SlackConversationType;
  /** The kind of scope an authorization needs: `read` (`channels:read`, …) or `history`. */
  access: 'read' | 'history';
  audience: EventAudience;
  /** The conversation is shared with another organisation (`is_ext_shared_channel`). */
  extShared: boolean;
  /** Members at emission time (for `members` and private `viewers` audiences). */
  memberIds: ReadonlySet<string>;
}
