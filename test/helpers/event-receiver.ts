import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import { EV } from '../fixtures/events-workspace.js';

/** One request the receiver got. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: Record<string, unknown>;
}

/** How the receiver answers a request: a status (and headers), or never (`hang`). */
export type ReceiverAnswer =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { hang: true };

/**
 * A local Events API Request URL on 127.0.0.1: records every request and answers
 * `url_verification` with its challenge (as JSON) and everything else as `answer` decides
 * (HTTP 200 by default).
 */
export interface EventReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Deliveries only (`event_callback` bodies). */
  callbacks(): ReceivedRequest[];
  answer: (request: ReceivedRequest, index: number) => ReceiverAnswer;
  close(): Promise<void>;
}

export async function startEventReceiver(): Promise<EventReceiver> {
  const hung: ServerResponse[] = [];
  const receiver: EventReceiver = {
    url: '',
    requests: [],
    callbacks: () => receiver.requests.filter((request) => request.body.type === 'event_callback'),
    answer: () => ({ status: 200 }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hung) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const received = { headers: request.headers, rawBody, body: JSON.parse(rawBody) };
      receiver.requests.push(received);
      if (received.body.type === 'url_verification') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ challenge: received.body.challenge }));
        return;
      }
      const answer = receiver.answer(received, receiver.callbacks().length - 1);
      if ('hang' in answer) {
        hung.push(response);
        return;
      }
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return receiver;
}

/**
 * Checks Slack's v0 signature of a received request, written independently of the emulator:
 * HMAC-SHA256 over `v0:<X-Slack-Request-Timestamp>:<raw body>`, compared in constant time.
 */
export function hasValidSignature(request: ReceivedRequest, signingSecret: string): boolean {
  const timestamp = request.headers['x-slack-request-timestamp'];
  const signature = request.headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${request.rawBody}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Posts `text` in #general as Bob (a user of another app), through the official client: a change
 * the app did not make, which its bot sees.
 */
export async function postAsBob(apiUrl: string, text: string): Promise<void> {
  const client = new WebClient(EV.tokens.bob, { slackApiUrl: apiUrl, logLevel: LogLevel.ERROR });
  await client.chat.postMessage({ channel: EV.channels.general, text });
}
