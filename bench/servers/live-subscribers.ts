/**
 * Subscribers of the live benchmarks, in their own process so that they do not share the
 * gateway's event loop: `SUBSCRIBERS` clients over `TRANSPORT` (`ws`: graphql-ws, one socket
 * each; `sse`: graphql-sse, one connection each; `sse-reader`: GraphQL over SSE read off the
 * socket with node:http, no client library) run `QUERY` with `VARIABLES` against
 * `GATEWAY_URL`. The reader separates the gateway's delivery from the client's own cost:
 * graphql-sse runs on fetch's web streams, and with a thousand subscribers in one process its
 * CPU per event exceeds the gateway's (the same gateway, writing the same bytes, is timed by both). Prints `subscribers ready` once every subscribe was sent, then one line per
 * event: `event <JSON array of arrival times>` (epoch milliseconds, comparable across processes
 * on one machine) once every subscriber has its payload. A stream that fails prints
 * `failed <message>`. Ends on SIGTERM.
 */
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

// biome-ignore-start lint/style/noProcessEnv: a bench child is configured by its parent's environment.
const url = process.env.GATEWAY_URL ?? '';
const count = Number(process.env.SUBSCRIBERS ?? '1');
const transport = process.env.TRANSPORT ?? 'ws';
const query = process.env.QUERY ?? '';
const variables = JSON.parse(process.env.VARIABLES ?? '{}') as Record<string, unknown>;
// biome-ignore-end lint/style/noProcessEnv: the rest is ordinary code.

interface Client {
  subscribe(
    payload: { query: string; variables: Record<string, unknown> },
    sink: { next(value: unknown): void; error(error: unknown): void; complete(): void },
  ): () => void;
  dispose(): void | Promise<void>;
}

function client(): Client {
  if (transport === 'sse-reader') return sseReader();
  if (transport === 'sse') return createSseClient({ url, retryAttempts: 0 });
  return createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
}

/**
 * One subscription over GraphQL over SSE (yoga's distinct-connections mode: a POST answered with
 * `text/event-stream`), its messages split at blank lines as they come off the socket.
 */
function sseReader(): Client {
  let close = (): void => {};
  return {
    subscribe(payload, sink) {
      const post = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      });
      post.on('response', (response) => {
        if (response.statusCode !== 200) {
          sink.error(new Error(`HTTP ${response.statusCode}`));
          response.resume();
          return;
        }
        response.setEncoding('utf8');
        let pending = '';
        response.on('data', (chunk: string) => {
          pending += chunk;
          for (let end = pending.indexOf('\n\n'); end !== -1; end = pending.indexOf('\n\n')) {
            const message = pending.slice(0, end);
            pending = pending.slice(end + 2);
            if (!message.startsWith('event: next')) continue;
            if (message.includes('"errors"')) sink.error(new Error(message));
            else sink.next(message);
          }
        });
        response.on('end', () => sink.complete());
      });
      post.on('error', (error) => sink.error(error));
      post.end(JSON.stringify(payload));
      close = () => post.destroy();
      return close;
    },
    dispose: () => close(),
  };
}

/** Arrival times of the event under way, one per subscriber. */
let arrivals: number[] = [];
const received = new Array<number>(count).fill(0);
let eventIndex = 0;

const clients = Array.from({ length: count }, client);
const unsubscribes = clients.map((each, index) =>
  each.subscribe(
    { query, variables },
    {
      next() {
        arrivals.push(performance.timeOrigin + performance.now());
        received[index] = (received[index] ?? 0) + 1;
        if (arrivals.length < count) return;
        if (received.some((payloads) => payloads !== eventIndex + 1)) return;
        process.stdout.write(`event ${JSON.stringify(arrivals)}\n`);
        arrivals = [];
        eventIndex += 1;
      },
      error(error) {
        process.stdout.write(`failed ${error instanceof Error ? error.message : String(error)}\n`);
      },
      complete() {},
    },
  ),
);
process.stdout.write('subscribers ready\n');

process.once('SIGTERM', () => {
  for (const unsubscribe of unsubscribes) unsubscribe();
  void Promise.all(clients.map((each) => each.dispose())).then(() => process.exit(0));
});
