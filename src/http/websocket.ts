import type { Server } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { SLACK_COST_HEADER } from '../operation-cost/slack-cost-plugin.js';
import type { Gateway } from './yoga.js';

/** The `graphql-transport-ws` subprotocol (the `graphql-ws` library), as Apollo, urql and Relay speak it. */
export const GRAPHQL_WS_PROTOCOL = 'graphql-transport-ws';

export interface GraphqlWebSocketOptions {
  /** Where clients connect (the GraphQL path). */
  path: string;
  /** Largest message accepted, in bytes (the request body limit of HTTP). */
  maxPayload: number;
}

export interface GraphqlWebSocket {
  /** Closes every socket (1001, going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/**
 * Serves GraphQL over WebSocket (`graphql-ws` protocol) on the HTTP server's upgrades at `path`,
 * through the same yoga instance, so operations get the same plugins, limits and context as over
 * HTTP. The token comes from `connectionParams` (`Authorization: Bearer …`, as browsers cannot
 * set headers on a WebSocket), else from the upgrade request's header, else the default token.
 * @see https://the-guild.dev/graphql/yoga-server/docs/features/subscriptions#graphql-over-websocket-protocol-via-graphql-ws
 */
export function attachGraphqlWebSocket(
  server: Server,
  yoga: Gateway,
  { path, maxPayload }: GraphqlWebSocketOptions,
): GraphqlWebSocket {
  const sockets = new WebSocketServer({ server, path, maxPayload });
  const disposable = useServer<Record<string, unknown>>(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (context, _id, payload) => {
        const headers = new Headers();
        const authorization =
          authorizationOf(context.connectionParams) ?? context.extra.request.headers.authorization;
        if (authorization !== undefined) headers.set('authorization', authorization);
        // Asking for `extensions.slackCost` where exposure is on request, as over HTTP.
        const askedForCost = paramOf(context.connectionParams, SLACK_COST_HEADER);
        if (askedForCost !== undefined) headers.set(SLACK_COST_HEADER, askedForCost);
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          request: new Request(`http://localhost${path}`, { method: 'POST', headers }),
          // A subscriber too slow for its buffer is cut off: its socket is terminated.
          disconnect: () => context.extra.socket.terminate(),
          params: payload,
        });
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies Enveloped,
        };
        const errors = validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
    },
    sockets,
  );
  return {
    async close() {
      for (const socket of sockets.clients) socket.close(1001, 'server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}

interface Enveloped {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}

function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  return paramOf(params, 'authorization');
}

/** A connection parameter named like an HTTP header, in any case. */
function paramOf(params: Record<string, unknown> | undefined, name: string): string | undefined {
  const key = Object.keys(params ?? {}).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : params?.[key];
  return typeof value === 'string' ? value : undefined;
}
