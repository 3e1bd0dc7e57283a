import type { SlackProperties } from '../../../slack/wire-types.js';
import type { WorkspaceConversation } from '../workspace-file.js';
import { OTHER_CHANNELS } from './other-channels.js';
import { PUBLIC_CHANNELS } from './public-channels.js';

/** A demo channel in compact form; conversations.ts expands it to a full conversation entry. */
export interface ChannelSpec {
  id: string;
  name: string;
  creator: string;
  members: readonly string[];
  private?: boolean;
  /** A private channel from before March 2021: `G…` ID, `is_group: true`, `is_channel: false`. */
  legacyGroup?: boolean;
  archived?: boolean;
  topic?: string;
  purpose?: string;
  previousNames?: string[];
  properties?: SlackProperties;
  /** Any other stored field (sharing, freezing, retention...). */
  extra?: Partial<WorkspaceConversation>;
}

/** The 47 demo channels (public, private, legacy private, archived, shared, frozen), in order. */
export const CHANNEL_SPECS: readonly ChannelSpec[] = [...PUBLIC_CHANNELS, ...OTHER_CHANNELS];
