import type { SlackConversation, SlackMessage } from '../slack/wire-types.js';

/**
 * The inner `event` of an `event_callback`, with the fields the gateway reads. Slack's payloads
 * vary per type (a channel is an ID in most events and an object in `channel_created` and the
 * renames), so every field is optional and read defensively.
 * @see https://docs.slack.dev/reference/events
 */
export interface SlackInnerEvent {
  type: string;
  subtype?: string;
  channel?: string | (Partial<SlackConversation> & { id: string });
  channel_type?: string;
  user?: string | { id: string };
  actor_id?: string;
  inviter?: string;
  ts?: string;
  thread_ts?: string;
  event_ts?: string;
  text?: string;
  hidden?: boolean;
  /** `message_changed`: the message after the edit. */
  message?: SlackMessage;
  /** `message_changed` / `message_deleted`: the message before. */
  previous_message?: SlackMessage;
  /** `message_deleted`: the `ts` of the deleted message. */
  deleted_ts?: string;
  /** `channel_topic` / `channel_purpose` / `channel_name` message subtypes. */
  topic?: string;
  purpose?: string;
  name?: string;
  old_name?: string;
  /** `tokens_revoked`: the user ids (`oauth`) and bot ids (`bot`) whose tokens went. */
  tokens?: { oauth?: string[]; bot?: string[] };
  /** `reaction_added` / `reaction_removed`. */
  item?: { type?: string; channel?: string; ts?: string };
}

/** One installation that can see an event (Slack sends at most one). */
export interface SlackEventAuthorization {
  team_id?: string | null;
  user_id?: string;
  is_bot?: boolean;
}

/**
 * The `event_callback` envelope; `event_id` is the same on every retry of one delivery.
 * @see https://docs.slack.dev/apis/events-api/#callback-field
 */
export interface SlackEventCallback {
  type: 'event_callback';
  event_id: string;
  event_time: number;
  team_id: string | null;
  api_app_id?: string;
  event: SlackInnerEvent;
  authorizations?: SlackEventAuthorization[];
  event_context?: string;
}

/** What a delivery's body is, once parsed. */
export type SlackDelivery =
  | { type: 'url_verification'; challenge: string }
  | SlackEventCallback
  /** Anything else Slack sends to the Request URL (e.g. `app_rate_limited`): answered, not acted on. */
  | { type: 'other'; name: string };

/** Reads a delivery body; `undefined` when it is not one of Slack's shapes. */
export function parseDelivery(body: unknown): SlackDelivery | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (record.type === 'url_verification') {
    return typeof record.challenge === 'string'
      ? { type: 'url_verification', challenge: record.challenge }
      : undefined;
  }
  if (record.type === 'event_callback') {
    const event = record.event as Record<string, unknown> | undefined;
    if (typeof record.event_id !== 'string' || typeof event?.type !== 'string') return undefined;
    return body as SlackEventCallback;
  }
  return typeof record.type === 'string' ? { type: 'other', name: record.type } : undefined;
}

/** The conversation an event is about, whether Slack sent an ID or an object. */
export function channelOf(event: SlackInnerEvent): string | undefined {
  const { channel } = event;
  if (typeof channel === 'string') return channel;
  if (typeof channel?.id === 'string') return channel.id;
  return typeof event.item?.channel === 'string' ? event.item.channel : undefined;
}

/** The user an event names (`im_created` and some others send an object). */
export function userOf(event: SlackInnerEvent): string | undefined {
  const { user } = event;
  return typeof user === 'string' ? user : user?.id;
}

/** The users and bots whose tokens a `tokens_revoked` event revokes (none for any other event). */
export function revokedBy(event: SlackInnerEvent): string[] {
  if (event.type !== 'tokens_revoked') return [];
  return [...(event.tokens?.oauth ?? []), ...(event.tokens?.bot ?? [])];
}
