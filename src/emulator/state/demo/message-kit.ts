import type { SlackTs } from '../../../slack/wire-types.js';
import type { WorkspaceMessage } from '../workspace-file.js';
import { DEMO_TEAM_ID } from './team.js';
import { APP_IDS, BOT_IDS, U } from './users.js';

/**
 * Mints strictly increasing timestamps for one conversation. The fraction mixes a per-conversation
 * salt so it looks like Slack's sequence part, but everything is arithmetic: no clock, no random.
 */
export class Timeline {
  private seconds: number;
  private sequence = 0;

  constructor(
    start: number,
    private readonly salt: number,
  ) {
    this.seconds = start;
  }

  /** The next `ts`, `gap` seconds (at least 1) after the previous one. */
  next(gap: number): SlackTs {
    this.seconds += Math.max(1, Math.floor(gap));
    this.sequence += 1;
    const fraction = (this.salt * 7_919 + this.sequence * 104_729) % 1_000_000;
    return `${this.seconds}.${String(fraction).padStart(6, '0')}`;
  }
}

/** The rich_text block Slack clients attach to what a person types. */
export function richText(text: string, blockId: string): unknown[] {
  return [
    {
      type: 'rich_text',
      block_id: blockId,
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

/** A deterministic UUID-shaped `client_msg_id` from a number. */
function clientMessageId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `d3m0d3m0-0000-4000-8000-${hex}`;
}

/** A message a person typed in a Slack client. */
export function userMessage(ts: SlackTs, user: string, text: string, n: number): WorkspaceMessage {
  return {
    type: 'message',
    ts,
    user,
    text,
    client_msg_id: clientMessageId(n),
    team: DEMO_TEAM_ID,
    blocks: richText(text, `b${n.toString(36)}`),
  };
}

/** A system message (joins, topic changes, renames, archive): Slack posts it as the actor. */
export function systemMessage(
  ts: SlackTs,
  subtype: string,
  user: string,
  text: string,
  extra: Partial<WorkspaceMessage> = {},
): WorkspaceMessage {
  return { type: 'message', subtype, ts, user, text, ...extra };
}

type BotHandle = keyof typeof BOT_IDS;

function botProfile(handle: BotHandle, name: string): Record<string, unknown> {
  const icon = (size: number) => `https://avatars.example.com/demo/${handle}_${size}.png`;
  return {
    id: BOT_IDS[handle],
    app_id: APP_IDS[handle],
    name,
    icons: { image_36: icon(36), image_48: icon(48), image_72: icon(72) },
    deleted: false,
    updated: 1_700_000_000,
    team_id: DEMO_TEAM_ID,
  };
}

/** A message an app posted as its bot user (chat.postMessage with a bot token). */
export function appMessage(
  ts: SlackTs,
  handle: BotHandle,
  name: string,
  text: string,
): WorkspaceMessage {
  return {
    type: 'message',
    ts,
    user: U[handle],
    bot_id: BOT_IDS[handle],
    app_id: APP_IDS[handle],
    text,
    team: DEMO_TEAM_ID,
    bot_profile: botProfile(handle, name),
    blocks: richText(text, `a${ts.replace('.', '')}`),
  };
}

/** A classic `bot_message` (incoming webhook style): no `user`, a `username` and attachments. */
export function botMessage(
  ts: SlackTs,
  handle: BotHandle,
  name: string,
  text: string,
  detail: string,
): WorkspaceMessage {
  return {
    type: 'message',
    subtype: 'bot_message',
    ts,
    text,
    bot_id: BOT_IDS[handle],
    username: name,
    app_id: APP_IDS[handle],
    bot_profile: botProfile(handle, name),
    attachments: [{ id: 1, color: '36a64f', fallback: detail, text: detail, title: text }],
  };
}

/** The "A huddle started" message, shaped exactly like the example on Slack's conversation page. */
export function huddleMessage(
  ts: SlackTs,
  channel: string,
  startedBy: string,
  joined: string,
): WorkspaceMessage {
  const seconds = Number(ts.split('.')[0]);
  return {
    type: 'message',
    text: '',
    user: U.slackbot,
    channel,
    room: {
      id: 'R01HUDDLE01',
      name: '',
      media_server: '',
      created_by: startedBy,
      date_start: seconds,
      date_end: 0,
      participants: [],
      participant_history: [startedBy, joined],
      participants_camera_on: [],
      participants_camera_off: [],
      participants_screenshare_on: [],
      participants_screenshare_off: [],
      canvas_thread_ts: ts,
      thread_root_ts: ts,
      channels: [channel],
      is_dm_call: false,
      was_rejected: false,
      was_missed: false,
      was_accepted: false,
      has_ended: false,
      background_id: 'GRADIENT_03',
      canvas_background: 'GRADIENT_03',
      is_prewarmed: false,
      is_scheduled: false,
      attached_file_ids: [],
      media_backend_type: 'free_willy',
      display_id: '',
      external_unique_id: 'd3m0d3m0-0000-4000-8000-00000000cafe',
      app_id: 'A00',
      call_family: 'huddle',
      pending_invitees: {},
      last_invite_status_by_user: {},
    },
    no_notifications: true,
    permalink: `https://acme-demo.slack.com/archives/${channel}/p${ts.replace('.', '')}`,
    subtype: 'huddle_thread',
    ts,
    blocks: richText('A huddle started', 'aBcDe'),
    team: DEMO_TEAM_ID,
  };
}
