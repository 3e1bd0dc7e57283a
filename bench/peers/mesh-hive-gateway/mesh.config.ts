// GraphQL Mesh compose configuration of the benchmark peer: one subgraph generated from the
// OpenAPI description in ./openapi. Where the REST calls go and which token they carry are read
// from the environment when the supergraph is composed (SLACK_URL, SLACK_TOKEN).
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('Slack', {
        source: './openapi/slack-conversations.yaml',
        endpoint: '{env.SLACK_URL}/api',
        operationHeaders: { Authorization: 'Bearer {env.SLACK_TOKEN}' },
      }),
    },
  ],
});
