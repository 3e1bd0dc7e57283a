import { composeSupergraph } from '../../examples/supergraph/compose.js';
import { printedSchema } from '../../src/graphql/print-schema.js';
import { type GraphQLBody, startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { type ProjectsSubgraph, startProjectsSubgraph } from './projects-subgraph.js';

/** Both subgraphs on 127.0.0.1 and the supergraph they compose to, with their real URLs. */
export interface SupergraphBackends {
  /** This gateway (subgraph `slack`) over a fresh emulator. */
  slack: TestGateway;
  projects: ProjectsSubgraph;
  supergraphSdl: string;
  close(): Promise<void>;
}

export async function startSupergraphBackends(): Promise<SupergraphBackends> {
  const slack = await startTestGateway();
  const projects = await startProjectsSubgraph();
  const supergraphSdl = composeSupergraph([
    { name: 'slack', sdl: printedSchema(), url: slack.url },
    { name: 'projects', sdl: projects.sdl, url: projects.url },
  ]);
  return {
    slack,
    projects,
    supergraphSdl,
    async close() {
      await projects.close();
      await slack.close();
    },
  };
}

/** POSTs a GraphQL request to a router over a real socket, as a client app would. */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  token: string | null,
): Promise<GraphQLBody<TData>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return (await response.json()) as GraphQLBody<TData>;
}
