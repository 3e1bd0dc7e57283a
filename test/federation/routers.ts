import type { IncomingMessage } from 'node:http';
import { startServer } from '../../src/http/server.js';

/** A federation router serving a supergraph on 127.0.0.1. */
export interface RunningRouter {
  /** The router's GraphQL endpoint. */
  url: string;
  close(): Promise<void>;
}

/**
 * `@apollo/gateway` with a static supergraph (no uplink, no managed federation) inside Apollo
 * Server, forwarding the client's `Authorization` to the subgraphs. Telemetry is switched off
 * before either package loads: the gateway reads `APOLLO_TELEMETRY_DISABLED` (otherwise it
 * exports usage metrics to apollographql.com), and Apollo Server reports nothing without
 * `APOLLO_KEY`, which is cleared, and with usage reporting explicitly disabled.
 * @see https://www.apollographql.com/docs/apollo-server/using-federation/apollo-gateway-setup
 */
export async function startApolloGateway(supergraphSdl: string): Promise<RunningRouter> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  delete process.env.APOLLO_KEY;
  delete process.env.APOLLO_GRAPH_REF;
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } =
    await import('@apollo/server/plugin/disabled');

  interface RouterContext {
    authorization?: string | undefined;
  }
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<RouterContext>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization)
            request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const server = new ApolloServer<RouterContext>({
    gateway,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }: { req: IncomingMessage }) => ({
      authorization: req.headers.authorization,
    }),
  });
  return { url, close: () => server.stop() };
}

/**
 * `@graphql-hive/gateway-runtime` over the same supergraph, forwarding `Authorization`; it
 * reports usage only when `reporting` is configured, which it is not.
 * @see https://the-guild.dev/graphql/hive/docs/gateway/other-features/header-propagation
 */
export async function startHiveGateway(supergraphSdl: string): Promise<RunningRouter> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway-runtime');
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    landingPage: false,
    graphiql: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization'),
      }),
    },
  });
  const server = await startServer(gateway, { port: 0, host: '127.0.0.1' });
  return {
    url: `${server.origin}/graphql`,
    async close() {
      await server.close();
      await gateway.dispose();
    },
  };
}
