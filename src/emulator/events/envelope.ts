import { randomBytes } from 'node:crypto';
import type { WorkspaceState } from '../state/store.js';
import type { EventAuthorization } from './authorization.js';
import type { EmittedEvent, InnerEvent } from './emitted-event.js';

/** The body Slack POSTs to the Request URL for an event (and the `payload` of a Socket Mode envelope). */
export interface EventCallback {
  /** The app's legacy verification token (deprecated in favour of request signing). */
  token: string;
  team_id: string;
  context_team_id: string;
  context_enterprise_id: string | null;
  api_app_id: string;
  event: InnerEvent;
  type: 'event_callback';
  /** Unique per event, identical on every retry: the receiver's deduplication key. */
  event_id: string;
  /** Epoch seconds when the event was dispatched. */
  event_time: number;
  authorizations: EventAuthorization[];
  is_ext_shared_channel: boolean;
  /** Opaque; Slack's `apps.event.authorizations.list` takes it. */
  event_context: string;
}

/** The body of the Request URL handshake. */
export interface UrlVerification {
  token: string;
  challenge: string;
  type: 'url_verification';
}

const EVENT_ID_PREFIX = randomBytes(2).readUInt16BE(0).toString(36).toUpperCase().padStart(4, '0');
let eventSequence = 0;

/** `Ev` plus 12 upper-case alphanumerics, unique within and across emulator processes (in practice). */
function nextEventId(): string {
  eventSequence += 1;
  return `Ev${EVENT_ID_PREFIX}${eventSequence.toString(36).toUpperCase().padStart(8, '0')}`;
}

/**
 * Slack's `event_context` is `4-` and base64url JSON naming the event type, team, app and
 * channel; receivers must treat it as opaque.
 */
function eventContext(state: WorkspaceState, emitted: EmittedEvent): string {
  const context = {
    et: emitted.event.type,
    tid: state.team.id,
    aid: state.app.id,
    cid: emitted.channelId,
  };
  return `4-${Buffer.from(JSON.stringify(context)).toString('base64url')}`;
}

/** Wraps an event in the `event_callback` envelope, fields in the order Slack sends them. */
export function buildEventCallback(
  state: WorkspaceState,
  emitted: EmittedEvent,
  authorization: EventAuthorization,
): EventCallback {
  return {
    token: state.app.verification_token,
    team_id: state.team.id,
    context_team_id: state.team.id,
    context_enterprise_id: state.team.enterprise_id ?? null,
    api_app_id: state.app.id,
    event: emitted.event,
    type: 'event_callback',
    event_id: nextEventId(),
    event_time: state.nowSeconds(),
    authorizations: [authorization],
    is_ext_shared_channel: emitted.extShared,
    event_context: eventContext(state, emitted),
  };
}

/** A fresh `url_verification` body with a random challenge. */
export function buildUrlVerification(verificationToken: string): UrlVerification {
  return {
    token: verificationToken,
    challenge: randomBytes(24).toString('base64url'),
    type: 'url_verification',
  };
}
