import { describeCrossSubgraphQueries } from './cross-subgraph-suite.js';
import { startHiveGateway } from './routers.js';

describeCrossSubgraphQueries('@graphql-hive/gateway-runtime', startHiveGateway);
