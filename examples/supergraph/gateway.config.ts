// Hive Gateway CLI over the example supergraph. From the repository root:
//   npx hive-gateway supergraph --config-path examples/supergraph/gateway.config.ts
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  // Resolved from the working directory: run from the repository root.
  supergraph: './examples/supergraph/supergraph.graphql',
  // Loopback only, and not port 4000, where `npm start` serves this gateway.
  host: '127.0.0.1',
  port: 4100,
  // The gateway acts with the caller's Slack token: forward it to the subgraphs.
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization'),
    }),
  },
});
