import { LogLevel, SocketModeClient } from '@slack/socket-mode';
import type { EventIngest } from './event-ingest.js';
import { parseDelivery } from './slack-events.js';

export interface SocketModeIngestOptions {
  /** `SLACK_APP_TOKEN`: an app-level token (`xapp-…`) with `connections:write`. */
  appToken: string;
  /** The Web API base URL `apps.connections.open` is called on (the emulator in demo and tests). */
  slackApiUrl: string;
  ingest: EventIngest;
  /** Hears envelopes that are not events the gateway understands (acknowledged all the same). */
  onMalformed?: (() => void) | undefined;
  /** Hears a failed acknowledgement (the socket went away; Slack redelivers). */
  onError?: ((error: unknown) => void) | undefined;
}

export interface SocketModeIngest {
  /** Resolves once connected (after `hello`). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Takes events over Socket Mode with Slack's own client (`@slack/socket-mode`): it opens the
 * WebSocket from `apps.connections.open`, reconnects on `disconnect` warnings and refreshes.
 * Each `events_api` envelope goes through the same ingest as HTTP deliveries (dedupe on
 * `event_id`, invalidation before the acknowledgement), and is acknowledged within Slack's 3 s.
 * @see https://docs.slack.dev/apis/events-api/using-socket-mode
 */
export function createSocketModeIngest({
  appToken,
  slackApiUrl,
  ingest,
  onMalformed,
  onError,
}: SocketModeIngestOptions): SocketModeIngest {
  const client = new SocketModeClient({
    appToken,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl },
  });
  client.on('slack_event', ({ ack, type, body }) => {
    const delivery = type === 'events_api' ? parseDelivery(body) : undefined;
    const accepted =
      delivery?.type === 'event_callback' ? ingest.accept(delivery) : Promise.resolve(undefined);
    if (delivery?.type !== 'event_callback') onMalformed?.();
    accepted.then(() => ack()).catch((error: unknown) => onError?.(error));
  });
  return {
    async start() {
      await client.start();
    },
    async close() {
      await client.disconnect();
    },
  };
}
