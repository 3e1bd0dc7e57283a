import { describeCrossSubgraphQueries } from './cross-subgraph-suite.js';
import { startApolloGateway } from './routers.js';

// Before @apollo/gateway loads (routers.ts imports it lazily): no anonymous telemetry.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

describeCrossSubgraphQueries(
  '@apollo/gateway (static supergraph, in Apollo Server)',
  startApolloGateway,
);
