import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventIngest } from './event-ingest.js';
import { checkSignature, checkTimestamp, type SignatureProblem } from './signature.js';
import { parseDelivery } from './slack-events.js';

/** Slack's default Request URL path (Bolt's too). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackEventsEndpointOptions {
  /** `SLACK_SIGNING_SECRET`: the app's signing secret. */
  signingSecret: string;
  ingest: EventIngest;
  /** Largest body read before refusing (413); Slack's event payloads are far smaller. @default 1 MiB */
  maxBodyBytes?: number;
  /** Hears each refused delivery (for logs and metrics); the sender learns only the status. */
  onRefused?: ((problem: SignatureProblem | 'malformed') => void) | undefined;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
}

/**
 * The Events API Request URL, served straight on node:http ahead of yoga, since the signature
 * covers the raw body bytes. A delivery is checked in order of cost: headers (missing or stale
 * timestamp: refused before reading the body), then the body (bounded), then one HMAC; only a
 * signed delivery is parsed, deduplicated and acted on, and it is answered within Slack's 3 s
 * (src/events/event-ingest.ts). A forged delivery therefore costs one bounded read and one
 * hash: no Slack call, no cache change, nothing remembered.
 * @see https://docs.slack.dev/apis/events-api/using-http-request-urls
 */
export function createSlackEventsEndpoint({
  signingSecret,
  ingest,
  maxBodyBytes = 1_048_576,
  onRefused,
  now = Date.now,
}: SlackEventsEndpointOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const refuse = (
    response: ServerResponse,
    status: number,
    problem: SignatureProblem | 'malformed',
  ) => {
    onRefused?.(problem);
    respond(response, status);
  };
  return (request, response) => {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      respond(response, 405);
      request.resume();
      return;
    }
    const delivery = {
      timestamp: header(request, 'x-slack-request-timestamp'),
      signature: header(request, 'x-slack-signature'),
    };
    const early = checkTimestamp(delivery, Math.floor(now() / 1_000));
    if (early !== undefined) {
      refuse(response, 401, early);
      request.resume();
      return;
    }
    readBody(request, maxBodyBytes).then(
      async (body) => {
        if (body === undefined) {
          response.setHeader('connection', 'close');
          respond(response, 413);
          return;
        }
        const problem = checkSignature(delivery, body, signingSecret, Math.floor(now() / 1_000));
        if (problem !== undefined) {
          refuse(response, 401, problem);
          return;
        }
        const parsed = parseDelivery(parseJson(body));
        if (parsed === undefined) {
          refuse(response, 400, 'malformed');
          return;
        }
        if (parsed.type === 'url_verification') {
          respond(response, 200, JSON.stringify({ challenge: parsed.challenge }));
          return;
        }
        if (parsed.type === 'event_callback') await ingest.accept(parsed);
        respond(response, 200);
      },
      () => respond(response, 400),
    );
  };
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

function respond(response: ServerResponse, status: number, json?: string): void {
  if (response.headersSent) return;
  if (json === undefined) {
    response.writeHead(status, { 'content-length': '0' }).end();
    return;
  }
  response
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
    })
    .end(json);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The whole body, or `undefined` as soon as it exceeds `limit` bytes (the rest is not kept). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        request.removeAllListeners('data');
        request.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}
