import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLBody } from './gateway.js';

/** One subscription's payloads as a test reads them, whatever the transport. */
export interface Subscription {
  /** The next payload (waits for it); rejects if the stream failed at the transport level. */
  next(): Promise<GraphQLBody>;
  /** Resolves when the server completes the stream. */
  readonly completed: Promise<void>;
  close(): Promise<void>;
}

interface Sink {
  next(value: unknown): void;
  error(error: unknown): void;
  complete(): void;
}

function collector(): { sink: Sink; next(): Promise<GraphQLBody>; completed: Promise<void> } {
  const queue: GraphQLBody[] = [];
  const waiting: Array<{ resolve(body: GraphQLBody): void; reject(error: unknown): void }> = [];
  let failure: unknown;
  let complete!: () => void;
  const completed = new Promise<void>((resolve) => {
    complete = resolve;
  });
  return {
    sink: {
      next(value) {
        const waiter = waiting.shift();
        if (waiter === undefined) queue.push(value as GraphQLBody);
        else waiter.resolve(value as GraphQLBody);
      },
      error(error) {
        failure = error;
        for (const waiter of waiting.splice(0)) waiter.reject(error);
        complete();
      },
      complete() {
        complete();
      },
    },
    next() {
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    completed,
  };
}

/**
 * Subscribes over WebSocket with the `graphql-ws` client (the token in `connectionParams`, with
 * `headers`, as browsers cannot set headers on a WebSocket).
 */
export function subscribeOverWebSocket(
  graphqlUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Subscription {
  const client = createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { ...headers, Authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
  return subscribeWith(client, query, variables);
}

/** Subscribes over GraphQL over SSE with the `graphql-sse` client (distinct connections mode). */
export function subscribeOverSse(
  graphqlUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Subscription {
  const client = createSseClient({
    url: graphqlUrl,
    headers: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  return subscribeWith(client, query, variables);
}

/** Either protocol's client: both take the operation and a sink, and return their unsubscribe. */
function subscribeWith(
  client: {
    subscribe(
      payload: { query: string; variables: Record<string, unknown> },
      sink: Sink,
    ): () => void;
    dispose(): void | Promise<void>;
  },
  query: string,
  variables: Record<string, unknown>,
): Subscription {
  const { sink, next, completed } = collector();
  const unsubscribe = client.subscribe({ query, variables }, sink);
  return {
    next,
    completed,
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}

/** Waits (without a clock) until the gateway has `count` subscription streams open. */
export async function untilStreams(gateway: { openStreams: number }, count: number): Promise<void> {
  while (gateway.openStreams !== count) await new Promise((resolve) => setImmediate(resolve));
}
