import { signBody } from '../../src/events/signature.js';
import type { SlackEventCallback, SlackInnerEvent } from '../../src/events/slack-events.js';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';

/** The signing secret test gateways are started with. */
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';

let nextEventId = 0;

/** An `event_callback` envelope as Slack sends it, with a fresh `event_id` unless one is given. */
export function eventCallback(event: SlackInnerEvent, eventId?: string): SlackEventCallback {
  nextEventId += 1;
  return {
    type: 'event_callback',
    event_id: eventId ?? `EvTEST${String(nextEventId).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1_000),
    team_id: SCENARIO_IDS.team,
    api_app_id: 'A0TESTAPP',
    event: { event_ts: `${Date.now() / 1_000}`, ...event },
    authorizations: [{ team_id: SCENARIO_IDS.team, user_id: SCENARIO_IDS.users.alice }],
  };
}

export interface DeliveryOptions {
  /** @default TEST_SIGNING_SECRET */
  secret?: string;
  /** Unix seconds. @default now */
  timestamp?: number;
  /** Replaces the computed signature (a forgery). */
  signature?: string;
  retryNum?: number;
}

/** POSTs `body` to the gateway's `/slack/events` as Slack would (signed, over a real socket). */
export async function deliverEvent(
  origin: string,
  body: string | object,
  options: DeliveryOptions = {},
): Promise<{ status: number; text: string }> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1_000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature':
      options.signature ??
      signBody(options.secret ?? TEST_SIGNING_SECRET, timestamp, Buffer.from(raw)),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const response = await fetch(`${origin}/slack/events`, { method: 'POST', headers, body: raw });
  return { status: response.status, text: await response.text() };
}
